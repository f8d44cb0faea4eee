import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function Fallback({ what, onRetry }: { what: string | undefined; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error panel-error" role="alert" data-testid="panel-error">
      <p>{what ? t('errors.panel_named', { what }) : t('errors.panel')}</p>
      <button type="button" className="secondary" onClick={onRetry}>
        {t('errors.retry')}
      </button>
    </div>
  );
}

/**
 * Keeps the page alive when one panel throws while rendering (an odd link, a
 * value no one expected): that panel says so, in the reader's language, with a
 * way to try again; the rest of the page keeps working. `resetKey` clears the
 * error when what the panel shows changes (another point, another search).
 */
export class ErrorBoundary extends Component<
  { children: ReactNode; what?: string; resetKey?: unknown },
  { failed: boolean; key: unknown }
> {
  override state = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey?: unknown }, state: { failed: boolean; key: unknown }) {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A panel failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.failed) return <Fallback what={this.props.what} onRetry={() => this.setState({ failed: false })} />;
    return this.props.children;
  }
}
