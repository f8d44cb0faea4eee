/** A candidate site and the units (by id) it would bring within the threshold. */
export interface CoverageCandidate {
  id: string;
  covers: readonly string[];
}

export interface GreedyPick {
  candidate_id: string;
  newly_covered_population: number;
  newly_covered_units: number;
  cumulative_newly_covered: number;
}

/**
 * Greedy maximal coverage: k times, take the candidate that covers the most
 * population not yet covered (existing sites are already excluded from
 * `population`'s units). Ties go to the candidate listed first, so results are
 * stable. Stops early when no candidate adds anyone. The greedy is within
 * (1 - 1/e) of the best choice of k sites (Nemhauser, Wolsey and Fisher 1978).
 */
export function greedyMaxCoverage(
  candidates: readonly CoverageCandidate[],
  population: ReadonlyMap<string, number>,
  k: number,
): GreedyPick[] {
  const covered = new Set<string>();
  const used = new Set<number>();
  const picks: GreedyPick[] = [];
  let cumulative = 0;
  for (let round = 0; round < k; round += 1) {
    let best = -1;
    let bestGain = 0;
    let bestUnits = 0;
    candidates.forEach((c, i) => {
      if (used.has(i)) return;
      let gain = 0;
      let units = 0;
      for (const u of new Set(c.covers)) {
        if (covered.has(u)) continue;
        gain += population.get(u) ?? 0;
        units += 1;
      }
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
        bestUnits = units;
      }
    });
    const chosen = candidates[best];
    if (!chosen) break;
    used.add(best);
    for (const u of chosen.covers) covered.add(u);
    cumulative += bestGain;
    picks.push({
      candidate_id: chosen.id,
      newly_covered_population: bestGain,
      newly_covered_units: bestUnits,
      cumulative_newly_covered: cumulative,
    });
  }
  return picks;
}
