/** One measured figure, with what it is compared against and the goal it is held to. */
export interface Figure {
  id: string;
  label: string;
  value: number | null;
  unit: string;
  reference?: { label: string; value: number | null; unit: string };
  /** value / reference.value (or the inverse where the goal says so). */
  ratio?: number | null;
  goal?: string;
  goal_met?: boolean | null;
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function round(n: number | null | undefined, digits = 2): number | null {
  if (n === null || n === undefined || !Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
