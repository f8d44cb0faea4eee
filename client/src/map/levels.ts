import type { Level } from '../api/client.js';

/** Order-of-government colours: each has AA contrast with white text, and a text label always goes with it. */
export const LEVEL_COLOURS: Record<Level, string> = {
  federal: '#b3161e',
  provincial: '#1f5fa8',
  territorial: '#0b6e61',
  municipal: '#6b4fa3',
  indigenous: '#7f5200',
};

export const LEVELS = Object.keys(LEVEL_COLOURS) as Level[];

/** The orders of government named in a list (from a shared link, say), unknown names left out. */
export function levelsIn(list: string[]): Level[] {
  return list.filter((l): l is Level => (LEVELS as string[]).includes(l));
}
