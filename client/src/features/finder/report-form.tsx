import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportProblem, type ServicePoint } from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import type { Lang } from '../../i18n/index.js';

const MAX = 2000;

/**
 * "Is something wrong?": a short form that files a report with the stewards of
 * the point's feed. Nothing but what the person types is sent. The hidden
 * "website" field is a trap for robots: people never see or reach it.
 */
export function ReportForm({ point, lang }: { point: ServicePoint; lang: Lang }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [email, setEmail] = useState('');
  const [trap, setTrap] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'error'>('idle');
  const [error, setError] = useState<unknown>(null);
  const done = useRef<HTMLParagraphElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);

  const submit = async () => {
    setState('sending');
    setError(null);
    try {
      await reportProblem(
        point.id,
        {
          message: message.trim(),
          ...(email.trim() ? { email: email.trim() } : {}),
          ...(trap ? { website: trap } : {}),
        },
        lang,
      );
      setState('sent');
      requestAnimationFrame(() => done.current?.focus());
    } catch (e) {
      setError(e);
      setState('error');
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="report-problem">
      <h3 id={`${id}-title`}>{t('detail.report_title')}</h3>
      {state === 'sent' ? (
        <p ref={done} tabIndex={-1} role="status" data-testid="report-sent">
          {t('report.sent', { publisher: point.jurisdiction_name })}
        </p>
      ) : !open ? (
        <button
          type="button"
          className="secondary"
          aria-expanded="false"
          onClick={() => {
            setOpen(true);
            requestAnimationFrame(() => field.current?.focus());
          }}
        >
          {t('report.open', { publisher: point.jurisdiction_name })}
        </button>
      ) : (
        <form
          noValidate={false}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <p className="hint" id={`${id}-hint`}>
            {t('report.hint', { feed: point.source.feed_name })}
          </p>
          <div className="filter-row">
            <label htmlFor={`${id}-message`}>{t('report.message')}</label>
            <textarea
              ref={field}
              id={`${id}-message`}
              name="message"
              required
              minLength={5}
              maxLength={MAX}
              rows={4}
              aria-describedby={`${id}-hint ${id}-count`}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
            />
            <span id={`${id}-count`} className="hint">
              {t('report.count', { count: MAX - message.length })}
            </span>
          </div>
          <div className="filter-row">
            <label htmlFor={`${id}-email`}>{t('report.email')}</label>
            <input
              id={`${id}-email`}
              name="email"
              type="email"
              autoComplete="email"
              maxLength={254}
              aria-describedby={`${id}-email-hint`}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <span id={`${id}-email-hint`} className="hint">
              {t('report.email_hint')}
            </span>
          </div>
          <div className="trap" aria-hidden="true">
            <label htmlFor={`${id}-website`}>Website</label>
            <input
              id={`${id}-website`}
              name="website"
              type="text"
              tabIndex={-1}
              autoComplete="off"
              value={trap}
              onChange={(e) => setTrap(e.target.value)}
            />
          </div>
          <button type="submit" disabled={state === 'sending'}>
            {state === 'sending' ? t('report.sending') : t('report.send')}
          </button>
          {state === 'error' && <ApiErrorMessage error={error} what={t('report.failed')} />}
        </form>
      )}
    </section>
  );
}
