import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CANDIDATES, type LayerParams } from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';
import { LEVELS } from '../../map/levels.js';
import { taxonName, type Taxonomy } from '../../taxonomy/use-taxonomy.js';

export const PROVINCES = ['NL', 'PE', 'NS', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU'];

export interface AnalysisControlsProps {
  lang: Lang;
  params: LayerParams;
  taxonomy: Taxonomy;
  onApply: (p: LayerParams) => void;
}

/** Threshold and filters, applied together so each applied state is one step of the history. */
export function AnalysisControls({ lang, params, taxonomy, onApply }: AnalysisControlsProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(params);
  const [threshold, setThreshold] = useState(String(params.threshold_km));
  const [maxM, setMaxM] = useState(String(params.max_m ?? 500));
  const [k, setK] = useState(String(params.k ?? 5));
  const key = JSON.stringify(params);
  useEffect(() => {
    setDraft(params);
    setThreshold(String(params.threshold_km));
    setMaxM(String(params.max_m ?? 500));
    setK(String(params.k ?? 5));
    // The applied parameters (from the URL) reset the form on back and forward.
  }, [key]);
  const km = Number(threshold);
  const valid = Number.isFinite(km) && km > 0 && km <= 1000;
  const m = Number(maxM);
  const validM = maxM.trim() !== '' && Number.isFinite(m) && m >= 1 && m <= 5000;
  const sites = Number(k);
  const validK = Number.isInteger(sites) && sites >= 1 && sites <= 50;
  return (
    <form
      className="analysis-controls"
      aria-label={t('analysis.controls')}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && validM && validK) onApply({ ...draft, threshold_km: km, max_m: m, k: sites });
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
            onChange={(e) =>
              setDraft({
                ...draft,
                jurisdiction: e.target.value
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              })
            }
          />
          <span id={`${id}-jur-hint`} className="hint">
            {t('analysis.jurisdiction_hint')}
          </span>
        </div>
        <div className="filter-row">
          <label htmlFor={`${id}-cat`}>{t('filters.category')}</label>
          <select
            id={`${id}-cat`}
            value={draft.category?.[0] ?? ''}
            onChange={(e) => setDraft({ ...draft, category: e.target.value ? [e.target.value] : [] })}
          >
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
          <select
            id={`${id}-prov`}
            value={draft.province?.[0] ?? ''}
            onChange={(e) => setDraft({ ...draft, province: e.target.value ? [e.target.value] : [] })}
          >
            <option value="">{t('analysis.all_provinces')}</option>
            {PROVINCES.map((p) => (
              <option key={p} value={p}>
                {t(`province.${p}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset>
        <legend>{t('atlas.partnership_controls')}</legend>
        <div className="filter-grid">
          <div className="filter-row">
            <label htmlFor={`${id}-m`}>{t('atlas.max_m')}</label>
            <input
              id={`${id}-m`}
              type="number"
              inputMode="numeric"
              min={1}
              max={5000}
              step={1}
              value={maxM}
              aria-invalid={!validM}
              aria-describedby={`${id}-m-hint`}
              onChange={(e) => setMaxM(e.target.value)}
            />
            <span id={`${id}-m-hint`} className="hint">
              {validM ? t('atlas.max_m_hint') : t('atlas.max_m_invalid')}
            </span>
          </div>
          <div className="filter-row">
            <label htmlFor={`${id}-k`}>{t('atlas.k')}</label>
            <input
              id={`${id}-k`}
              type="number"
              inputMode="numeric"
              min={1}
              max={50}
              step={1}
              value={k}
              aria-invalid={!validK}
              aria-describedby={`${id}-k-hint`}
              onChange={(e) => setK(e.target.value)}
            />
            <span id={`${id}-k-hint`} className="hint">
              {validK ? t('atlas.k_hint') : t('atlas.k_invalid')}
            </span>
          </div>
          <div className="filter-row">
            <label htmlFor={`${id}-cand`}>{t('atlas.candidates')}</label>
            <select
              id={`${id}-cand`}
              value={draft.candidates ?? 'places'}
              onChange={(e) =>
                setDraft({ ...draft, candidates: CANDIDATES.find((c) => c === e.target.value) ?? 'places' })
              }
            >
              {CANDIDATES.map((c) => (
                <option key={c} value={c}>
                  {t(`atlas.candidates_${c}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
      <button type="submit">{t('analysis.apply')}</button>
    </form>
  );
}
