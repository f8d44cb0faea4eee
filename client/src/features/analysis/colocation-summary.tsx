import { useTranslation } from 'react-i18next';
import type { ColocationList, ColocationPair, PairPoint } from '../../api/client.js';
import { LevelBadge } from '../../components/level-badge.js';

export interface PointGroup {
  point: PairPoint;
  partners: number;
  nearest_m: number | null;
}

/**
 * Pairs folded into one line per point, most partners first, so an office near
 * fifty others is one line saying "fifty", not fifty rows. A pair is counted
 * under the end of it with the most partners.
 */
export function groupPairs(pairs: ColocationPair[]): PointGroup[] {
  const degree = new Map<string, number>();
  for (const p of pairs) for (const end of [p.a, p.b]) degree.set(end.id, (degree.get(end.id) ?? 0) + 1);
  const groups = new Map<string, PointGroup>();
  for (const p of pairs) {
    const hub = (degree.get(p.a.id) ?? 0) >= (degree.get(p.b.id) ?? 0) ? p.a : p.b;
    const g = groups.get(hub.id) ?? { point: hub, partners: 0, nearest_m: null };
    g.partners += 1;
    if (p.distance_m !== null) g.nearest_m = g.nearest_m === null ? p.distance_m : Math.min(g.nearest_m, p.distance_m);
    groups.set(hub.id, g);
  }
  return [...groups.values()].sort((x, y) => y.partners - x.partners || x.point.name.localeCompare(y.point.name));
}

export interface CommunityGroup {
  key: string;
  city: string | null;
  province: string | null;
  /** Distinct points of each order of government placed there. */
  levels: Record<string, number>;
  pairs: number;
}

/**
 * Same-community pairs folded into one line per community: the points placed
 * at one community centre pair with each other, so listing them point by
 * point would repeat the same place for every office in it.
 */
export function groupByCommunity(pairs: ColocationPair[]): CommunityGroup[] {
  const groups = new Map<string, CommunityGroup & { seen: Set<string> }>();
  for (const p of pairs) {
    const city = p.a.city ?? p.b.city ?? null;
    const province = p.a.province ?? p.b.province ?? null;
    const key = city
      ? `${city.toLowerCase()}|${province ?? ''}`
      : `${p.a.lon?.toFixed(3) ?? '?'},${p.a.lat?.toFixed(3) ?? '?'}`;
    const g = groups.get(key) ?? { key, city, province, levels: {}, pairs: 0, seen: new Set<string>() };
    g.pairs += 1;
    for (const end of [p.a, p.b]) {
      if (g.seen.has(end.id)) continue;
      g.seen.add(end.id);
      g.levels[end.level] = (g.levels[end.level] ?? 0) + 1;
    }
    groups.set(key, g);
  }
  return [...groups.values()]
    .map(({ seen: _seen, ...g }) => g)
    .sort((x, y) => y.pairs - x.pairs || (x.city ?? '').localeCompare(y.city ?? ''));
}

const SHOWN = 5;

export interface ColocationSummaryProps {
  measured: ColocationList;
  community: ColocationList | null;
  maxM: number;
  locale: string;
}

/**
 * Co-location as findings: how many pairs are measured between points at
 * their address and how many only share a community (never given a distance),
 * then the points with the most partners of each kind.
 */
export function ColocationSummary({ measured, community, maxM, locale }: ColocationSummaryProps) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(locale);
  // The server tells each pair's precision: measured only where both ends sit at their address.
  const measuredPairs = measured.results;
  const communityPairs = community?.results ?? [];
  const nMeasured = measured.measured_total;
  const nCommunity = measured.same_community_total;
  const byMeasured = groupPairs(measuredPairs);
  const byCommunity = groupByCommunity(communityPairs);
  return (
    <div data-testid="colocation-summary">
      <p data-testid="colocation-counts">
        {t('atlas.colocation_counts', {
          measured: nf.format(nMeasured),
          community: nf.format(nCommunity),
          m: nf.format(maxM),
        })}
      </p>
      {byMeasured.length > 0 && (
        <>
          <h4>{t('atlas.colocation_measured', { m: nf.format(maxM) })}</h4>
          <ul className="finding-list" data-testid="colocation-measured">
            {byMeasured.slice(0, SHOWN).map((g) => (
              <li key={g.point.id}>
                <strong>{g.point.name}</strong> <LevelBadge level={g.point.level} />{' '}
                {t('atlas.colocation_partners', {
                  count: g.partners,
                  n: nf.format(g.partners),
                  m: nf.format(Math.round(g.nearest_m ?? 0)),
                })}
              </li>
            ))}
          </ul>
          {byMeasured.length > SHOWN && (
            <p className="hint">{t('atlas.and_more', { n: nf.format(byMeasured.length - SHOWN) })}</p>
          )}
        </>
      )}
      {byCommunity.length > 0 && (
        <>
          <h4>{t('atlas.colocation_community')}</h4>
          <p className="hint">{t('atlas.colocation_community_hint')}</p>
          <ul className="finding-list" data-testid="colocation-community">
            {byCommunity.slice(0, SHOWN).map((g) => (
              <li key={g.key}>
                <strong>{g.city ?? t('atlas.unnamed_place')}</strong>
                {g.province && ` (${g.province})`}:{' '}
                {Object.entries(g.levels).map(([level, n]) => (
                  <span key={level} className="level-count">
                    {nf.format(n)} <LevelBadge level={level} />{' '}
                  </span>
                ))}
                {t('atlas.colocation_same_community', { count: g.pairs, n: nf.format(g.pairs) })}
              </li>
            ))}
          </ul>
          {byCommunity.length > SHOWN && (
            <p className="hint">{t('atlas.and_more_communities', { n: nf.format(byCommunity.length - SHOWN) })}</p>
          )}
        </>
      )}
    </div>
  );
}
