import fs from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FeedField } from './column-mapping.js';
import { hsdsValidators } from './hsds-schemas.js';
import type { LoadReport } from './load-report.js';
import { MAX_COLUMNS, readCsv } from './read-csv.js';
import type { ReadOptions } from './read-feed-rows.js';
import { FileProblem, rowIssue, type RowIssue } from './row-issue.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH, streamJsonElements } from './stream-json-elements.js';
import type { RawFeedRow } from './validate-row.js';

/**
 * Open Referral HSDS 3.0: the JSON form (organizations with services and
 * locations, or services with service_at_locations) and the tabular data
 * package (datapackage.json + CSVs). One service point per physical
 * location; the services offered there become its categories. Records are
 * checked against the official HSDS 3.0 schemas, shipped unmodified in
 * data-loaders/schemas/hsds-3.0-official (hsds-schemas.ts). A schema finding
 * is a warning; the one row schema decides whether the point is kept.
 */

type Obj = Record<string, unknown>;

function validatorsFor(kind: 'json' | 'tabular'): Record<string, ValidateFunction> {
  return hsdsValidators(kind);
}

function schemaIssues(row: number, where: string, errors: ErrorObject[] | null | undefined): RowIssue[] {
  if (!errors?.length) return [];
  const shown = errors.slice(0, 5).map((e) => {
    const at = `${where}${e.instancePath.replace(/\//g, '.')}`;
    const detail =
      e.keyword === 'required'
        ? `missing ${String((e.params as { missingProperty?: string }).missingProperty)}`
        : (e.message ?? e.keyword);
    return rowIssue(row, at, e.data === undefined || typeof e.data === 'object' ? null : e.data, 'schema_violation', {
      en: `(${at}: ${detail})`,
      fr: `(${at} : ${detail})`,
    });
  });
  return shown;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => !!x && typeof x === 'object') : []);

