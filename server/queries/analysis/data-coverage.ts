import type { Queryable } from '../../../db/database.js';
import { PROVINCES } from '../../../domain/provinces.js';
import { LEVELS } from '../../http/list-params.js';
import { sqlFile } from '../../../db/sql-file.js';

export type Level = (typeof LEVELS)[number];
const TERRITORIES = new Set(['YT', 'NT', 'NU']);

/** The orders of government that can serve a province or territory (no territorial government in a province, and the reverse). */
export function levelsIn(province: string): Level[] {
  return LEVELS.filter((l) => (TERRITORIES.has(province) ? l !== 'provincial' : l !== 'territorial'));
}

interface PresenceRow {
  province: string;
  level: Level;
  feed_id: string;
  feed_name_en: string;
  feed_name_fr: string;
  points: number;
  points_approximate: number;
  points_not_located: number;
  published_at: Date | string | null;
}

export interface MatrixFeed {
  id: string;
  name_en: string;
  name_fr: string;
  points: number;
  points_approximate: number;
  points_not_located: number;
  published_at: string | null;
}

export interface MatrixCell {
  level: Level;
  status: 'published' | 'no_data';
  points: number;
  points_approximate: number;
  latest_published_at: string | null;
  feeds: MatrixFeed[];
}

export interface MatrixRow {
  province: string;
  name_en: string;
  name_fr: string;
  orders: MatrixCell[];
}

const presenceCache = new WeakMap<Queryable, { generation: string; presence: FeedPresence }>();

/** Where each order of government has published points: province → levels with at least one point. */
export class FeedPresence {
  constructor(readonly rows: PresenceRow[]) {}

  /**
   * The presence of published points, read again only when published points
   * have changed since (the points generation of analysis_state, bumped by
   * every publish, rollback or edit of service_points).
   */
  static async read(q: Queryable): Promise<FeedPresence> {
    const gen =
      (await q.query<{ points_generation: string }>(sqlFile('analysis_points_generation'))).rows[0]
        ?.points_generation ?? '';
    const cached = presenceCache.get(q);
    if (cached && cached.generation === gen) return cached.presence;
    const presence = await FeedPresence.fresh(q);
    presenceCache.set(q, { generation: gen, presence });
    return presence;
  }

  /** Read now, names and dates included (the data-coverage matrix). */
  static async fresh(q: Queryable): Promise<FeedPresence> {
    return new FeedPresence((await q.query<PresenceRow>(sqlFile('coverage_feed_presence'))).rows);
  }

  has(province: string | null, level: string): boolean {
    return province !== null && this.rows.some((r) => r.province === province && r.level === level && r.points > 0);
  }

  /** The data-coverage matrix: every province and territory, every order of government that can serve it. */
  matrix(): MatrixRow[] {
    return PROVINCES.map((p) => ({
      province: p.code,
      name_en: p.name_en,
      name_fr: p.name_fr,
      orders: levelsIn(p.code).map((level) => {
        const feeds = this.rows
          .filter((r) => r.province === p.code && r.level === level)
          .map((r) => ({
            id: r.feed_id,
            name_en: r.feed_name_en,
            name_fr: r.feed_name_fr,
            points: r.points,
            points_approximate: r.points_approximate,
            points_not_located: r.points_not_located,
            published_at: iso(r.published_at),
          }));
        const dates = feeds
          .map((f) => f.published_at)
          .filter((d): d is string => d !== null)
          .sort();
        return {
          level,
          status: feeds.length > 0 ? 'published' : 'no_data',
          points: feeds.reduce((s, f) => s + f.points, 0),
          points_approximate: feeds.reduce((s, f) => s + f.points_approximate, 0),
          latest_published_at: dates.at(-1) ?? null,
          feeds,
        } satisfies MatrixCell;
      }),
    }));
  }

  /**
   * Whether a finding about `province` that rests on the absence of the points
   * of `orders` is backed by data: `measured` when every one of them has a
   * published feed there, `no_data` when none has, `partial` otherwise.
   */
  status(province: string | null, orders: readonly string[]): DataStatus {
    const applicable = province ? orders.filter((o) => (levelsIn(province) as string[]).includes(o)) : [...orders];
    const withData = applicable.filter((o) => this.has(province, o));
    const without = applicable.filter((o) => !this.has(province, o));
    const status =
      applicable.length === 0 || withData.length === 0 ? 'no_data' : without.length === 0 ? 'measured' : 'partial';
    return { data_status: status, orders_with_data: withData, orders_without_data: without };
  }
}

export interface DataStatus {
  data_status: 'measured' | 'partial' | 'no_data';
  orders_with_data: string[];
  orders_without_data: string[];
}

function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

const LEVEL_WORDS: Record<string, { en: string; fr: string }> = {
  federal: { en: 'federal', fr: 'fédéral' },
  provincial: { en: 'provincial', fr: 'provincial' },
  territorial: { en: 'territorial', fr: 'territorial' },
  municipal: { en: 'municipal', fr: 'municipal' },
  indigenous: { en: 'Indigenous', fr: 'autochtone' },
};

function list(levels: string[], lang: 'en' | 'fr'): string {
  const words = levels.map((l) => LEVEL_WORDS[l]?.[lang] ?? l);
  if (words.length <= 1) return words.join('');
  const last = words.pop();
  return `${words.join(', ')} ${lang === 'en' ? 'or' : 'ou'} ${last}`;
}

/** A sentence, in both languages, saying which orders of government a finding could not check for lack of data. */
export function dataNote(
  s: DataStatus,
  province: string | null,
): { data_note_en: string | null; data_note_fr: string | null } {
  if (s.orders_without_data.length === 0) return { data_note_en: null, data_note_fr: null };
  const p = PROVINCES.find((x) => x.code === province);
  const en = p ? `in ${p.name_en}` : 'in this province or territory';
  const fr = p ? `ici (${p.name_fr})` : 'dans cette province ou ce territoire';
  return {
    data_note_en: `No ${list(s.orders_without_data, 'en')} feed is published ${en}: the absence of their points here is missing data, not evidence of missing service.`,
    data_note_fr: `Aucun flux ${list(s.orders_without_data, 'fr')} n’est publié ${fr} : l’absence de leurs points est une donnée manquante, non la preuve d’une absence de service.`,
  };
}
