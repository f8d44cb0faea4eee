import { randomUUID } from 'node:crypto';
import type { Lang } from '../http/lang.js';
import { toServicePoint, type ServicePointRow } from '../queries/service-point-row.js';
import type { NearestHit } from './published-point-index.js';

/** Marks where a value changing per request goes; random per process, so no stored text can forge it. */
const MARK = `@${randomUUID()}@`;
const marked = (n: number) => JSON.stringify(`${MARK}${n}`);

/**
 * A point's JSON cut around its three values that change per request
 * (open_now, hours_today, distance_m): everything else is the same for every
 * answer in a language, so it is serialised once per point and language.
 */
interface Fragments {
  parts: [string, string, string, string];
  hasHours: boolean;
}

const cache = { en: new WeakMap<object, Fragments>(), fr: new WeakMap<object, Fragments>() };
const EPOCH = new Date(0);

function fragmentsOf(row: Readonly<ServicePointRow>, lang: Lang): Fragments {
  const byLang = cache[lang];
  let f = byLang.get(row);
  if (!f) {
    // toServicePoint itself gives the fields, their order and their values; only the marked three vary.
    const point = toServicePoint({ ...row, distance_m: 0 }, lang, EPOCH);
    const text = JSON.stringify({ ...point, open_now: `${MARK}1`, hours_today: `${MARK}2`, distance_m: `${MARK}3` });
    const [a, rest1] = text.split(marked(1)) as [string, string];
    const [b, rest2] = rest1.split(marked(2)) as [string, string];
    const [c, d] = rest2.split(marked(3)) as [string, string];
    f = { parts: [a, b, c, d], hasHours: row.hours !== null && row.hours !== undefined };
    byLang.set(row, f);
  }
  return f;
}

const NO_HOURS = { open_now: null, hours_today: null };

/**
 * The JSON body of a nearest answer from the index: byte for byte what
 * `res.json({ ...extra, results: hits.map(toServicePoint) })` would send,
 * without serialising each point's unchanging fields again.
 */
export function nearestJsonBody(hits: NearestHit[], lang: Lang, now: Date, extra: Record<string, unknown>): string {
  const [head, tail] = JSON.stringify({ ...extra, results: `${MARK}0` }).split(marked(0)) as [string, string];
  let body = `${head}[`;
  for (let i = 0; i < hits.length; i += 1) {
    const { row, distance } = hits[i]!;
    const f = fragmentsOf(row, lang);
    const dynamic = f.hasHours ? toServicePoint(row, lang, now) : NO_HOURS;
    if (i > 0) body += ',';
    body += f.parts[0] + JSON.stringify(dynamic.open_now) + f.parts[1] + JSON.stringify(dynamic.hours_today) + f.parts[2] +
      JSON.stringify(Math.round(distance * 10) / 10) + f.parts[3];
  }
  return `${body}]${tail}`;
}
