import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { colocation, coverage, exportUrl, gaps, singleOrder, suggest, type AnalysisParams } from '../../api/client.js';
import { useApi } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';
import { listParam, useUrlState } from '../../routing/use-url-state.js';
import { useTaxonomy } from '../../taxonomy/use-taxonomy.js';
import { localeOf } from '../finder/point-format.js';
import { AnalysisControls } from './analysis-controls.js';
import { CoverageSummary } from './coverage-summary.js';
import { ExportLinks } from './export-links.js';
import { GapList } from './gap-list.js';
import { Partnerships } from './partnerships.js';

const AnalysisMap = lazy(() => import('../../map/analysis-map.js').then((m) => ({ default: m.AnalysisMap })));

export const LAYERS = ['units', 'gaps', 'colocation', 'single', 'suggest'] as const;
export type Layer = (typeof LAYERS)[number];

function paramsOf(p: URLSearchParams): AnalysisParams {
  const km = Number(p.get('threshold_km') ?? 50);
  return {
    threshold_km: Number.isFinite(km) && km > 0 ? km : 50,
    level: listParam(p, 'level'),
    jurisdiction: listParam(p, 'jurisdiction'),
    category: listParam(p, 'category'),
    province: listParam(p, 'province'),
  };
}

/** The analysts' view: who is far from any service point, and where governments could share a site. */
export function AnalysisView({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const [query, setQuery] = useUrlState();
  const key = ['threshold_km', 'level', 'jurisdiction', 'category', 'province'].map((k) => query.get(k) ?? '').join('|');
  const params = useMemo(() => paramsOf(query), [key]);
  const layers = (query.get('layers') ?? LAYERS.join(',')).split(',').filter((l): l is Layer => (LAYERS as readonly string[]).includes(l));
  const taxonomy = useTaxonomy(lang);
  const locale = localeOf(lang);
  const k = `${key}|${lang}`;

  const cov = useApi((s) => coverage(params, lang, s), k);
  const gap = useApi((s) => gaps(params, lang, s), k);
  const colo = useApi((s) => colocation(params, lang, s), k);
  const single = useApi((s) => singleOrder(params, lang, s), k);
  const sugg = useApi((s) => suggest(params, lang, s), k);

  const apply = (p: AnalysisParams) =>
    setQuery({
      threshold_km: String(p.threshold_km),
      level: p.level?.join(',') ?? null,
      jurisdiction: p.jurisdiction?.join(',') ?? null,
      category: p.category?.join(',') ?? null,
      province: p.province?.join(',') ?? null,
    });
  const setLayer = (layer: Layer, on: boolean) => {
    const next = on ? [...layers.filter((l) => l !== layer), layer] : layers.filter((l) => l !== layer);
    setQuery({ layers: LAYERS.filter((l) => next.includes(l)).join(',') || 'none' }, true);
  };
  const apiParams = { ...params, province: params.province };

  return (
    <div className="analysis">
      <h1>{t('analysis.title')}</h1>
      <p className="intro">{t('analysis.intro')}</p>
      <AnalysisControls lang={lang} params={params} taxonomy={taxonomy} onApply={apply} />
      <p className="visually-hidden" aria-live="polite" data-testid="analysis-status">
        {cov.loading || gap.loading ? t('analysis.loading') : cov.data ? t('analysis.updated', { km: params.threshold_km }) : ''}
      </p>

      <CoverageSummary state={cov} params={params} locale={locale} lang={lang} />

      <section aria-labelledby="analysis-map-title" className="analysis-map-section">
        <h2 id="analysis-map-title">{t('analysis.map_title')}</h2>
        <fieldset className="layer-toggles">
          <legend>{t('analysis.layers')}</legend>
          {LAYERS.map((l) => (
            <label key={l} className="check">
              <input type="checkbox" checked={layers.includes(l)} onChange={(e) => setLayer(l, e.target.checked)} />
              {t(`analysis.layer_${l}`)}
            </label>
          ))}
        </fieldset>
        <p className="hint">{t('analysis.map_alternative')}</p>
        <Suspense fallback={<div className="analysis-map map-loading">{t('map.loading')}</div>}>
          <AnalysisMap
            layers={layers}
            thresholdKm={params.threshold_km}
            gaps={gap.data ?? []}
            colocation={colo.data ?? []}
            single={single.data ?? []}
            suggested={sugg.data ?? []}
          />
        </Suspense>
      </section>

      <section aria-labelledby="gaps-title">
        <h2 id="gaps-title">{t('analysis.gaps_title', { km: params.threshold_km })}</h2>
        <ExportLinks
          csv={exportUrl('/api/gaps', { ...apiParams, limit: 1000 }, 'csv', lang)}
          geojson={exportUrl('/api/gaps', { ...apiParams, limit: 1000 }, 'geojson', lang)}
          what={t('analysis.gaps_export')}
        />
        <GapList state={gap} locale={locale} />
      </section>

      <Partnerships colocation={colo} single={single} suggested={sugg} params={apiParams} locale={locale} lang={lang} />
    </div>
  );
}
