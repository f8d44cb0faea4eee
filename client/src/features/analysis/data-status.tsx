import { useTranslation } from 'react-i18next';
import type { DataStatus3, StatusCount } from '../../api/client.js';

const ORDER: DataStatus3[] = ['measured', 'partial', 'no_data'];

/**
 * How much of a finding rests on data: units where every order of government
 * considered has published a feed in the province, where only some have, and
 * where none of the others has (there the finding says "no data", never "absent").
 */
export function DataStatusBreakdown({
  counts,
  locale,
  testId,
}: {
  counts: Partial<Record<DataStatus3, StatusCount>>;
  locale: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(locale);
  return (
    <ul className="status-breakdown" data-testid={testId}>
      {ORDER.map((s) => {
        const c = counts[s] ?? { units: 0, population: 0 };
        return (
          <li key={s} data-status={s}>
            <span className={`status-mark status-${s}`} aria-hidden="true" />
            {t(`atlas.status_${s}`, {
              count: c.units,
              units: nf.format(c.units),
              people: nf.format(Math.round(c.population)),
            })}
          </li>
        );
      })}
    </ul>
  );
}
