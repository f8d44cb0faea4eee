import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  feedSettings,
  previewMapping,
  saveFeedSettings,
  type FeedSettings as Settings,
  type MappingPreview,
} from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import { useApi } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';

interface Form {
  licence: string;
  attribution_en: string;
  attribution_fr: string;
  source_url: string;
  mapping: Record<string, string>;
}

const formOf = (s: Settings): Form => ({
  licence: s.licence ?? '',
  attribution_en: s.attribution_en ?? '',
  attribution_fr: s.attribution_fr ?? '',
  source_url: s.source_url ?? '',
  mapping: { ...s.mapping },
});

/** The mapping as the API takes it: blank fields left out (the headers decide for them). */
function mappingOf(form: Form): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form.mapping)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v !== ''),
  );
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * A feed's settings as its steward keeps them: licence, attribution in both
 * languages, the source URL, and which column of the file fills each field,
 * with a preview of a file's first rows read by that mapping before it is saved.
 */
export function FeedSettingsForm({
  feedId,
  apiKey,
  lang,
  onSaved,
}: {
  feedId: string;
  apiKey: string;
  lang: Lang;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const settings = useApi((s) => feedSettings(feedId, lang, s), `${feedId}|${lang}`);
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<MappingPreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);

  useEffect(() => {
    if (settings.data) setForm(formOf(settings.data));
  }, [settings.data]);
  useEffect(() => {
    setPreview(null);
    setMessage('');
    setError(null);
  }, [feedId]);

  const fields = settings.data?.fields ?? [];
  const label = (field: string) => t(`steward.field_${field}`, { defaultValue: field });
  const fieldErrors = error instanceof ApiError ? error.fields : [];
  const errorOf = (name: string) => fieldErrors.find((e) => e.field === name)?.message;
  const describedBy = (name: string, hint?: string) =>
    [hint, errorOf(name) ? `${id}-${name}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (name: string) =>
    errorOf(name) ? (
      <p className="error" id={`${id}-${name}-error`}>
        {errorOf(name)}
      </p>
    ) : null;

  if (settings.error !== null) return <ApiErrorMessage error={settings.error} />;
  if (!form) return null;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const save = async () => {
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const saved = await saveFeedSettings(
        apiKey,
        feedId,
        {
          licence: form.licence.trim() || null,
          attribution_en: form.attribution_en.trim() || null,
          attribution_fr: form.attribution_fr.trim() || null,
          source_url: form.source_url.trim() || null,
          mapping: mappingOf(form),
        },
        lang,
      );
      setForm(formOf(saved));
      setMessage(t('steward.saved'));
      onSaved?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const runPreview = async () => {
    if (!file) return;
    setPreviewError(null);
    try {
      setPreview(await previewMapping(apiKey, feedId, file, mappingOf(form), lang));
    } catch (e) {
      setPreview(null);
      setPreviewError(e);
    }
  };

  const text = (name: 'licence' | 'attribution_en' | 'attribution_fr', max: number) => (
    <div className="filter-row">
      <label htmlFor={`${id}-${name}`}>{t(`steward.${name}`)}</label>
      <input
        id={`${id}-${name}`}
        type="text"
        maxLength={max}
        value={form[name]}
        aria-invalid={errorOf(name) ? true : undefined}
        aria-describedby={describedBy(name)}
        onChange={(e) => set({ [name]: e.target.value })}
      />
      {fieldError(name)}
    </div>
  );

  const shownFields = preview?.fields.filter((f) => f.column !== null) ?? [];
  return (
    <section aria-labelledby={`${id}-title`} data-testid="feed-settings" className="feed-settings">
      <h3 id={`${id}-title`}>{t('steward.settings_title')}</h3>
      <p className="hint">{t('steward.settings_hint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="filter-grid">
          {text('licence', 300)}
          {text('attribution_en', 500)}
          {text('attribution_fr', 500)}
          <div className="filter-row">
            <label htmlFor={`${id}-source_url`}>{t('steward.source_url')}</label>
            <input
              id={`${id}-source_url`}
              type="url"
              maxLength={2000}
              value={form.source_url}
              aria-invalid={errorOf('source_url') ? true : undefined}
              aria-describedby={describedBy('source_url', `${id}-source_url-hint`)}
              onChange={(e) => set({ source_url: e.target.value })}
            />
            <p className="hint" id={`${id}-source_url-hint`}>
              {t('steward.source_url_hint')}
            </p>
            {fieldError('source_url')}
          </div>
        </div>
        <fieldset>
          <legend>{t('steward.mapping_legend')}</legend>
          <p className="hint">{t('steward.mapping_hint')}</p>
          <div className="table-scroll short" tabIndex={0} role="region" aria-label={t('steward.mapping_table')}>
            <table className="data compact mapping-table">
              <thead>
                <tr>
                  <th scope="col">{t('steward.col_field')}</th>
                  <th scope="col">{t('steward.col_column')}</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((f) => (
                  <tr key={f}>
                    <th scope="row">
                      <label htmlFor={`${id}-map-${f}`}>{label(f)}</label>
                    </th>
                    <td>
                      <input
                        id={`${id}-map-${f}`}
                        type="text"
                        maxLength={200}
                        data-field={f}
                        list={preview ? `${id}-columns` : undefined}
                        value={form.mapping[f] ?? ''}
                        aria-invalid={errorOf(`mapping.${f}`) ? true : undefined}
                        aria-describedby={describedBy(`mapping.${f}`)}
                        onChange={(e) => set({ mapping: { ...form.mapping, [f]: e.target.value } })}
                      />
                      {fieldError(`mapping.${f}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview && (
            <datalist id={`${id}-columns`}>
              {[...preview.fields.flatMap((f) => (f.column ? [f.column] : [])), ...preview.unmapped].map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          )}
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? t('steward.saving') : t('steward.save')}
        </button>
      </form>
      <p role="status" className="feeds-message" data-testid="settings-message">
        {message}
      </p>
      {error !== null && <ApiErrorMessage error={error} />}

      <h4>{t('steward.preview_title')}</h4>
      <p className="hint" id={`${id}-preview-hint`}>
        {t('steward.preview_hint')}
      </p>
      <form
        className="preview-form"
        onSubmit={(e) => {
          e.preventDefault();
          void runPreview();
        }}
      >
        <div className="filter-row">
          <label htmlFor={`${id}-preview-file`}>{t('steward.preview_file')}</label>
          <input
            id={`${id}-preview-file`}
            type="file"
            accept=".csv,.json,.geojson,.txt,text/csv,application/json,application/geo+json"
            aria-describedby={`${id}-preview-hint`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" className="secondary" disabled={!file}>
          {t('steward.preview_run')}
        </button>
      </form>
      {previewError !== null && <ApiErrorMessage error={previewError} />}
      {preview && (
        <div data-testid="mapping-preview" aria-live="polite">
          {!preview.fields.some((f) => f.field === 'name' && f.column) && (
            <p className="error">{t('steward.no_name_note')}</p>
          )}
          {preview.unknown.length > 0 && (
            <ul className="preview-notes" data-testid="unknown-columns">
              {preview.unknown.map((u) => (
                <li key={`${u.field}:${u.column}`} className="error">
                  {t('steward.unknown_note', { column: u.column, field: label(u.field) })}
                </li>
              ))}
            </ul>
          )}
          {preview.unmapped.length > 0 && (
            <p className="hint" data-testid="unmapped-columns">
              {t('steward.unmapped_note', { count: preview.unmapped.length, columns: preview.unmapped.join(', ') })}
            </p>
          )}
          {preview.rows.length === 0 ? (
            <p>{t('steward.preview_none')}</p>
          ) : (
            <div
              className="table-scroll"
              tabIndex={0}
              role="region"
              aria-label={t('steward.preview_table', { count: preview.rows.length })}
            >
              <table className="data compact">
                <caption>{t('steward.preview_table', { count: preview.rows.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('steward.col_row')}</th>
                    {shownFields.map((f) => (
                      <th scope="col" key={f.field}>
                        {label(f.field)}
                        <span className="column-source">
                          {t(f.by === 'mapping' ? 'steward.by_mapping' : 'steward.by_guess', { column: f.column })}
                        </span>
                      </th>
                    ))}
                    {preview.unmapped.map((c) => (
                      <th scope="col" key={`x-${c}`} className="unmapped">
                        {t('steward.unmapped_head', { column: c })}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.row}>
                      <th scope="row">{r.row}</th>
                      {shownFields.map((f) => (
                        <td key={f.field}>{cell(r.values[f.field])}</td>
                      ))}
                      {preview.unmapped.map((c) => (
                        <td key={`x-${c}`} className="unmapped">
                          {cell(r.extra[c])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
