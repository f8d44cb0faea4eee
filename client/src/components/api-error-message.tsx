import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';

/**
 * What went wrong, in the reader's language: the server's own problem+json
 * text (asked for in that language), or the client's words when the server
 * is out of reach or does not offer the endpoint yet. Never a stack trace.
 */
export function ApiErrorMessage({ error, what }: { error: unknown; what?: string }) {
  const { t } = useTranslation();
  let text: string;
  if (error instanceof ApiError && error.missing)
    text = t('errors.missing_endpoint', { path: error.path.split('?')[0] });
  else if (error instanceof ApiError && error.status === 0) text = t('errors.offline');
  else if (error instanceof ApiError && (error.title || error.detail))
    text = [error.title, error.detail].filter(Boolean).join(': ');
  else text = t('errors.generic');
  return (
    <p className="error" role="alert">
      {what ? `${what} ` : ''}
      {text}
    </p>
  );
}
