import { useTranslation } from 'react-i18next';
import type { CoverageMatrix } from '../../api/client.js';
import { ApiErrorMessage } from '../../components/api-error-message.js';
import type { ApiState } from '../../components/use-api.js';
import type { Lang } from '../../i18n/index.js';

const COLUMNS = [
  { key: 'federal', levels: ['federal'], label: 'level.federal' },
  { key: 'provincial', levels: ['provincial', 'territorial'], label: 'atlas.prov_terr' },
  { key: 'municipal', levels: ['municipal'], label: 'level.municipal' },
  { key: 'indigenous', levels: ['indigenous'], label: 'level.indigenous' },
];

/**
 * Which orders of government have published feeds in each province and
 * territory: the frame every other finding is read in. A finding may say an
 * order does not serve a place only where that order's cell is published.
 */
export function DataMatrix({ state, lang, locale }: { state: ApiState<CoverageMatrix>; lang: Lang; locale: string }) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'short' });
  const m = state.data;
  if (state.error !== null) return <ApiErrorMessage error={state.error} />;
  if (!m) return state.loading ? <p>{t('analysis.loading')}</p> : null;
  // Provinces have provincial feeds and territories territorial ones: one column holds both, so the table fits beside the map.
  const columns = COLUMNS.filter((c) => m.provinces.some((p) => p.orders.some((o) => c.levels.includes(o.level))));
  return (
    <section aria-labelledby="matrix-title" className="finding" data-testid="data-matrix">
      <h3 id="matrix-title">{t('atlas.matrix_title')}</h3>
      <p>
        {t('atlas.matrix_headline', {
          published: nf.format(m.cells_published),
          total: nf.format(m.cells_published + m.cells_no_data),
        })}
      </p>
      <p className="hint">{(lang === 'fr' ? m.note_fr : m.note_en) ?? t('atlas.matrix_note')}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('atlas.matrix_title')}>
        <table className="data compact matrix">
          <caption className="visually-hidden">{t('atlas.matrix_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('analysis.province')}</th>
              {columns.map((c) => (
                <th key={c.key} scope="col">
                  {t(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.provinces.map((p) => (
              <tr key={p.province}>
                <th scope="row">
                  {t(`province.${p.province}`, { defaultValue: lang === 'fr' ? p.name_fr : p.name_en })}
                </th>
                {columns.map((c) => {
                  const cell = p.orders.find((o) => c.levels.includes(o.level));
                  if (!cell)
                    return (
                      <td key={c.key} className="not-applicable">
                        –
                      </td>
                    );
                  if (cell.status !== 'published')
                    return (
                      <td key={c.key} className="no-data" data-status="no_data">
                        {t('atlas.no_data')}
                      </td>
                    );
                  return (
                    <td key={c.key} className="published" data-status="published">
                      {t('atlas.matrix_points', { count: cell.points, n: nf.format(cell.points) })}
                      {cell.points_approximate > 0 && (
                        <span className="cell-note">
                          {t('atlas.matrix_approx', { n: nf.format(cell.points_approximate) })}
                        </span>
                      )}
                      {cell.latest_published_at && (
                        <span className="cell-note">{date.format(new Date(cell.latest_published_at))}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