const BYDAY: Record<string, string> = { MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun' };

/** ISO dates from `from` to `to` (inclusive), at most `max` of them. */
function datesBetween(from: string, to: string, max = 62): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T12:00:00Z`);
  const end = new Date(`${to}T12:00:00Z`);
  if (Number.isNaN(d.getTime()) || Number.isNaN(end.getTime())) return out;
  while (d <= end && out.length < max) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

const isoDay = (v: unknown): string | null => {
  const t = str(v);
  return t && /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : null;
};

/**
 * HSDS schedules as the hours reader's text and a list of closed dates.
 * RRULE-style regular hours ("byday": "MO,TU", "opens_at": "08:30") count
 * while their validity dates hold (valid_from, valid_to); a schedule with no
 * opening time whose description or notes say closed ("Closed", "Fermé"), over
 * a date or a range (valid_from..valid_to, dtstart..until), is a closure; a
 * description such as "Closed on statutory holidays" is kept in the text, where
 * the hours reader finds it.
 */
function scheduleValues(
  schedules: Obj[],
  today = new Date().toISOString().slice(0, 10),
): { hours: string | null; closed: string | null } {
  const parts: string[] = [];
  const closed: string[] = [];
  for (const s of schedules) {
    const opens = str(s['opens_at']);
    const closes = str(s['closes_at']);
    const from = isoDay(s['valid_from']) ?? isoDay(s['dtstart']);
    const to = isoDay(s['valid_to']) ?? isoDay(s['until']);
    const words = [str(s['description']), str(s['notes'])].filter(Boolean).join(' ');
    if (!opens && !closes && from && /\b(closed|ferm[eé]e?s?)\b/i.test(words)) {
      const dates = datesBetween(from, to ?? from).filter((d) => d >= today);
      closed.push(...dates);
      continue;
    }
    // Hours that ended, or have not begun, are not this point's hours now.
    if ((to && to < today) || (from && from > today && (opens || closes))) continue;
    const days = (str(s['byday']) ?? '')
      .split(',')
      .map((d) => BYDAY[d.trim().toUpperCase().slice(-2)])
      .filter(Boolean);
    if (opens && closes && days.length) {
      for (const d of days) parts.push(`${d} ${opens.slice(0, 5)}-${closes.slice(0, 5)}`);
      // Beside structured hours, a description usually restates them (our own export does): only a
      // note about closures ("Closed on statutory holidays") adds anything, and only that is kept.
      if (words && /holiday|f[ée]ri[ée]|closed|ferm[ée]/i.test(words)) parts.push(words);
    } else if (words) parts.push(words);
  }
  return {
    hours: parts.length ? [...new Set(parts)].join('; ') : null,
    closed: closed.length ? [...new Set(closed)].sort().join('; ') : null,
  };
}

interface Context {
  organization: Obj | null;
  services: Obj[];
}

/** One HSDS location (with what is known about its organization and services) as a feed row. */
function locationRow(row: number, location: Obj, ctx: Context, issues: RowIssue[]): RawFeedRow {
  const addresses = arr(location['addresses']);
  const address = addresses.find((a) => a['address_type'] === 'physical') ?? addresses[0] ?? {};
  const org = ctx.organization ?? {};
  const phones = [...arr(location['phones']), ...ctx.services.flatMap((s) => arr(s['phones'])), ...arr(org['phones'])];
  const service = ctx.services[0] ?? {};
  const terms = ctx.services.flatMap((s) => [
    str(s['name']),
    ...arr(s['attributes']).map(
      (a) =>
        str((a['taxonomy_term'] as Obj | undefined)?.['code']) ??
        str((a['taxonomy_term'] as Obj | undefined)?.['name']),
    ),
  ]);
  const languages = [...arr(location['languages']), ...ctx.services.flatMap((s) => arr(s['languages']))]
    .map((l) => str(l['code']) ?? str(l['name']))
    .filter(Boolean);
  const accessibility = arr(location['accessibility'])
    .map((a) => str(a['description']) ?? str(a['details']))
    .filter(Boolean);
  const values: Partial<Record<FeedField, unknown>> = {
    id: str(location['id']),
    name: str(location['name']) ?? str(org['name']) ?? str(service['name']),
    organization: str(org['name']),
    address: str(address['address_1']),
    address_2: str(address['address_2']),
    city: str(address['city']),
    province: str(address['state_province']),
    postal_code: str(address['postal_code']),
    phone: phones.map((p) => str(p['number'])).find(Boolean) ?? null,
    email: str(service['email']) ?? str(org['email']),
    website: str(service['url']) ?? str(org['website']) ?? str(location['url']),
    lat: location['latitude'] ?? null,
    lon: location['longitude'] ?? null,
    categories: [...new Set(terms.filter(Boolean))].join(';') || null,
    languages: languages.join(';') || null,
    ...(() => {
      const v = scheduleValues(
        arr(location['schedules']).length
          ? arr(location['schedules'])
          : ctx.services.flatMap((s) => arr(s['schedules'])),
      );
      return { hours: v.hours, closed_dates: v.closed };
    })(),
    accessibility: accessibility.join(';') || null,
    description: str(location['description']),
  };
  if (location['location_type'] === 'virtual')
    issues.push(rowIssue(row, 'location_type', 'virtual', 'virtual_location'));
  const extra: Obj = { hsds_location_id: location['id'] ?? null };
  if (ctx.services.length)
    extra['services'] = ctx.services.map((s) => ({ id: s['id'] ?? null, name: s['name'] ?? null })).slice(0, 50);
  if (org['id']) extra['hsds_organization_id'] = org['id'];
  const channels = ctx.services
    .map(serviceChannel)
    .filter((c): c is Obj => c !== null)
    .slice(0, 20);
  // Derived into online and phone channels when the version is published (sql/migrations/0042, docs/channels.md).
  if (channels.length) extra['hsds_channels'] = channels;
  return { row, values, extra, issues };
}

const TTY = /^(textphone|tty|ats)$/i;

/**
 * A service offered at several locations with one url or one phone line is
 * reachable online or by phone, not only at a counter: its url and phones
 * are a channel. A service at one location is that location's own contact.
 */
function serviceChannel(s: Obj): Obj | null {
  if (arr(s['service_at_locations']).length < 2) return null;
  const phones = arr(s['phones']);
  const voice = phones.find((p) => !TTY.test(str(p['type']) ?? '') && !/^(fax|text|sms)$/i.test(str(p['type']) ?? ''));
  const tty = phones.find((p) => TTY.test(str(p['type']) ?? ''));
  const url = str(s['url']);
  if (!url && !voice && !tty) return null;
  const languages = [...arr(voice?.['languages']), ...arr(s['languages'])]
    .map((l) => str(l['code']) ?? str(l['name']))
    .filter(Boolean);
  return {
    name: str(s['name']),
    url,
    phone: str(voice?.['number']),
    tty: str(tty?.['number']),
    languages: [...new Set(languages)].join(';') || null,
    hours: scheduleValues(arr(s['schedules'])).hours,
  };
}

export function isHsdsPackage(file: string): boolean {
  return /datapackage\.json$/i.test(path.basename(file));
}

/** Rows of an HSDS feed: the JSON form streamed, or the tabular package. */
export async function* readFeedHsds(file: string, options: ReadOptions): AsyncGenerator<RawFeedRow> {
  if (fs.statSync(file).isDirectory() || isHsdsPackage(file)) {
    yield* readHsdsPackage(fs.statSync(file).isDirectory() ? file : path.dirname(file), options.report);
    return;
  }
  yield* readHsdsJson(file, options.report);
}

/**
 * The JSON form. Locations are collected by id across the file so that a
 * location named by several services becomes one point with all their
 * services; the rows (not the file) are what is held in memory.
 */
async function* readHsdsJson(file: string, report: LoadReport): AsyncGenerator<RawFeedRow> {
  const v = validatorsFor('json');
  const byId = new Map<string, { location: Obj; ctx: Context; issues: RowIssue[]; row: number }>();
  const order: string[] = [];
  let anonymous = 0;
  const bad: string[] = [];
  const add = (location: Obj, org: Obj | null, service: Obj | null, issues: RowIssue[]) => {
    const id = str(location['id']) ?? `#${(anonymous += 1)}`;
    const seen = byId.get(id);
    if (seen) {
      if (service && !seen.ctx.services.includes(service)) seen.ctx.services.push(service);
      seen.issues.push(...issues);
      return;
    }
    byId.set(id, {
      location,
      ctx: { organization: org, services: service ? [service] : [] },
      issues,
      row: order.length + 1,
    });
    order.push(id);
  };
  const take = (el: unknown, index: number) => {
    if (!el || typeof el !== 'object' || Array.isArray(el)) {
      bad.push(`element ${index + 1} is not an object`);
      return;
    }
    const o = el as Obj;
    const where = `[${index}]`;
    // A service_at_location carries its location object (and may have a description, like an organization).
    const isServiceAtLocation =
      !!o['location'] &&
      typeof o['location'] === 'object' &&
      !('services' in o) &&
      !('locations' in o) &&
      !('status' in o);
    if (
      !isServiceAtLocation &&
      ('services' in o || 'locations' in o || ('description' in o && !('status' in o) && !('location_type' in o)))
    ) {
      // An organization.
      const issues = schemaIssues(
        order.length + 1,
        `organization${where}`,
        v['organization']!(o) ? null : v['organization']!.errors,
      );
      const services = arr(o['services']);
      const locs = arr(o['locations']);
      const locById = new Map(locs.map((l) => [str(l['id']) ?? '', l]));
      for (const l of locs) add(l, o, null, issues.splice(0));
      for (const s of services) {
        for (const sal of arr(s['service_at_locations'])) {
          const loc = (sal['location'] as Obj | undefined) ?? locById.get(str(sal['location_id']) ?? '');
          if (loc) add(loc, o, s, []);
        }
        for (const l of locs) {
          const linked = arr(s['service_at_locations']).some(
            (sal) =>
              str(sal['location_id']) === str(l['id']) || (sal['location'] as Obj | undefined)?.['id'] === l['id'],
          );
          if (linked) add(l, o, s, []);
        }
      }
      if (locs.length === 0 && services.every((s) => arr(s['service_at_locations']).length === 0))
        bad.push(`organization ${str(o['name']) ?? index + 1} has no location`);
    } else if ('service_at_locations' in o || 'status' in o) {
      const issues = schemaIssues(order.length + 1, `service${where}`, v['service']!(o) ? null : v['service']!.errors);
      const org = (o['organization'] as Obj | undefined) ?? null;
      const sals = arr(o['service_at_locations']);
      for (const sal of sals) {
        const loc = sal['location'] as Obj | undefined;
        if (loc) add(loc, org, o, issues.splice(0));
      }
      if (sals.length === 0) bad.push(`service ${str(o['name']) ?? index + 1} has no location`);
    } else if ('location' in o && typeof o['location'] === 'object') {
      const issues = schemaIssues(
        order.length + 1,
        `service_at_location${where}`,
        v['service_at_location']!(o) ? null : v['service_at_location']!.errors,
      );
      add(o['location'] as Obj, null, (o['service'] as Obj | undefined) ?? null, issues);
    } else {
      const issues = schemaIssues(
        order.length + 1,
        `location${where}`,
        v['location']!(o) ? null : v['location']!.errors,
      );
      add(o, null, null, issues);
    }
  };

  let streamed = false;
  try {
    for await (const el of streamJsonElements(file, {
      keys: ['contents', 'organizations', 'services', 'locations', 'items', 'data'],
      onBadElement: (index, message) => bad.push(`element ${index + 1}: ${message}`),
    })) {
      streamed = true;
      take(el.value, el.index);
    }
  } catch (err) {
    bad.push((err as Error).message);
  }
  if (!streamed && fs.statSync(file).size <= MAX_SINGLE_DOCUMENT_BYTES) {
    // A single organization or service object, not a list: small by nature, read whole
    // only up to a few megabytes and only when it nests no deeper than a feed does.
    try {
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      if (jsonDepthExceeds(text)) throw new FileProblem(`The JSON is nested deeper than ${MAX_JSON_DEPTH} levels.`);
      const doc = JSON.parse(text) as unknown;
      if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
        bad.length = 0;
        take(doc, 0);
      }
    } catch (err) {
      // A parse error was already reported by the streaming pass.
      if (err instanceof FileProblem) bad.push(err.message);
    }
  } else if (!streamed) {
    bad.push(
      `a single HSDS object larger than ${MAX_SINGLE_DOCUMENT_BYTES / 1024 / 1024} MB is not read; give a list of organizations, services or locations`,
    );
  }
  for (const message of bad) {
    report.rows += 1;
    report.rejected += 1;
    report.add(rowIssue(0, '', null, 'unreadable_row', { en: `(${message})`, fr: `(${message})` }));
  }
  for (const id of order) {
    const e = byId.get(id)!;
    const locIssues = schemaIssues(e.row, 'location', v['location']!(e.location) ? null : v['location']!.errors);
    yield locationRow(e.row, e.location, e.ctx, [...e.issues.map((i) => ({ ...i, row: e.row })), ...locIssues]);
    byId.delete(id);
  }
}

