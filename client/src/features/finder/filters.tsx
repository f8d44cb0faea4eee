import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PointFilters } from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';
import { LEVEL_COLOURS, LEVELS } from '../../map/levels.js';
import { taxonName, type Taxonomy } from '../../taxonomy/use-taxonomy.js';

export interface FiltersProps {
  lang: Lang;
  filters: PointFilters;
  taxonomy: Taxonomy;
  onChange: (next: PointFilters) => void;
}

function toggle<T extends string>(list: T[] | undefined, value: T, on: boolean): T[] {
  const rest = (list ?? []).filter((v) => v !== value);
  return on ? [...rest, value] : rest;
}

/** The finder's filters: order of government, service, language of service, accessibility, open now. */
export function Filters({ lang, filters, taxonomy, onChange }: FiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  const active =
    (filters.level?.length ?? 0) +
    (filters.category?.length ?? 0) +
    (filters.language?.length ?? 0) +
    (filters.accessibility?.length ?? 0) +
    (filters.open_now ? 1 : 0);
  // Open when a shared link carries filters; after that the citizen opens and closes it. (Tying
  // `open` to the active count closed the panel under the citizen's hand when they cleared the last filter.)
  const [open, setOpen] = useState(active > 0);
  return (
    <details className="filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t('filters.title')}
        {active > 0 && ` (${t('filters.active', { count: active })})`}
      </summary>
      <fieldset>
        <legend>{t('filters.level')}</legend>
        <div className="checks">
          {LEVELS.map((l) => (
            <label key={l} className="check">
              <input
                type="checkbox"
                checked={filters.level?.includes(l) ?? false}
                onChange={(e) => onChange({ ...filters, level: toggle(filters.level, l, e.target.checked) })}
              />
              <span className="swatch" style={{ background: LEVEL_COLOURS[l] }} aria-hidden="true" />
              {t(`level.${l}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="filter-row">
        <label htmlFor={`${id}-cat`}>{t('filters.category')}</label>
        <select
          id={`${id}-cat`}
          value={filters.category?.[0] ?? ''}
          disabled={!taxonomy.categories}
          onChange={(e) => onChange({ ...filters, category: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">{t('filters.any_service')}</option>
          {(taxonomy.categories ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {taxonName(c, lang)}
            </option>
          ))}
        </select>
        {taxonomy.categoriesError !== null && !taxonomy.categories && (
          <p className="hint">{t('filters.categories_unavailable')}</p>
        )}
      </div>
      <div className="filter-row">
        <label htmlFor={`${id}-lang`}>{t('filters.language')}</label>
        <select
          id={`${id}-lang`}
          value={filters.language?.[0] ?? ''}
          onChange={(e) => onChange({ ...filters, language: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">{t('filters.any_language')}</option>
          <option value="en">{t('lang.en')}</option>
          <option value="fr">{t('lang.fr')}</option>
        </select>
      </div>
      <div className="checks">
        <label className="check">
          <input
            type="checkbox"
            checked={filters.accessibility?.includes('wheelchair') ?? false}
            onChange={(e) =>
              onChange({ ...filters, accessibility: toggle(filters.accessibility, 'wheelchair', e.target.checked) })
            }
          />
          {t('filters.wheelchair')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.open_now ?? false}
            onChange={(e) => onChange({ ...filters, open_now: e.target.checked })}
          />
          {t('filters.open_now')}
        </label>
      </div>
    </details>
  );
}
