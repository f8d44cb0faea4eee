import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { layerFeatures, withQuery, type MapLayer } from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import { useApi } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';
import { layerText } from '../../map/atlas-legend.js';
import { isOgcTable } from '../../map/service-points-layer.js';
import { TABLE_PAGE } from './atlas-state.js';
import { allOgcFeatures, pointOf, saveFile, toCsv } from './ogc-export.js';

/** The server's largest page of a layer's table: more than the 5,161 census units, so an export is the whole layer. */
const EXPORT_LIMIT = 10_000;

export interface LayerTableProps {
  layer: MapLayer;
  lang: Lang;
  locale: string;
  sort: string | null;
  order: 'asc' | 'desc';
  page: number;
  onChange: (changes: Record<string, string | null>) => void;
  onClose: () => void;
}

/** Properties that are plumbing, not findings: left out of the table (the exports keep them all). */
const HIDDEN = new Set([
  'geom',
  'geometry',
  'bbox',
  'cluster',
  'cluster_id',
  'point_count_abbreviated',
  'id',
  'a_id',
  'b_id',
  'nearest_point_id',
]);
/** Columns whose values are orders of government. */
const LEVEL_COLUMNS = new Set(['level', 'a_level', 'b_level', 'orders_without_data', 'orders_with_data']);
/** Columns whose values are codes with a name in both languages (atlas.value.*). */
const CODE_COLUMNS = new Set([
  'precision',
  'a_precision',
  'b_precision',
  'nearest_point_precision',
  'data_status',
  'community_type',
  'geocode_quality',
]);

/** The columns to show: the server's, in its order; for an OGC page, the keys of its first rows. */
function columnsOf(rows: Record<string, unknown>[], given: string[] | null, lang: Lang): string[] {
  const other = lang === 'fr' ? 'data_note_en' : 'data_note_fr';
  const keep = (k: string) => !HIDDEN.has(k) && k !== other;
  if (given && given.length > 0) return given.filter(keep);
  const keys: string[] = [];
  for (const r of rows.slice(0, 50)) for (const k of Object.keys(r)) if (!keys.includes(k) && keep(k)) keys.push(k);
  return keys;
}

/** A cell in words: codes by their name in the page's language, the layer's classes by their legend label, "missing" for no value. */
function Cell({
  value,
  column,
  layer,
  lang,
  locale,
}: {
  value: unknown;
  column: string;
  layer: MapLayer;
  lang: Lang;
  locale: string;
}) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '')
    return <span className="missing">{t('analysis.missing')}</span>;
  if (typeof value === 'number')
    return <>{new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)}</>;
  if (typeof value === 'boolean') return <>{value ? t('analysis.yes') : t('analysis.no')}</>;
  const word = (v: unknown): string => {
    const text = String(v);
    if (LEVEL_COLUMNS.has(column)) return t(`level.${text}`, { defaultValue: text });
    if (column === layer.property) {
      const c = layer.legend.find((l) => String(l.value) === text);
      if (c) return lang === 'fr' ? c.label_fr : c.label_en;
    }
    if (CODE_COLUMNS.has(column) && /^[\w -]+$/.test(text)) return t(`atlas.value.${text}`, { defaultValue: text });
    return text;
  };
  if (Array.isArray(value)) return <>{value.map(word).join(', ')}</>;
  if (typeof value === 'object') return <>{JSON.stringify(value)}</>;
  return <>{word(value)}</>;
}

/**
 * The table alternative of a map layer: the same features as rows, a page at
 * a time, sortable by any column the server sorts, with the whole layer as
 * CSV or GeoJSON. Its page, sort and order live in the URL like the rest.
 */
