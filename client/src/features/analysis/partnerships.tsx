import { useTranslation } from 'react-i18next';
import { exportUrl, type AnalysisParams, type ColocationPair, type SingleOrderCommunity, type SuggestedSite } from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import { LevelBadge } from '../../components/level-badge.js';
import type { ApiState } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';
import { ExportLinks } from './export-links.js';

export interface PartnershipsProps {
  colocation: ApiState<ColocationPair[]>;
  single: ApiState<SingleOrderCommunity[]>;
  suggested: ApiState<SuggestedSite[]>;
  params: AnalysisParams;
  locale: string;
  lang: Lang;
}

function Status<T>({ state, empty }: { state: ApiState<T[]>; empty: string }) {
  const { t } = useTranslation();
  if (state.error !== null) return <ApiErrorMessage error={state.error} />;
  if (state.loading && !state.data) return <p>{t('analysis.loading')}</p>;
  if (state.data && state.data.length === 0) return <p>{empty}</p>;
  return null;
}

/** Where two orders of government could work together: sites side by side, communities served by one order only, new shared sites. */
export function Partnerships({ colocation, single, suggested, params, locale, lang }: PartnershipsProps) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(locale);
  const m = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const coords = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  return (
    <section aria-labelledby="partnerships-title">
      <h2 id="partnerships-title">{t('analysis.partnerships_title')}</h2>

      <h3>{t('analysis.suggest_title', { km: params.threshold_km })}</h3>
      <p className="hint">{t('analysis.suggest_hint')}</p>
      <ExportLinks
        csv={exportUrl('/api/partnerships/suggest', { ...params, k: 5, candidates: 'places' }, 'csv', lang)}
        geojson={exportUrl('/api/partnerships/suggest', { ...params, k: 5, candidates: 'places' }, 'geojson', lang)}
        what={t('analysis.suggest_export')}
      />
      <Status state={suggested} empty={t('analysis.suggest_none')} />
      {suggested.data && suggested.data.length > 0 && (
        <table className="data" data-testid="suggested">
          <thead>
            <tr>
              <th scope="col">{t('analysis.rank')}</th>
              <th scope="col">{t('analysis.site')}</th>
              <th scope="col">{t('analysis.newly_covered')}</th>
              <th scope="col">{t('analysis.cumulative')}</th>
            </tr>
          </thead>
          <tbody>
            {suggested.data.map((s) => (
              <tr key={s.rank}>
                <td>{s.rank}</td>
                <th scope="row">{s.name ?? `${coords.format(s.lat)}, ${coords.format(s.lon)}`}</th>
                <td>{nf.format(Math.round(s.newly_covered_population))}</td>
                <td>{nf.format(Math.round(s.cumulative_covered))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('analysis.single_title', { km: params.threshold_km })}</h3>
      <ExportLinks
        csv={exportUrl('/api/partnerships/single-order', { ...params }, 'csv', lang)}
        geojson={exportUrl('/api/partnerships/single-order', { ...params }, 'geojson', lang)}
        what={t('analysis.single_export')}
      />
      <Status state={single} empty={t('analysis.single_none')} />
      {single.data && single.data.length > 0 && (
        <table className="data" data-testid="single-order">
          <thead>
            <tr>
              <th scope="col">{t('analysis.unit')}</th>
              <th scope="col">{t('analysis.province')}</th>
              <th scope="col">{t('analysis.population')}</th>
              <th scope="col">{t('analysis.only_order')}</th>
            </tr>
          </thead>
          <tbody>
            {single.data.map((s, i) => (
              <tr key={s.unit_id ?? s.id ?? i}>
                <th scope="row">{s.name}</th>
                <td>{s.province ?? <span className="missing">{t('analysis.missing')}</span>}</td>
                <td>{s.population === null ? <span className="missing">{t('analysis.missing')}</span> : nf.format(s.population)}</td>
                <td>{(s.levels ?? (s.level ? [s.level] : [])).map((l) => <LevelBadge key={l} level={l} />)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('analysis.colocation_title')}</h3>
      <ExportLinks
        csv={exportUrl('/api/partnerships/colocation', { ...params, max_m: 500 }, 'csv', lang)}
        geojson={exportUrl('/api/partnerships/colocation', { ...params, max_m: 500 }, 'geojson', lang)}
        what={t('analysis.colocation_export')}
      />
      <Status state={colocation} empty={t('analysis.colocation_none')} />
      {colocation.data && colocation.data.length > 0 && (
        <table className="data" data-testid="colocation">
          <thead>
            <tr>
              <th scope="col">{t('analysis.point_a')}</th>
              <th scope="col">{t('analysis.point_b')}</th>
              <th scope="col">{t('analysis.distance_m')}</th>
            </tr>
          </thead>
          <tbody>
            {colocation.data.map((c) => (
              <tr key={`${c.a.id}-${c.b.id}`}>
                <td>
                  {c.a.name} <LevelBadge level={c.a.level} />
                </td>
                <td>
                  {c.b.name} <LevelBadge level={c.b.level} />
                </td>
                <td>{m.format(c.distance_m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