/** Largest single HSDS object (not a list) read whole. */
const MAX_SINGLE_DOCUMENT_BYTES = 4 * 1024 * 1024;

/**
 * A resource path of a data package, resolved inside the package's folder, or
 * null when it would leave it (`../`, an absolute path, a URL, a link out).
 */
export function packagePath(dir: string, relative: string): string | null {
  if (
    relative === '' ||
    relative.includes('\0') ||
    /^[a-z][a-z0-9+.-]*:/i.test(relative) ||
    path.isAbsolute(relative) ||
    relative.includes('\\')
  )
    return null;
  const root = path.resolve(dir);
  const full = path.resolve(root, relative);
  if (path.relative(root, full).startsWith('..') || !full.startsWith(root + path.sep)) return null;
  try {
    // A symbolic link inside the folder must not lead out of it either.
    const real = fs.realpathSync(full);
    const realRoot = fs.realpathSync(root);
    if (!real.startsWith(realRoot + path.sep)) return null;
  } catch {
    // Not there: fileOf() checks existence and falls back to the usual names.
  }
  return full;
}

interface PackageResource {
  name?: string;
  path?: string;
}

/** The tabular data package: datapackage.json lists the CSVs; locations.csv drives the rows. */
async function* readHsdsPackage(dir: string, report: LoadReport): AsyncGenerator<RawFeedRow> {
  const v = validatorsFor('tabular');
  const resources = new Map<string, string>();
  const pkgFile = path.join(dir, 'datapackage.json');
  if (fs.existsSync(pkgFile)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8').replace(/^\uFEFF/, '')) as {
        resources?: PackageResource[];
      };
      for (const r of pkg.resources ?? []) {
        if (!r.name || typeof r.path !== 'string') continue;
        const inside = packagePath(dir, r.path);
        if (inside) resources.set(r.name, inside);
        else
          report.add(
            rowIssue(0, 'datapackage.json', r.path, 'schema_violation', {
              en: '(A resource path must name a file beside datapackage.json; ../, absolute paths and URLs are refused.)',
              fr: '(Le chemin d’une ressource doit désigner un fichier à côté de datapackage.json; ../, les chemins absolus et les URL sont refusés.)',
            }),
          );
      }
    } catch (err) {
      report.add(
        rowIssue(0, 'datapackage.json', null, 'schema_violation', {
          en: `(${(err as Error).message})`,
          fr: `(${(err as Error).message})`,
        }),
      );
    }
  }
  const fileOf = (...names: string[]): string | null => {
    for (const n of names) {
      const r = resources.get(n);
      if (r && fs.existsSync(r)) return r;
      const guess = path.join(dir, `${n}.csv`);
      if (fs.existsSync(guess)) return guess;
    }
    return null;
  };
  const table = async (names: string[]): Promise<Obj[]> => {
    const f = fileOf(...names);
    const out: Obj[] = [];
    if (!f) return out;
    for await (const { record } of readCsv(f, { maxColumns: MAX_COLUMNS })) {
      const o: Obj = {};
      for (const [k, val] of Object.entries(record)) if (val !== '') o[k] = val;
      out.push(o);
    }
    return out;
  };
  const group = (rows: Obj[], key: string) => {
    const m = new Map<string, Obj[]>();
    for (const r of rows) {
      const k = str(r[key]);
      if (!k) continue;
      const list = m.get(k) ?? [];
      list.push(r);
      m.set(k, list);
    }
    return m;
  };
  const organizations = new Map((await table(['organizations', 'organization'])).map((o) => [str(o['id']) ?? '', o]));
  const salRows = await table(['service_at_locations', 'service_at_location', 'services_at_location']);
  const sal = group(salRows, 'location_id');
  const salByService = group(salRows, 'service_id');
  // Phones of a service itself (no location_id): its call centre, when it has one.
  const phonesByService = group(
    (await table(['phones', 'phone'])).filter((p) => !str(p['location_id'])),
    'service_id',
  );
  const services = new Map(
    (await table(['services', 'service'])).map((s) => {
      const id = str(s['id']) ?? '';
      const full: Obj = {
        ...s,
        phones: phonesByService.get(id) ?? [],
        service_at_locations: salByService.get(id) ?? [],
      };
      return [id, full] as const;
    }),
  );
  const addresses = group(await table(['addresses', 'address', 'physical_addresses']), 'location_id');
  const phonesByLocation = group(await table(['phones', 'phone']), 'location_id');
  const schedules = group(await table(['schedules', 'schedule']), 'location_id');
  const languages = group(await table(['languages', 'language']), 'location_id');
  const accessibility = group(await table(['accessibility', 'accessibility_for_disabilities']), 'location_id');
  const locationsFile = fileOf('locations', 'location');
  if (!locationsFile) {
    report.add(
      rowIssue(0, 'locations.csv', null, 'unreadable_file', {
        en: '(The package has no locations.csv.)',
        fr: '(Le paquet n’a pas de locations.csv.)',
      }),
    );
    return;
  }
  for await (const { row, record } of readCsv(locationsFile, { maxColumns: MAX_COLUMNS })) {
    const loc: Obj = {};
    for (const [k, val] of Object.entries(record)) if (val !== '') loc[k] = val;
    const id = str(loc['id']) ?? '';
    const addrs = (addresses.get(id) ?? []).map((a) => ({ ...a }));
    const full: Obj = {
      ...loc,
      addresses: addrs,
      phones: phonesByLocation.get(id) ?? [],
      schedules: schedules.get(id) ?? [],
      languages: languages.get(id) ?? [],
      accessibility: accessibility.get(id) ?? [],
    };
    const checked = structuredClone(full);
    const issues = schemaIssues(row, 'locations.csv', v['location']!(checked) ? null : v['location']!.errors);
    const links = sal.get(id) ?? [];
    const svc = links.map((l) => services.get(str(l['service_id']) ?? '')).filter((s): s is Obj => !!s);
    if (links.some((l) => !services.has(str(l['service_id']) ?? '')))
      issues.push(rowIssue(row, 'service_at_locations.service_id', null, 'unresolved_reference'));
    const orgId = str(loc['organization_id']) ?? str(svc[0]?.['organization_id']);
    const org = orgId ? (organizations.get(orgId) ?? null) : null;
    if (orgId && !org) issues.push(rowIssue(row, 'organization_id', orgId, 'unresolved_reference'));
    // The coerced copy carries numbers for latitude/longitude.
    full['latitude'] = checked['latitude'] ?? loc['latitude'];
    full['longitude'] = checked['longitude'] ?? loc['longitude'];
    yield locationRow(row, full, { organization: org, services: svc }, issues);
  }
}
