import { useTranslation } from 'react-i18next';
import {
  exportUrl,
  type BreakdownBy,
  type BreakdownRow,
  type ColocationList,
  type Coverage,
  type CoverageMatrix,
  type GapList as GapReport,
  type LayerParams,
  type SingleOrderList,
  type SuggestedSite,
} from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import { LevelBadge } from '../../components/level-badge.js';
import type { ApiState } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';
import { ColocationSummary } from './colocation-summary.js';
import { CoverageBreakdown } from './coverage-breakdown.js';
import { CoverageSummary } from './coverage-summary.js';
import { DataMatrix } from './data-matrix.js';
import { DataStatusBreakdown } from './data-status.js';
import { ExportLinks } from './export-links.js';
import { GapList } from './gap-list.js';

export interface FindingsProps {
  params: LayerParams;
  lang: Lang;
  locale: string;
  coverage: ApiState<Coverage>;
  matrix: ApiState<CoverageMatrix>;
  breakdown: ApiState<BreakdownRow[]>;
  breakdownBy: BreakdownBy;
  onBreakdownBy: (by: BreakdownBy) => void;
  gaps: ApiState<GapReport>;
  colocation: ApiState<ColocationList>;
  sameCommunity: ApiState<ColocationList>;
  single: ApiState<SingleOrderList>;
  suggested: ApiState<SuggestedSite[]>;
  /** Switches a layer on and opens its table. */
  onShowLayer: (id: string) => void;
}

function Status({ state, empty }: { state: ApiState<{ length: number } | { results: unknown[] }>; empty: string }) {
  const { t } = useTranslation();
  if (state.error !== null) return <ApiErrorMessage error={state.error} />;
  if (state.loading && !state.data) return <p>{t('analysis.loading')}</p>;
  const d = state.data;
  const n = d === null ? null : 'results' in d ? d.results.length : d.length;
  if (n === 0) return <p>{empty}</p>;
  return null;
}

function ShowLayer({ id, onShowLayer, label }: { id: string; onShowLayer: (id: string) => void; label: string }) {
  return (
    <button type="button" className="secondary show-layer" onClick={() => onShowLayer(id)}>
      {label}
    </button>
  );
}

const SHOWN = 5;

/**
 * What the analysis finds, summarised beside the map: coverage, the worst
 * gaps, where governments could share a site. Each finding is a few lines
 * with a way to its layer and full table, never hundreds of rows; where the
 * other orders of government have published no data, it says so.
 */
export function Findings({
  params,
  lang,
  locale,
  coverage,
  matrix,
  breakdown,
  breakdownBy,
  onBreakdownBy,
  gaps,
  colocation,
  sameCommunity,
  single,
  suggested,
  onShowLayer,
}: FindingsProps) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(locale);
  const km = params.threshold_km;
  const g = gaps.data;
  const s = single.data;
  // The communities where some data says one order serves them alone; those with no data for the others come after.
  const singleWithData = (s?.results ?? []).filter((c) => c.data_status !== 'no_data').slice(0, SHOWN);
  return (
    <section className="findings" aria-labelledby="findings-title">
      <h2 id="findings-title">{t('atlas.findings')}</h2>
      <CoverageSummary state={coverage} params={params} locale={locale} lang={lang} />
      <DataMatrix state={matrix} lang={lang} locale={locale} />
      <CoverageBreakdown state={breakdown} by={breakdownBy} onBy={onBreakdownBy} km={km} lang={lang} locale={locale} />

      <section aria-labelledby="gaps-title" className="finding">
        <h3 id="gaps-title">{t('analysis.gaps_title', { km })}</h3>
        {g?.total !== undefined && (
          <p data-testid="gaps-headline">
            {t('atlas.gaps_headline', {
              count: g.total,
              units: nf.format(g.total),
              people: nf.format(Math.round(g.total_population ?? 0)),
              km,
            })}
          </p>
        )}
        {g?.by_data_status && (
          <DataStatusBreakdown counts={g.by_data_status} locale={locale} testId="gaps-data-status" />
        )}
        <p className="hint">{t('atlas.gaps_top', { n: 10 })}</p>
        <GapList state={{ ...gaps, data: g?.results ?? null }} locale={locale} lang={lang} />
        <ExportLinks
          csv={exportUrl(
            '/api/gaps',
            { ...params, max_m: undefined, k: undefined, candidates: undefined, limit: 1000 },
            'csv',
            lang,
          )}
          geojson={exportUrl(
            '/api/gaps',
            { ...params, max_m: undefined, k: undefined, candidates: undefined, limit: 1000 },
            'geojson',
            lang,
          )}
          what={t('analysis.gaps_export')}
        />
        <ShowLayer id="gaps" onShowLayer={onShowLayer} label={t('atlas.show_gaps')} />
      </section>

      <section aria-labelledby="single-title" className="finding">
        <h3 id="single-title">{t('analysis.single_title', { km })}</h3>
        <Status state={single} empty={t('analysis.single_none')} />
        {s && s.results.length > 0 && (
          <>
            <p data-testid="single-headline">
              {t('atlas.single_headline', {
                count: s.total ?? s.results.length,
                units: nf.format(s.total ?? s.results.length),
                people: nf.format(Math.round(s.total_population ?? 0)),
              })}
            </p>
            {s.by_data_status && (
              <DataStatusBreakdown counts={s.by_data_status} locale={locale} testId="single-data-status" />
            )}
            <p className="hint">{t('atlas.single_hint')}</p>
            {singleWithData.length > 0 && (
              <>
                <h4>{t('atlas.single_with_data')}</h4>
                <ul className="finding-list" data-testid="single-order">
                  {singleWithData.map((c) => (
                    <li key={c.unit_id}>
                      <strong>{c.name}</strong> {c.province && `(${c.province})`} <LevelBadge level={c.level} />{' '}
                      {c.population !== null && t('atlas.people', { n: nf.format(c.population) })}
                      {c.data_status === 'partial' && <span className="hint"> {t('atlas.partial_note')}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        <ShowLayer id="single_order" onShowLayer={onShowLayer} label={t('atlas.show_single')} />
      </section>

      <section aria-labelledby="colocation-title" className="finding">
        <h3 id="colocation-title">{t('atlas.colocation_title', { m: nf.format(params.max_m ?? 500) })}</h3>
        {colocation.error !== null && <ApiErrorMessage error={colocation.error} />}
        {colocation.loading && !colocation.data && <p>{t('analysis.loading')}</p>}
        {colocation.data && (
          <ColocationSummary
            measured={colocation.data}
            community={sameCommunity.data}
            maxM={params.max_m ?? 500}
            locale={locale}
          />
        )}
        <ShowLayer id="colocation" onShowLayer={onShowLayer} label={t('atlas.show_colocation')} />
      </section>

      <section aria-labelledby="suggest-title" className="finding">
        <h3 id="suggest-title">{t('analysis.suggest_title', { km })}</h3>
        <p className="hint">{t('analysis.suggest_hint')}</p>
        <Status state={suggested} empty={t('analysis.suggest_none')} />
        {suggested.data && suggested.data.length > 0 && (
          <ol className="finding-list" data-testid="suggested">
            {suggested.data.map((site) => (
              <li key={site.rank}>
                <strong>{site.name}</strong>{' '}
                {t('atlas.suggest_line', {
                  n: nf.format(Math.round(site.newly_covered_population)),
                  total: nf.format(Math.round(site.cumulative_covered)),
                })}
              </li>
            ))}
          </ol>
        )}
        <ShowLayer id="suggested_sites" onShowLayer={onShowLayer} label={t('atlas.show_suggested')} />
      </section>
    </section>
  );
}
