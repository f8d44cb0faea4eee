import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisParams } from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';
import { LEVELS } from '../../map/levels.js';
import { taxonName, type Taxonomy } from '../../taxonomy/use-taxonomy.js';

export const PROVINCES = ['NL', 'PE', 'NS', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU'];

export interface AnalysisControlsProps {
  lang: Lang;
  params: AnalysisParams;
  taxonomy: Taxonomy;
  onApply: (p: AnalysisParams) => void;
}

/** Threshold and filters, applied together so each applied state is one step of the history. */
export function AnalysisControls({ lang, params, taxonomy, onApply }: AnalysisControlsProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(params);
  const [threshold, setThreshold] = useState(String(params.threshold_km));
  const key = JSON.stringify(params);
  useEffect(() => {
    setDraft(params);
    setThreshold(String(params.threshold_km));
    // The applied parameters (from the URL) reset the form on back and forward.
  }, [key]);
  const km = Number(threshold);
  const valid = Number.isFinite(km) && km > 0 && km <= 1000;
  return (
    <form
      className="analysis-controls"
      aria-label={t('analysis.controls')}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onApply({ ...draft, threshold_km: km });
      }}
    >
      <div className="filter-row">
        <label htmlFor={`${id}-km`}>{t('analysis.threshold')}</label>
        <input
          id={`${id}-km`}
          type="number"
          inputMode="decimal"
          min={1}
          max={1000}
          step={1}
          value={threshold}
          aria-invalid={!valid}
          aria-describedby={`${id}-km-hint`}
          onChange={(e) => setThreshold(e.target.value)}
        />
        <span id={`${id}-km-hint`} className="hint">
          {valid ? t('analysis.threshold_hint') : t('analysis.threshold_invalid')}
        </span>
      </div>
      <fieldset>
        <legend>{t('filters.level')}</legend>
        <div className="checks">
          {LEVELS.map((l) => (
            <label key={l} className="check">
              <input
                type="checkbox"
                checked={draft.level?.includes(l) ?? false}
                onChange={(e) => {
                  const rest = (draft.level ?? []).filter((x) => x !== l);
                  setDraft({ ...draft, level: e.target.checked ? [...rest, l] : rest });
                }}
              />
              {t(`level.${l}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="filter-grid">
        <div className="filter-row">
          <label htmlFor={`${id}-jur`}>{t('analysis.jurisdiction')}</label>
          <input
            id={`${id}-jur`}
            type="text"
            value={draft.jurisdiction?.join(',') ?? ''}
            placeholder="ca, ca-nb"
            aria-describedby={`${id}-jur-hint`}
            onChange={(e) => setDraft({ ...draft, jurisdiction: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })}
          />
          <span id={`${id}-jur-hint`} className="hint">
            {t('analysis.jurisdiction_hint')}
          </span>
        </div>
        <div className="filter-row">
          <label htmlFor={`${id}-cat`}>{t('filters.category')}</label>
          <select id={`${id}-cat`} value={draft.category?.[0] ?? ''} onChange={(e) => setDraft({ ...draft, category: e.target.value ? [e.target.value] : [] })}>
            <option value="">{t('filters.any_service')}</option>
            {(taxonomy.categories ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {taxonName(c, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-row">
          <label htmlFor={`${id}-prov`}>{t('analysis.province')}</label>
          <select id={`${id}-prov`} value={draft.province?.[0] ?? ''} onChange={(e) => setDraft({ ...draft, province: e.target.value ? [e.target.value] : [] })}>
            <option value="">{t('analysis.all_provinces')}</option>
            {PROVINCES.map((p) => (
              <option key={p} value={p}>
                {t(`province.${p}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit">{t('analysis.apply')}</button>
    </form>
  );
}
