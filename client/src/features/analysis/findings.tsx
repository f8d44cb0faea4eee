import { useTranslation } from 'react-i18next';
import { exportUrl, type ColocationPair, type Coverage, type Gap, type LayerParams, type SingleOrderCommunity, type SuggestedSite } from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import { LevelBadge } from '../../components/level-badge.js';
import type { ApiState } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';
import { ColocationSummary } from './colocation-summary.js';
import { CoverageSummary } from './coverage-summary.js';
import { ExportLinks } from './export-links.js';
import { GapList } from './gap-list.js';

export interface FindingsProps {
  params: LayerParams;
  lang: Lang;
  locale: string;
  coverage: ApiState<Coverage>;
  gaps: ApiState<Gap[]>;
  colocation: ApiState<ColocationPair[]>;
  single: ApiState<SingleOrderCommunity[]>;
  suggested: ApiState<SuggestedSite[]>;
  /** Switches a layer on and opens its table. */
  onShowLayer: (id: string) => void;
}

function Status<T>({ state, empty }: { state: ApiState<T[]>; empty: string }) {
  const { t } = useTranslation();
  if (state.error !== null) return <ApiErrorMessage error={state.error} />;
  if (state.loading && !state.data) return <p>{t('analysis.loading')}</p>;
  if (state.data && state.data.length === 0) return <p>{empty}</p>;
  return null;
}

function ShowLayer({ id, onShowLayer, label }: { id: string; onShowLayer: (id: string) => void; label: string }) {
  return (
    <button type="button" className="secondary show-layer" onClick={() => onShowLayer(id)}>
      {label}
    </button>
  );
}

/** Orders of government of a single-order community, whichever shape the API sends. */
function levelsOf(s: SingleOrderCommunity): string[] {
  return s.levels ?? (s.level ? [s.level] : []);
}

/**
 * What the analysis finds, summarised beside the map: coverage, the worst
 * gaps, where governments could share a site. Each finding is a few lines
 * with a way to its layer and full table, never hundreds of rows.
 */
export function Findings({ params, lang, locale, coverage, gaps, colocation, single, suggested, onShowLayer }: FindingsProps) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(locale);
  const coords = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const km = params.threshold_km;
  const singleByOrder = new Map<string, { n: number; population: number }>();
  for (const s of single.data ?? []) {
    const key = levelsOf(s).join(',');
    const g = singleByOrder.get(key) ?? { n: 0, population: 0 };
    g.n += 1;
    g.population += s.population ?? 0;
    singleByOrder.set(key, g);
  }
  return (
    <section className="findings" aria-labelledby="findings-title">
      <h2 id="findings-title">{t('atlas.findings')}</h2>
      <CoverageSummary state={coverage} params={params} locale={locale} lang={lang} />

      <section aria-labelledby="gaps-title" className="finding">
        <h3 id="gaps-title">{t('analysis.gaps_title', { km })}</h3>
        <p className="hint">{t('atlas.gaps_top', { n: 10 })}</p>
        <GapList state={gaps} locale={locale} />
        <ExportLinks
          csv={exportUrl('/api/gaps', { ...params, limit: 1000 }, 'csv', lang)}
          geojson={exportUrl('/api/gaps', { ...params, limit: 1000 }, 'geojson', lang)}
          what={t('analysis.gaps_export')}
        />
        <ShowLayer id="gaps" onShowLayer={onShowLayer} label={t('atlas.show_gaps')} />
      </section>

      <section aria-labelledby="colocation-title" className="finding">
        <h3 id="colocation-title">{t('atlas.colocation_title', { m: nf.format(params.max_m ?? 500) })}</h3>
        <Status state={colocation} empty={t('analysis.colocation_none')} />
        {colocation.data && colocation.data.length > 0 && <ColocationSummary pairs={colocation.data} maxM={params.max_m ?? 500} locale={locale} />}
        <ShowLayer id="colocation" onShowLayer={onShowLayer} label={t('atlas.show_colocation')} />
      </section>

      <section aria-labelledby="single-title" className="finding">
        <h3 id="single-title">{t('analysis.single_title', { km })}</h3>
        <p className="hint">{t('atlas.single_hint')}</p>
        <Status state={single} empty={t('analysis.single_none')} />
        {singleByOrder.size > 0 && (
          <ul className="finding-list" data-testid="single-order">
            {[...singleByOrder.entries()].sort((a, b) => b[1].population - a[1].population).map(([levels, g]) => (
              <li key={levels}>
                {levels.split(',').filter(Boolean).map((l) => <LevelBadge key={l} level={l} />)}{' '}
                {t('atlas.single_count', { count: g.n, n: nf.format(g.n), people: nf.format(Math.round(g.population)) })}
              </li>
            ))}
          </ul>
        )}
        <ShowLayer id="single_order" onShowLayer={onShowLayer} label={t('atlas.show_single')} />
      </section>

      <section aria-labelledby="suggest-title" className="finding">
        <h3 id="suggest-title">{t('analysis.suggest_title', { km })}</h3>
        <p className="hint">{t('analysis.suggest_hint')}</p>
        <Status state={suggested} empty={t('analysis.suggest_none')} />
        {suggested.data && suggested.data.length > 0 && (
          <ol className="finding-list" data-testid="suggested">
            {suggested.data.map((s) => (
              <li key={s.rank}>
                <strong>{s.name ?? `${coords.format(s.lat)}, ${coords.format(s.lon)}`}</strong>{' '}
                {t('atlas.suggest_line', { n: nf.format(Math.round(s.newly_covered_population)), total: nf.format(Math.round(s.cumulative_covered)) })}
              </li>
            ))}
          </ol>
        )}
        <ShowLayer id="suggested_sites" onShowLayer={onShowLayer} label={t('atlas.show_suggested')} />
      </section>
    </section>
  );
}
