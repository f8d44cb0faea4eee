import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyMaxCoverage, type CoverageCandidate } from './greedy-max-coverage.js';

/** The best population any k candidates cover together, by trying every set of k. */
function bruteForce(candidates: CoverageCandidate[], population: Map<string, number>, k: number): number {
  let best = 0;
  const visit = (start: number, left: number, covered: Set<string>) => {
    let value = 0;
    for (const u of covered) value += population.get(u) ?? 0;
    best = Math.max(best, value);
    if (left === 0) return;
    for (let i = start; i < candidates.length; i += 1)
      visit(i + 1, left - 1, new Set([...covered, ...(candidates[i]?.covers ?? [])]));
  };
  visit(0, k, new Set());
  return best;
}

const instance = fc.record({
  populations: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 }),
  cover: fc.array(fc.array(fc.nat(11), { maxLength: 6 }), { minLength: 1, maxLength: 8 }),
  k: fc.integer({ min: 1, max: 4 }),
});

function build({ populations, cover }: { populations: number[]; cover: number[][] }) {
  const population = new Map(populations.map((p, i) => [`u${i}`, p]));
  const candidates = cover.map((units, i) => ({
    id: `c${i}`,
    covers: units.filter((u) => u < populations.length).map((u) => `u${u}`),
  }));
  return { population, candidates };
}

describe('greedy maximal coverage', () => {
  it('solves a hand-made instance: the big site first, then the one that adds the most', () => {
    const population = new Map([
      ['a', 100],
      ['b', 60],
      ['c', 50],
      ['d', 10],
    ]);
    const candidates = [
      { id: 'x', covers: ['a', 'b'] },
      { id: 'y', covers: ['b', 'c'] },
      { id: 'z', covers: ['c', 'd'] },
    ];
    expect(greedyMaxCoverage(candidates, population, 3)).toEqual([
      { candidate_id: 'x', newly_covered_population: 160, newly_covered_units: 2, cumulative_newly_covered: 160 },
      { candidate_id: 'z', newly_covered_population: 60, newly_covered_units: 2, cumulative_newly_covered: 220 },
    ]);
  });

  it('equals the brute-force optimum for k = 1', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const { population, candidates } = build(inst);
        const greedy = greedyMaxCoverage(candidates, population, 1).at(-1)?.cumulative_newly_covered ?? 0;
        expect(greedy).toBe(bruteForce(candidates, population, 1));
      }),
      { numRuns: 300 },
    );
  });

  it('stays within (1 - 1/e) of the brute-force optimum for any k, and never above it', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const { population, candidates } = build(inst);
        const greedy = greedyMaxCoverage(candidates, population, inst.k).at(-1)?.cumulative_newly_covered ?? 0;
        const best = bruteForce(candidates, population, inst.k);
        expect(greedy).toBeLessThanOrEqual(best);
        expect(greedy).toBeGreaterThanOrEqual((1 - 1 / Math.E) * best - 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('marginal gains add up and never increase from one pick to the next', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const { population, candidates } = build(inst);
        const picks = greedyMaxCoverage(candidates, population, inst.k);
        let sum = 0;
        picks.forEach((p, i) => {
          sum += p.newly_covered_population;
          expect(p.cumulative_newly_covered).toBe(sum);
          expect(p.newly_covered_population).toBeGreaterThan(0);
          if (i > 0) expect(p.newly_covered_population).toBeLessThanOrEqual(picks[i - 1]!.newly_covered_population);
        });
      }),
      { numRuns: 200 },
    );
  });
});
