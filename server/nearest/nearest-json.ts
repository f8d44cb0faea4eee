import { randomUUID } from 'node:crypto';
import type { Lang } from '../http/lang.js';
import { toPerformance, toStandard } from '../queries/channels/channel-row.js';
import { clockFields, toServicePoint, type ServicePointRow } from '../queries/service-point-row.js';
import type { NearestHit } from './published-point-index.js';

/** Marks where a value that changes per request goes; random per process, so no stored text can forge it. */
const MARK = `@${randomUUID()}@`;
const marked = (n: number) => JSON.stringify(`${MARK}${n}`);

/** A point's answer fields that change per request: the clock's three, the distance, and the two figures read per request. */
const DYNAMIC = ['open_now', 'hours_today', 'hours_week', 'distance_m', 'standard', 'performance'] as const;

/**
 * A point's JSON cut around its values that change per request: everything
 * else is the same for every answer in a language, so it is serialised once
 * per point and language.
 */
interface Fragments {
  parts: string[];
  hasHours: boolean;
}

/** Points answered recently, per language; two generations of at most this many each bound the memory. */
const GENERATION = 20_000;
const EPOCH = new Date(0);

class FragmentCache {
  private current = new Map<object, Fragments>();
  private previous = new Map<object, Fragments>();

  get(row: Readonly<ServicePointRow>, lang: Lang): Fragments {
    let f = this.current.get(row);
    if (f) return f;
    f = this.previous.get(row) ?? cut(row, lang);
    if (this.current.size >= GENERATION) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(row, f);
    return f;
  }
}

function cut(row: Readonly<ServicePointRow>, lang: Lang): Fragments {
  // toServicePoint itself gives the fields, their order and their values; only the marked ones vary. Its
  // clock fields are replaced here, so it is given no hours to read (the stored hours go back in their place).
  const point = toServicePoint({ ...row, hours: null, distance_m: 0, standard: null, performance: null }, lang, EPOCH);
  const marks = Object.fromEntries(DYNAMIC.map((k, i) => [k, `${MARK}${i}`]));
  let rest = JSON.stringify({ ...point, hours: row.hours ?? null, ...marks });
  const parts: string[] = [];
  for (let i = 0; i < DYNAMIC.length; i += 1) {
    const at = rest.indexOf(marked(i));
    if (at < 0) throw new Error(`nearest JSON: ${DYNAMIC[i]} is not in a service point's answer`);
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + marked(i).length);
  }
  parts.push(rest);
  return { parts, hasHours: row.hours !== null && row.hours !== undefined };
}

const caches = { en: new FragmentCache(), fr: new FragmentCache() };

/** A nearest answer from memory: the hit with the standard and latest figures read for it per request. */
export interface AnsweredHit extends NearestHit {
  standard: ServicePointRow['standard'];
  performance: ServicePointRow['performance'];
}

/**
 * The JSON body of a nearest answer from the index: byte for byte what
 * `res.json({ ...extra, results: rows.map(toServicePoint) })` sends on the
 * SQL path, without serialising each point's unchanging fields again.
 */
export function nearestJsonBody(hits: AnsweredHit[], lang: Lang, now: Date, extra: Record<string, unknown>): string {
  const [head, tail] = JSON.stringify({ ...extra, results: `${MARK}r` }).split(JSON.stringify(`${MARK}r`)) as [
    string,
    string,
  ];
  let body = `${head}[`;
  const cache = caches[lang];
  for (let i = 0; i < hits.length; i += 1) {
    const { row, distance, standard, performance } = hits[i]!;
    const { parts, hasHours } = cache.get(row, lang);
    // Without stored hours the clock changes nothing: no opening, no day, no week.
    const clock = hasHours ? clockFields(row, lang, now) : null;
    if (i > 0) body += ',';
    body +=
      parts[0]! +
      (clock ? JSON.stringify(clock.open_now) : 'null') +
      parts[1]! +
      (clock ? JSON.stringify(clock.hours_today) : 'null') +
      parts[2]! +
      (clock ? JSON.stringify(clock.hours_week) : 'null') +
      parts[3]! +
      JSON.stringify(Math.round(distance * 10) / 10) +
      parts[4]! +
      (standard ? JSON.stringify(toStandard(standard, lang)) : 'null') +
      parts[5]! +
      (performance ? JSON.stringify(toPerformance(performance)) : 'null') +
      parts[6]!;
  }
  return `${body}]${tail}`;
}
