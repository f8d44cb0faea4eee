import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  colocation,
  coverage,
  coverageBreakdown,
  coverageMatrix,
  gaps,
  mapLayers,
  singleOrder,
  suggest,
  type LayerParams,
  type MapLayer,
} from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import { useApi } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';
import { AtlasLegend, layerText } from '../../map/atlas-legend.js';
import type { AtlasMapHandle, AtlasPosition } from '../../map/atlas-map.js';
import { composeMapPng } from '../../map/map-png.js';
import { servicePointsLayer } from '../../map/service-points-layer.js';
import { useUrlState } from '../../routing/use-url-state.js';
import { useTaxonomy } from '../../taxonomy/use-taxonomy.js';
import { localeOf } from '../finder/point-format.js';
import { AnalysisControls } from './analysis-controls.js';
import { formatPosition, paramsToQuery, readAtlasState, SERVICE_POINTS, toggleLayer } from './atlas-state.js';
import { Findings } from './findings.js';
import { LayerTable } from './layer-table.js';
import { LayerToggles } from './layer-toggles.js';

const AtlasMap = lazy(() => import('../../map/atlas-map.js').then((m) => ({ default: m.AtlasMap })));

/**
 * The analysts' atlas: the map is the page, with the settings, the layers and
 * the findings in a panel beside it and a layer's table under it. Everything
 * an analyst sets (filters, layers, map position, open table, its page and
 * sort) is in the URL, so a view is a link and the back button undoes a step.
 */
