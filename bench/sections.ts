import type { Figure } from './figures.js';

export interface BenchSection {
  name: string;
  run: (ctx: { quick: boolean; baseUrl: string | null; log: (m: string) => void }) => Promise<Figure[]>;
}

/** Sections measured after the nearest-point figures: loader, coverage, tiles. */
export const extraSections: BenchSection[] = [];