export function LayerTable({ layer, lang, locale, sort, order, page, onChange, onClose }: LayerTableProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const ogc = isOgcTable(layer);
  const title = layerText(layer, lang).title;
  const offset = (page - 1) * TABLE_PAGE;
  const q = { limit: TABLE_PAGE, offset, ...(ogc ? {} : { sort, order: sort ? order : undefined }) };
  const state = useApi(
    (s) => layerFeatures(layer.table, q, lang, s),
    `${layer.table}|${offset}|${sort}|${order}|${lang}`,
  );
  const rows = state.data?.results ?? [];
  const total = state.data?.total ?? null;
  const pages = total === null ? null : Math.max(1, Math.ceil(total / TABLE_PAGE));
  const hasNext = total === null ? rows.length === TABLE_PAGE : offset + rows.length < total;
  const columns = columnsOf(rows, state.data?.columns ?? null, lang);
  const label = (key: string) => t(`atlas.col.${key}`, { defaultValue: key });
  const nf = new Intl.NumberFormat(locale);

  // Opening a table takes the reader to it.
  useEffect(() => heading.current?.focus(), [layer.id]);

  // The whole layer, in the table's order (the server's largest page holds every unit of the census).
  const whole = { lang, sort, order: sort ? order : undefined, limit: EXPORT_LIMIT };
  const csv = withQuery(layer.table, { ...whole, format: 'csv' });
  const geojson = withQuery(layer.table, { ...whole, format: 'geojson' });
  const shapes =
    layer.kind === 'choropleth' ? withQuery(layer.table, { ...whole, format: 'geojson', geometry: 'shape' }) : null;
  const [exporting, setExporting] = useState<string | null>(null);
  const exportOgc = async (format: 'csv' | 'geojson') => {
    setExporting(format);
    try {
      const features = await allOgcFeatures(layer.table, lang);
      if (format === 'geojson')
        saveFile(
          JSON.stringify({ type: 'FeatureCollection', features }),
          `${layer.id}.geojson`,
          'application/geo+json',
        );
      else {
        const rows = features.map((f) => ({
          ...f.properties,
          ...pointOf(f.geometry),
        }));
        const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
        saveFile(toCsv(rows, keys), `${layer.id}.csv`, 'text/csv;charset=utf-8');
      }
    } finally {
      setExporting(null);
    }
  };

  return (
    <section
      className="layer-table"
      aria-labelledby="layer-table-title"
      data-testid="layer-table"
      data-layer={layer.id}
    >
      <div className="layer-table-head">
        <h2 id="layer-table-title" ref={heading} tabIndex={-1}>
          {t('atlas.table_title', { title })}
        </h2>
        <p className="exports">
          {ogc ? (
            <>
              <button
                type="button"
                className="button-link"
                disabled={exporting !== null}
                onClick={() => void exportOgc('csv')}
              >
                {t('atlas.export_csv')}
              </button>
              <button
                type="button"
                className="button-link"
                disabled={exporting !== null}
                onClick={() => void exportOgc('geojson')}
              >
                {t('atlas.export_geojson')}
              </button>
              {exporting && <span role="status">{t('atlas.exporting')}</span>}
            </>
          ) : (
            <>
              <a className="button-link" href={csv} download>
                {t('atlas.export_csv')}
              </a>
              <a className="button-link" href={geojson} download>
                {t('atlas.export_geojson')}
              </a>
              {shapes && (
                <a className="button-link" href={shapes} download>
                  {t('atlas.export_shapes')}
                </a>
              )}
            </>
          )}
          <button type="button" className="secondary" onClick={onClose}>
            {t('atlas.table_close')}
          </button>
        </p>
      </div>
      {state.error !== null && <ApiErrorMessage error={state.error} />}
      {state.loading && !state.data && <p>{t('analysis.loading')}</p>}
      {state.data && rows.length === 0 && <p data-testid="table-empty">{t('atlas.table_empty')}</p>}
      {rows.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
          <table className="data" data-testid="layer-rows" aria-busy={state.loading}>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => {
                  const sorted = sort === c;
                  return (
                    <th
                      key={c}
                      scope="col"
                      aria-sort={sorted ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      {ogc ? (
                        label(c)
                      ) : (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={() =>
                            onChange({ sort: c, order: sorted && order === 'asc' ? 'desc' : 'asc', page: null })
                          }
                        >
                          {label(c)}
                          <span aria-hidden="true">{sorted ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                          <span className="visually-hidden">
                            {sorted ? t(order === 'asc' ? 'atlas.sorted_asc' : 'atlas.sorted_desc') : t('atlas.sort')}
                          </span>
                        </button>
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={String(r['id'] ?? r['unit_id'] ?? i)}>
                  {columns.map((c) => (
                    <td key={c} className={c.startsWith('data_note') ? 'note' : undefined}>
                      <Cell value={r[c]} column={c} layer={layer} lang={lang} locale={locale} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t('atlas.pages', { title })}>
        <button
          type="button"
          className="secondary"
          disabled={page <= 1}
          onClick={() => onChange({ page: page > 2 ? String(page - 1) : null })}
        >
          {t('atlas.previous')}
        </button>
        <span aria-live="polite" data-testid="table-position">
          {rows.length > 0 &&
            (total === null
              ? t('atlas.rows_range', { from: nf.format(offset + 1), to: nf.format(offset + rows.length) })
              : t('atlas.rows_of', {
                  from: nf.format(offset + 1),
                  to: nf.format(offset + rows.length),
                  total: nf.format(total),
                  page,
                  pages,
                }))}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={!hasNext}
          onClick={() => onChange({ page: String(page + 1) })}
        >
          {t('atlas.next')}
        </button>
      </nav>
    </section>
  );
}
