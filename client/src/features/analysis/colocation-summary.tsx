import { useTranslation } from 'react-i18next';
import type { ColocationPair, ServicePoint } from '../../api/client.js';
import { LevelBadge } from '../../components/level-badge.js';

/** Where a point's location is only its community's or postal area's centre: its distance to another point means nothing. */
export function isApproximate(p: Pick<ServicePoint, 'geocode_quality'>): boolean {
  return p.geocode_quality === 'community' || p.geocode_quality === 'postal_code' || p.geocode_quality === 'none';
}

/** "measured" when both points sit at their address (or the source's own coordinates), else "same community". */
export function pairPrecision(pair: ColocationPair & { precision?: string }): 'measured' | 'same_community' {
  if (pair.precision === 'measured' || pair.precision === 'same_community') return pair.precision;
  return isApproximate(pair.a) || isApproximate(pair.b) ? 'same_community' : 'measured';
}

export interface PointGroup {
  point: ServicePoint;
  partners: number;
  nearest_m: number | null;
  precision: 'measured' | 'same_community';
}

/**
 * Pairs folded into one line per point, most partners first, so an office near
 * fifty others is one line saying "fifty", not fifty rows. A point is listed
 * once, under the end of its pairs with the most partners.
 */
export function groupPairs(pairs: (ColocationPair & { precision?: string })[], precision: 'measured' | 'same_community'): PointGroup[] {
  const chosen = pairs.filter((p) => pairPrecision(p) === precision);
  const degree = new Map<string, number>();
  for (const p of chosen) for (const end of [p.a, p.b]) degree.set(end.id, (degree.get(end.id) ?? 0) + 1);
  const groups = new Map<string, PointGroup>();
  for (const p of chosen) {
    const hub = (degree.get(p.a.id) ?? 0) >= (degree.get(p.b.id) ?? 0) ? p.a : p.b;
    const g = groups.get(hub.id) ?? { point: hub, partners: 0, nearest_m: null, precision };
    g.partners += 1;
    if (precision === 'measured') g.nearest_m = g.nearest_m === null ? p.distance_m : Math.min(g.nearest_m, p.distance_m);
    groups.set(hub.id, g);
  }
  return [...groups.values()].sort((x, y) => y.partners - x.partners || x.point.name.localeCompare(y.point.name));
}

const SHOWN = 5;

/** Co-location as findings: how many pairs are measured and how many only share a community, then the busiest points of each. */
export function ColocationSummary({ pairs, maxM, locale }: { pairs: ColocationPair[]; maxM: number; locale: string }) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(locale);
  const measured = groupPairs(pairs, 'measured');
  const community = groupPairs(pairs, 'same_community');
  const nMeasured = pairs.filter((p) => pairPrecision(p) === 'measured').length;
  const nCommunity = pairs.length - nMeasured;
  return (
    <div data-testid="colocation-summary">
      <p>{t('atlas.colocation_counts', { measured: nf.format(nMeasured), community: nf.format(nCommunity), m: nf.format(maxM) })}</p>
      {measured.length > 0 && (
        <>
          <h4>{t('atlas.colocation_measured', { m: nf.format(maxM) })}</h4>
          <ul className="finding-list" data-testid="colocation-measured">
            {measured.slice(0, SHOWN).map((g) => (
              <li key={g.point.id}>
                <strong>{g.point.name}</strong> <LevelBadge level={g.point.level} />{' '}
                {t('atlas.colocation_partners', { count: g.partners, n: nf.format(g.partners), m: nf.format(Math.round(g.nearest_m ?? 0)) })}
              </li>
            ))}
          </ul>
          {measured.length > SHOWN && <p className="hint">{t('atlas.and_more', { n: nf.format(measured.length - SHOWN) })}</p>}
        </>
      )}
      {community.length > 0 && (
        <>
          <h4>{t('atlas.colocation_community')}</h4>
          <p className="hint">{t('atlas.colocation_community_hint')}</p>
          <ul className="finding-list" data-testid="colocation-community">
            {community.slice(0, SHOWN).map((g) => (
              <li key={g.point.id}>
                <strong>{g.point.name}</strong> <LevelBadge level={g.point.level} />{' '}
                {t('atlas.colocation_same_community', { count: g.partners, n: nf.format(g.partners) })}
              </li>
            ))}
          </ul>
          {community.length > SHOWN && <p className="hint">{t('atlas.and_more', { n: nf.format(community.length - SHOWN) })}</p>}
        </>
      )}
    </div>
  );
}
