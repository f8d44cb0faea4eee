import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

const STORAGE = 'finder.api_key';

/** The key lives in this tab's sessionStorage only: closing the tab forgets it, and it never goes into a URL. */
export function readApiKey(): string {
  try {
    return sessionStorage.getItem(STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function ApiKeyForm({ apiKey, onKey }: { apiKey: string; onKey: (key: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  if (apiKey) {
    return (
      <div className="api-key" data-testid="api-key-set">
        <p>{t('feeds.key_set', { end: apiKey.slice(-4) })}</p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            sessionStorage.removeItem(STORAGE);
            onKey('');
          }}
        >
          {t('feeds.key_forget')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="api-key"
      onSubmit={(e) => {
        e.preventDefault();
        const k = draft.trim();
        if (!k) return;
        sessionStorage.setItem(STORAGE, k);
        setDraft('');
        onKey(k);
      }}
    >
      <label htmlFor={`${id}-key`}>{t('feeds.key_label')}</label>
      <div className="search-row">
        <input
          id={`${id}-key`}
          type="password"
          autoComplete="off"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <button type="submit">{t('feeds.key_use')}</button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t('feeds.key_hint')}
      </p>
    </form>
  );
}
