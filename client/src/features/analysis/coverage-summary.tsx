import { useTranslation } from 'react-i18next';
import { exportUrl, type AnalysisParams, type Coverage } from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import type { ApiState } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';
import { BandChart } from './band-chart.js';
import { ExportLinks } from './export-links.js';

export interface CoverageSummaryProps {
  state: ApiState<Coverage>;
  params: AnalysisParams;
  locale: string;
  lang: Lang;
}

/** Share of the population within the threshold, in total and by province, with the distance bands. */
export function CoverageSummary({ state, params, locale, lang }: CoverageSummaryProps) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const c = state.data;
  const hasStatus = c?.groups.some((g) => g.orders_without_data !== undefined) ?? false;
  // pct_within may come as a share (0.93) or a percentage (93): the population figures decide.
  const share = (within: number, total: number) => (total > 0 ? within / total : 0);
  return (
    <section aria-labelledby="coverage-title" data-testid="coverage">
      <h3 id="coverage-title">{t('analysis.coverage_title', { km: params.threshold_km })}</h3>
      {state.error !== null && <ApiErrorMessage error={state.error} />}
      {state.loading && !c && <p>{t('analysis.loading')}</p>}
      {c && c.population_total === 0 && <p data-testid="coverage-empty">{t('analysis.no_population')}</p>}
      {c && c.population_total > 0 && (
        <>
          <p className="headline" data-testid="coverage-headline">
            {t('analysis.coverage_headline', {
              pct: pct.format(share(c.population_within, c.population_total)),
              within: nf.format(Math.round(c.population_within)),
              total: nf.format(Math.round(c.population_total)),
              km: c.threshold_km,
            })}
          </p>
          <p className="hint">{t('analysis.straight_line')}</p>
          {c.precision.points.approximate > 0 && (
            <p className="precision-note" data-testid="coverage-precision">
              {t('atlas.precision_note', {
                approx: nf.format(c.precision.points.approximate),
                located: nf.format(c.precision.points.approximate + c.precision.points.source),
                community: nf.format(c.precision.points.community),
                postal: nf.format(c.precision.points.postal_code),
                margin: nf.format(c.precision.margin_km),
                low: pct.format((c.precision.pct_within_low ?? 0) / 100),
                high: pct.format((c.precision.pct_within_high ?? 0) / 100),
              })}
              {c.precision.points.not_located > 0 &&
                ` ${t('atlas.not_located_note', { n: nf.format(c.precision.points.not_located) })}`}
            </p>
          )}
          {c.bands.length > 0 && <BandChart bands={c.bands} thresholdKm={c.threshold_km} locale={locale} />}
          {c.groups.length > 0 && (
            <details>
              <summary>{t('analysis.by_province')}</summary>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('analysis.by_province')}>
                <table className="data compact">
                  <caption className="visually-hidden">{t('analysis.by_province')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('analysis.province')}</th>
                      <th scope="col">{t('analysis.population')}</th>
                      <th scope="col">{t('analysis.population_within', { km: c.threshold_km })}</th>
                      <th scope="col">{t('analysis.share_within')}</th>
                      {hasStatus && <th scope="col">{t('atlas.col.orders_without_data')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {c.groups.map((g) => (
                      <tr key={g.id}>
                        <th scope="row">
                          {g.id
                            ? t(`province.${g.id}`, { defaultValue: g.name || g.id })
                            : t('analysis.unknown_province')}
                        </th>
                        <td>{nf.format(Math.round(g.population_total))}</td>
                        <td>{nf.format(Math.round(g.population_within))}</td>
                        <td>{pct.format(share(g.population_within, g.population_total))}</td>
                        {hasStatus && (
                          <td>
                            {(g.orders_without_data ?? []).length === 0
                              ? '–'
                              : (g.orders_without_data ?? [])
                                  .map((l) => t(`level.${l}`, { defaultValue: l }))
                                  .join(', ')}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          )}
          <ExportLinks
            csv={exportUrl('/api/coverage', { ...params, group_by: 'province' }, 'csv', lang)}
            what={t('analysis.coverage_export')}
          />
        </>
      )}
    </section>
  );
}