export function AnalysisView({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const [query, setQuery] = useUrlState();
  const state = readAtlasState(query);
  const paramKey = JSON.stringify(state.params);
  const params: LayerParams = useMemo(() => state.params, [paramKey]);
  const taxonomy = useTaxonomy(lang);
  const locale = localeOf(lang);
  const k = `${paramKey}|${lang}`;
  const mapRef = useRef<AtlasMapHandle>(null);
  const [saving, setSaving] = useState(false);

  const served = useApi((s) => mapLayers(params, lang, s), k);
  const catalog: MapLayer[] = useMemo(() => {
    const sp = servicePointsLayer(lang);
    const fromServer = served.data ?? [];
    // The service points come first: the layers an analyst switches on are read over them.
    return fromServer.some((l) => l.id === SERVICE_POINTS) ? fromServer : [sp, ...fromServer];
  }, [served.data, lang]);
  const visibleLayers = catalog.filter((l) => state.layers.includes(l.id));
  const tableLayer = catalog.find((l) => l.id === state.table) ?? null;

  const cov = useApi((s) => coverage(params, lang, s), k);
  const matrix = useApi((s) => coverageMatrix(lang, s), lang);
  const breakdown = useApi((s) => coverageBreakdown(params, state.breakdown, lang, s), `${k}|${state.breakdown}`);
  const gap = useApi((s) => gaps(params, lang, s), k);
  const colo = useApi((s) => colocation(params, 'measured', lang, s), k);
  const same = useApi((s) => colocation(params, 'same_community', lang, s), k);
  const single = useApi((s) => singleOrder(params, lang, s), k);
  const sugg = useApi((s) => suggest(params, lang, s), k);

  const settingsSummary = [
    t('atlas.now_km', { km: params.threshold_km }),
    params.province?.length ? params.province.map((p) => t(`province.${p}`)).join(', ') : t('analysis.all_provinces'),
    params.level?.length ? params.level.map((l) => t(`level.${l}`)).join(', ') : null,
    params.category?.length ? params.category.join(', ') : null,
    params.jurisdiction?.length ? params.jurisdiction.join(', ') : null,
  ]
    .filter(Boolean)
    .join(' · ');

  const onMove = useCallback((p: AtlasPosition) => setQuery({ at: formatPosition(p) }, true), [setQuery]);
  const showLayer = (id: string) =>
    setQuery({
      ...toggleLayer(
        state.layers.filter((l) => l !== id),
        id,
        true,
      ),
      table: id,
      page: null,
      sort: null,
      order: null,
    });

  const savePng = async () => {
    const handle = mapRef.current;
    if (!handle) return;
    setSaving(true);
    try {
      await handle.idle();
      const canvas = handle.canvas();
      if (!canvas) return;
      const attribution = [
        t('atlas.basemap_attribution'),
        ...new Set(visibleLayers.map((l) => layerText(l, lang).attribution)),
      ].join(' · ');
      const png = composeMapPng({
        canvas,
        title: `${t('analysis.title')} · ${visibleLayers.map((l) => layerText(l, lang).title).join(', ') || t('atlas.no_layer')}`,
        legends: visibleLayers.map((l) => {
          const text = layerText(l, lang);
          const shape = l.symbol === 'square' ? 'square' : l.kind === 'points' ? 'dot' : 'area';
          return {
            title: text.title,
            shape,
            classes: text.classes,
            source: t('atlas.source', { name: l.source.name, licence: l.source.licence }),
          };
        }),
        attribution,
      });
      const a = document.createElement('a');
      a.href = png.toDataURL('image/png');
      a.download = `${t('atlas.png_name')}.png`;
      document.body.append(a);
      a.click();
      a.remove();
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className={tableLayer ? 'atlas with-table' : 'atlas'}>
      <div className="atlas-panel">
        <h1 id="analysis-title">{t('analysis.title')}</h1>
        <p className="intro">{t('atlas.intro')}</p>
        <p className="visually-hidden" aria-live="polite" data-testid="analysis-status">
          {cov.loading || gap.loading
            ? t('analysis.loading')
            : cov.data
              ? t('analysis.updated', { km: params.threshold_km })
              : ''}
        </p>
        {served.error !== null && <ApiErrorMessage error={served.error} what={t('atlas.layers_error')} />}
        <LayerToggles
          layers={catalog}
          lang={lang}
          visible={state.layers}
          table={state.table}
          onToggle={(id, on) => setQuery(toggleLayer(state.layers, id, on), true)}
          onTable={(id) => setQuery({ table: id, page: null, sort: null, order: null })}
        />
        <details className="filters">
          <summary>
            {t('analysis.controls')}
            <span className="settings-now">{settingsSummary}</span>
          </summary>
          <AnalysisControls
            lang={lang}
            params={params}
            taxonomy={taxonomy}
            onApply={(p) => setQuery(paramsToQuery(p))}
          />
        </details>
        <Findings
          params={params}
          lang={lang}
          locale={locale}
          coverage={cov}
          matrix={matrix}
          breakdown={breakdown}
          breakdownBy={state.breakdown}
          onBreakdownBy={(by) => setQuery({ breakdown: by === 'jurisdiction' ? null : by }, true)}
          gaps={gap}
          colocation={colo}
          sameCommunity={same}
          single={single}
          suggested={sugg}
          onShowLayer={showLayer}
        />
      </div>
      <div className="atlas-main">
        <section className="atlas-map-area" aria-labelledby="atlas-map-title">
          <h2 id="atlas-map-title" className="visually-hidden">
            {t('analysis.map_title')}
          </h2>
          <p className="print-title" aria-hidden="true">
            {t('analysis.title')} · {visibleLayers.map((l) => layerText(l, lang).title).join(', ')}
          </p>
          <div className="map-tools">
            <button type="button" className="secondary" onClick={() => void savePng()} disabled={saving}>
              {t('atlas.save_png')}
            </button>
            <button type="button" className="secondary" onClick={() => window.print()}>
              {t('atlas.print')}
            </button>
          </div>
          <Suspense fallback={<div className="atlas-map map-loading">{t('map.loading')}</div>}>
            <AtlasMap ref={mapRef} catalog={catalog} visible={state.layers} lang={lang} at={state.at} onMove={onMove} />
          </Suspense>
          <AtlasLegend layers={visibleLayers} lang={lang} />
          <p className="print-attribution">
            {[
              t('atlas.basemap_attribution'),
              ...new Set(visibleLayers.map((l) => layerText(l, lang).attribution)),
            ].join(' · ')}
          </p>
        </section>
        {tableLayer && (
          <LayerTable
            key={tableLayer.id}
            layer={tableLayer}
            lang={lang}
            locale={locale}
            sort={state.sort}
            order={state.order}
            page={state.page}
            onChange={(c) => setQuery(c)}
            onClose={() => {
              setQuery({ table: null, page: null, sort: null, order: null });
              // The focus goes back to the button that opened the table.
              document.querySelector<HTMLButtonElement>(`[data-table-for="${tableLayer.id}"]`)?.focus();
            }}
          />
        )}
      </div>
    </div>
  );
}
