import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakdownBy, BreakdownRow } from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import type { ApiState } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';

const BY: BreakdownBy[] = ['jurisdiction', 'level', 'category'];

/** Coverage of each jurisdiction's, order's or service's points on their own, beyond the filtered total. */
export function CoverageBreakdown({
  state,
  by,
  onBy,
  km,
  lang,
  locale,
}: {
  state: ApiState<BreakdownRow[]>;
  by: BreakdownBy;
  onBy: (by: BreakdownBy) => void;
  km: number;
  lang: Lang;
  locale: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const nf = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const name = (r: BreakdownRow) =>
    by === 'level' ? t(`level.${r.id}`, { defaultValue: r.name }) : ((lang === 'fr' ? r.name_fr : r.name_en) ?? r.name);
  return (
    <section aria-labelledby={`${id}-title`} className="finding" data-testid="coverage-breakdown">
      <h3 id={`${id}-title`}>{t('atlas.breakdown_title', { km })}</h3>
      <div className="filter-row">
        <label htmlFor={`${id}-by`}>{t('atlas.breakdown_by')}</label>
        <select
          id={`${id}-by`}
          value={by}
          onChange={(e) => onBy(BY.find((b) => b === e.target.value) ?? 'jurisdiction')}
        >
          {BY.map((b) => (
            <option key={b} value={b}>
              {t(`atlas.breakdown_${b}`)}
            </option>
          ))}
        </select>
      </div>
      {state.error !== null && <ApiErrorMessage error={state.error} />}
      {state.loading && !state.data && <p>{t('analysis.loading')}</p>}
      {state.data && state.data.length === 0 && <p>{t('atlas.breakdown_none')}</p>}
      {state.data && state.data.length > 0 && (
        <div className="table-scroll short" tabIndex={0} role="region" aria-label={t('atlas.breakdown_title', { km })}>
          <table className="data compact">
            <thead>
              <tr>
                <th scope="col">{t(`atlas.breakdown_${by}`)}</th>
                <th scope="col">{t('atlas.breakdown_points')}</th>
                <th scope="col">{t('analysis.population_within', { km })}</th>
                <th scope="col">{t('analysis.share_within')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{name(r)}</th>
                  <td>
                    {nf.format(r.points)}
                    {r.points_approximate > 0 && (
                      <span className="hint"> {t('atlas.matrix_approx', { n: nf.format(r.points_approximate) })}</span>
                    )}
                  </td>
                  <td>{nf.format(Math.round(r.population_within))}</td>
                  <td>{pct.format(r.pct_within ?? 0)} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
