import { useTranslation } from 'react-i18next';
import type { Gap } from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import type { ApiState } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';

/** Text of an indicator; a missing one says so in words instead of showing an empty cell or a zero. */
function Indicator({ value, locale }: { value: unknown; locale: string }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '')
    return <span className="missing">{t('analysis.missing')}</span>;
  if (typeof value === 'number')
    return <>{new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)}</>;
  return <>{t(`atlas.value.${String(value)}`, { defaultValue: String(value) })}</>;
}

/** The highest-priority gaps: population units beyond the threshold from every matching point, with what the data allows one to say. */
export function GapList({ state, locale, lang }: { state: ApiState<Gap[]>; locale: string; lang: Lang }) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(locale);
  const km = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  if (state.error !== null) return <ApiErrorMessage error={state.error} />;
  if (state.loading && !state.data) return <p>{t('analysis.loading')}</p>;
  const gaps = state.data ?? [];
  if (gaps.length === 0) return <p>{t('analysis.no_gaps')}</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('analysis.gaps_table')}>
      <table className="data compact" data-testid="gap-list">
        <caption className="visually-hidden">{t('analysis.gaps_table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analysis.unit')}</th>
            <th scope="col">{t('analysis.population')}</th>
            <th scope="col">{t('atlas.nearest_short')}</th>
            <th scope="col">{t('atlas.cwb_short')}</th>
            <th scope="col">{t('atlas.type_short')}</th>
            <th scope="col">{t('atlas.data')}</th>
          </tr>
        </thead>
        <tbody>
          {gaps.map((g) => (
            <tr key={g.unit_id} data-testid="gap">
              <th scope="row">
                {g.name}{' '}
                <span className="province">
                  ({g.province ?? <span className="missing">{t('analysis.missing')}</span>})
                </span>
              </th>
              <td>
                {g.population === null ? (
                  <span className="missing">{t('analysis.missing')}</span>
                ) : (
                  nf.format(g.population)
                )}
              </td>
              <td>{g.nearest_distance_m === null ? t('analysis.no_point') : km.format(g.nearest_distance_m / 1000)}</td>
              <td>
                <Indicator value={g.indicators['cwb']} locale={locale} />
              </td>
              <td>
                <Indicator value={g.indicators['community_type']} locale={locale} />
              </td>
              <td title={(lang === 'fr' ? g.data_note_fr : g.data_note_en) ?? undefined}>
                {g.data_status ? t(`atlas.data_${g.data_status}`) : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
