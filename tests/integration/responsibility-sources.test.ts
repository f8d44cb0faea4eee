import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/auth/api-keys.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * "Who handles this" with a source for every answer (issue 17, item 8; migrations 0053 and 0120).
 * Every seeded row of the map either names the official page that says so, with the day it was
 * read and what it says, or is on the documented list of rows for which no official page could be
 * read (docs/channels.md, "Rows without an official source"). The corrections the pages made are
 * checked against the facts the pages state, through the real HTTP answer.
 */

/** Official government hosts: federal, provincial and territorial domains. */
const OFFICIAL_SUFFIXES = [
  'canada.ca',
  'gc.ca',
  'gouv.qc.ca',
  'quebec.ca',
  'ontario.ca',
  'gov.on.ca',
  'gov.bc.ca',
  'alberta.ca',
  'saskatchewan.ca',
  'gov.mb.ca',
  'gnb.ca',
  'snb.ca',
  'novascotia.ca',
  'princeedwardisland.ca',
  'gov.pe.ca',
  'gov.nl.ca',
  'yukon.ca',
  'gov.yk.ca',
  'gov.nt.ca',
  'gov.nu.ca',
  'gov.ab.ca',
  'servicealberta.ca',
  // The Legislative Assembly of Ontario.
  'ola.org',
];
/** Official pages of municipal governments cited for municipal rows (a city's own site). */
const MUNICIPAL_HOSTS = new Set(['www.waterloo.ca']);
/** Library and Archives Canada's web archive of Government of Canada sites: official when what it archived is. */
const LAC_ARCHIVE = 'bac-lac.wayback.archive-it.org';
/**
 * Pages that survive only at an archived http address (the stored copy that was read). Listed in
 * docs/channels.md; every other source must be https.
 */
const HTTP_ONLY = new Set([
  'http://www.youth.gc.ca/eng/life_events/drivers_license.shtml',
  'http://www.ontario.ca/government/ontario-photo-card',
  'http://www.servicealberta.ca/572.cfm',
  'http://www.servicealberta.gov.ab.ca/1305.cfm',
  'http://www.gnb.ca/cnb/news/ps/2009e0613ps.htm',
  'http://www.programs.alberta.ca/Living/5962.aspx?Ns=364+6234&N=770',
  'http://www.justice.gouv.qc.ca/english/publications/generale/celebrant-a.htm',
  'http://www.immigration-quebec.gouv.qc.ca/en/immigrate-settle/permanent-workers/official-immigration-application/selection-process/index.html',
]);

const ALL = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'];
const PROVINCES = ALL.filter((p) => !['NT', 'NU', 'YT'].includes(p));
const TERRITORIES = ['NT', 'NU', 'YT'];
const but = (list: string[], ...out: string[]) => list.filter((p) => !out.includes(p));

/**
 * Rows with no official source yet: [category, level, provinces]. The same list, with what was
 * looked for, is in docs/channels.md. When a row gains a source, take it off both lists.
 */
const UNSOURCED: [string, string, string[]][] = [
  ['employment_services', 'municipal', ALL],
  ['hunting_fishing_licence', 'indigenous', ALL],
  ['land_registry', 'provincial', PROVINCES],
  ['land_registry', 'territorial', TERRITORIES],
  ['library_services', 'indigenous', ALL],
  ['library_services', 'municipal', but(ALL, 'ON')],
  ['marriage_licence', 'municipal', but(ALL, 'ON', 'QC')],
  ['marriage_licence', 'provincial', but(PROVINCES, 'AB', 'NB', 'ON', 'QC')],
  ['marriage_licence', 'territorial', TERRITORIES],
  ['municipal_permits', 'municipal', but(ALL, 'ON')],
  ['photo_id_card', 'provincial', but(PROVINCES, 'AB', 'BC', 'NB', 'ON')],
  ['photo_id_card', 'territorial', TERRITORIES],
  ['property_tax', 'municipal', but(ALL, 'ON')],
  ['social_assistance', 'municipal', but(ALL, 'ON')],
  ['vehicle_registration', 'provincial', but(PROVINCES, 'AB', 'NB', 'ON', 'QC')],
  ['vehicle_registration', 'territorial', TERRITORIES],
];
const unsourcedKeys = new Set(UNSOURCED.flatMap(([c, l, ps]) => ps.map((p) => `${p}/${c}/${l}`)));

function isOfficial(raw: string): boolean {
  const u = new URL(raw);
  if (u.hostname === LAC_ARCHIVE) {
    // https://bac-lac.wayback.archive-it.org/web/<timestamp>/<archived address>
    const archived = u.pathname.replace(/^\/web\/\d+\//, '').replace(/^(https?):\/+/, '$1://');
    return isOfficial(archived);
  }
  if (MUNICIPAL_HOSTS.has(u.hostname)) return true;
  return OFFICIAL_SUFFIXES.some((s) => u.hostname === s || u.hostname.endsWith(`.${s}`));
}

interface Row {
  province: string;
  category_code: string;
  level: string;
  rank: number;
  origin: string;
  note_en: string | null;
  note_fr: string | null;
  source_url: string | null;
  source_checked_on: string | null;
  source_note: string | null;
}
interface Handler {
  level: string;
  jurisdiction_id: string | null;
  rank: number;
  note: string | null;
  source: { url: string; checked_on: string | null; note: string | null } | null;
}

describe.each(MODES)('who handles this, with a source for every answer (%s)', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let rows: Row[];

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = testApp(t.db);
    const res = await request(app).get('/api/responsibilities').expect(200);
    rows = res.body.results;
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  async function handlers(category: string, province: string, lang = 'en'): Promise<Handler[]> {
    const res = await request(app).get('/api/who-handles').query({ category, province, lang }).expect(200);
    return res.body.results[0].handlers;
  }
  const levels = (hs: Handler[]) => hs.map((h) => `${h.level}:${h.rank}`);
  const host = (h: Handler | undefined) => (h?.source ? new URL(h.source.url).hostname : null);

  it('gives every seeded row an official page, the day it was read and what it says, or lists it as unsourced', () => {
    const seeded = rows.filter((r) => r.origin === 'seed');
    expect(seeded.length).toBeGreaterThan(400);
    const problems: string[] = [];
    const unsourced = new Set<string>();
    for (const r of seeded) {
      const key = `${r.province}/${r.category_code}/${r.level}`;
      if (!r.source_url) {
        unsourced.add(key);
        if (r.source_checked_on || r.source_note) problems.push(`${key}: a date or note without a source`);
        continue;
      }
      const u = new URL(r.source_url);
      if (u.protocol !== 'https:' && !HTTP_ONLY.has(r.source_url)) problems.push(`${key}: not https: ${r.source_url}`);
      if (!isOfficial(r.source_url)) problems.push(`${key}: not an official government page: ${r.source_url}`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(r.source_checked_on ?? '')) problems.push(`${key}: no date read`);
      if ((r.source_note ?? '').length < 40) problems.push(`${key}: no note of what the page says`);
    }
    expect(problems).toEqual([]);
    // Exactly the documented rows are without a source: no more (a row lost its source) and no
    // fewer (a row gained one; take it off the list and docs/channels.md).
    expect([...unsourced].sort()).toEqual([...unsourcedKeys].sort());
    const sourced = seeded.length - unsourced.size;
    expect(sourced).toBeGreaterThanOrEqual(340);
  });

  it('sends federal services to the federal government everywhere, each with its canada.ca (or gc.ca) page', async () => {
    for (const category of [
      'passport',
      'employment_insurance',
      'social_insurance_number',
      'immigration_citizenship',
      'veterans_services',
      'pleasure_craft_licence',
    ]) {
      for (const province of ['NB', 'BC', 'NU']) {
        const hs = await handlers(category, province);
        expect(levels(hs), `${category} in ${province}`).toEqual(['federal:1']);
        expect(hs[0]!.source?.checked_on).toBe('2026-12-06');
        expect(host(hs[0]), `${category} in ${province}`).toMatch(/(^|\.)(canada\.ca|gc\.ca)$/);
      }
    }
    // Status cards: Indigenous Services Canada first; a First Nation office also, where it takes applications.
    const status = await handlers('indian_status', 'MB');
    expect(levels(status)).toEqual(['federal:1', 'indigenous:2']);
    expect(status.map(host)).toEqual(['www.sac-isc.gc.ca', 'www.sac-isc.gc.ca']);
  });

  it('health cards, driver’s licences and birth certificates are the province’s or territory’s, as the federal pages say', async () => {
    for (const province of ['ON', 'QC', 'YT']) {
      const health = await handlers('health_card', province);
      expect(levels(health)).toEqual([`${province === 'YT' ? 'territorial' : 'provincial'}:1`]);
      expect(health[0]!.source?.note).toContain('issues health cards to its residents');
      expect((await handlers('drivers_licence', province))[0]!.source?.note).toContain(
        'issued by the government of the province or territory',
      );
      expect((await handlers('vital_statistics', province))[0]!.source?.note).toContain(
        'a provincial and territorial responsibility',
      );
    }
  });

  it('pensions: the CPP everywhere but Quebec, where the QPP comes first and OAS stays federal', async () => {
    const nb = await handlers('pensions', 'NB');
    expect(levels(nb)).toEqual(['federal:1']);
    expect(nb[0]!.source?.note).toContain('The CPP operates throughout Canada, except in Quebec.');
    const qc = await handlers('pensions', 'QC');
    expect(levels(qc)).toEqual(['provincial:1', 'federal:2']);
    expect(host(qc[0])).toBe('www.canada.ca');
    expect(host(qc[1])).toBe('www.retraitequebec.gouv.qc.ca');
  });

  it('employment services: the province delivers them under the labour market agreements, the federal government funds them (EI stays federal)', async () => {
    const on = await handlers('employment_services', 'ON');
    expect(levels(on).slice(0, 2)).toEqual(['provincial:1', 'federal:2']);
    expect(on[0]!.source?.note).toContain(
      'provincial and territorial governments have the flexibility to design and deliver',
    );
    expect(on.find((h) => h.level === 'indigenous')?.source?.note).toContain(
      'Indigenous Skills and Employment Training',
    );
    expect(levels(await handlers('employment_insurance', 'ON'))).toEqual(['federal:1']);
  });

  it('business registration: the province or territory registers, federal incorporation (Corporations Canada) also', async () => {
    const sk = await handlers('business_registration', 'SK');
    expect(levels(sk)).toEqual(['provincial:1', 'federal:2']);
    expect(sk[0]!.source?.note).toContain('register your corporation in any province or territory');
  });

  it('corrects Ontario marriage licences: the city or town clerk issues them, the province registers the marriage', async () => {
    const on = await handlers('marriage_licence', 'ON');
    expect(levels(on)).toEqual(['municipal:1', 'provincial:2']);
    expect(on[0]!.source?.note).toContain('We issue licences for people getting married in Ontario');
    expect(host(on[0])).toBe('www.waterloo.ca');
    expect((await handlers('marriage_licence', 'ON', 'fr'))[0]!.note).toBe(
      'En Ontario, les licences de mariage sont délivrées par le greffier de votre ville ou municipalité.',
    );
    // Elsewhere the province still comes first (New Brunswick's Vital Statistics issues the licence).
    const nb = await handlers('marriage_licence', 'NB');
    expect(levels(nb)).toEqual(['provincial:1', 'municipal:2']);
    expect(nb[0]!.source?.note).toContain('marriage licenses');
  });

  it('says in both languages that Quebec issues no marriage licence', async () => {
    const en = await handlers('marriage_licence', 'QC');
    expect(levels(en)).toEqual(['provincial:1', 'municipal:2']);
    expect(en[0]!.note).toMatch(/^Quebec issues no marriage licence/);
    expect(en[0]!.source?.note).toContain('20 days');
    const fr = await handlers('marriage_licence', 'QC', 'fr');
    expect(fr[0]!.note).toMatch(/^Le Québec ne délivre pas de licence de mariage/);
  });

  it('corrects social assistance: Ontario Works starts at the municipality; no Indigenous row in NT and NU, whose governments run income assistance', async () => {
    const on = await handlers('social_assistance', 'ON');
    expect(on.filter((h) => h.rank === 1).map((h) => h.level)).toEqual(['provincial', 'municipal']);
    expect(host(on.find((h) => h.level === 'municipal'))).toBe('ontario.ca');
    for (const province of ['NT', 'NU']) {
      const hs = await handlers('social_assistance', province);
      expect(hs.map((h) => h.level)).not.toContain('indigenous');
      expect(hs[0]!.source?.note).toContain(
        'The governments of Northwest Territories and Nunavut have independently administered their own income assistance programs',
      );
    }
    expect((await handlers('social_assistance', 'YT')).map((h) => h.level)).toContain('indigenous');
  });

  it('adds Quebec for immigration in Quebec (it selects its own permanent workers); citizenship stays federal', async () => {
    const qc = await handlers('immigration_citizenship', 'QC');
    expect(levels(qc)).toEqual(['federal:1', 'provincial:2']);
    expect(host(qc[1])).toBe('www.immigration-quebec.gouv.qc.ca');
    expect(levels(await handlers('immigration_citizenship', 'ON'))).toEqual(['federal:1']);
  });

  it('puts the municipality first for the services only it provides (property tax, permits, libraries), sourced in Ontario from Ontario’s pages', async () => {
    for (const category of ['property_tax', 'municipal_permits', 'library_services']) {
      const hs = await handlers(category, 'MB');
      expect(hs[0], category).toMatchObject({ level: 'municipal', rank: 1, source: null });
      const on = await handlers(category, 'ON');
      expect(on[0], category).toMatchObject({ level: 'municipal', rank: 1 });
      expect(host(on[0]), category).toMatch(/(^|\.)(ontario\.ca|ola\.org)$/);
    }
    expect((await handlers('library_services', 'ON'))[0]!.source?.note).toContain(
      'Municipal councils establish public libraries by passing a bylaw',
    );
    expect((await handlers('municipal_permits', 'ON'))[0]!.source?.note).toContain(
      'municipalities are responsible for the enforcement of the Act and the Building Code',
    );
  });

  it('adds the federal government for hunting: migratory game birds need a federal permit everywhere, the province or territory stays first', async () => {
    for (const province of ['AB', 'QC', 'NU']) {
      const hs = await handlers('hunting_fishing_licence', province);
      expect(levels(hs), province).toEqual([
        `${province === 'NU' ? 'territorial' : 'provincial'}:1`,
        'federal:2',
        'indigenous:2',
      ]);
      expect(hs[0]!.source?.note).toContain('You may also need a provincial or territorial licence.');
      expect(hs[1]!.source?.note).toContain(
        'To hunt migratory game birds in Canada, you must have a valid federal Migratory Game Bird Hunting Permit',
      );
      expect(hs[1]!.note).toMatch(/^Migratory game birds/);
    }
    expect((await handlers('hunting_fishing_licence', 'QC', 'fr'))[1]!.note).toMatch(
      /^Oiseaux migrateurs considérés comme gibier/,
    );
  });

  it('sources Ontario’s vehicle registration and photo card and British Columbia’s identification card from their own governments', async () => {
    const vehicle = await handlers('vehicle_registration', 'ON');
    expect(host(vehicle[0])).toBe('www.ontario.ca');
    expect(vehicle[0]!.source?.note).toContain('ServiceOntario centre');
    expect(host((await handlers('photo_id_card', 'ON'))[0])).toBe('www.ontario.ca');
    expect(host((await handlers('photo_id_card', 'BC'))[0])).toBe('www.bclaws.gov.bc.ca');
    expect(host((await handlers('vehicle_registration', 'QC'))[0])).toBe('saaq.gouv.qc.ca');
    expect((await handlers('photo_id_card', 'NB'))[0]!.source?.note).toContain(
      'when they do not hold a valid drivers license',
    );
  });

  it('lets a province’s steward cite the page behind a correction, refuses an unsafe or undated one, and says so in both languages', async () => {
    const key = (await createApiKey(t.db, 'ca-nb')).key;
    const put = (handlers: unknown[]) =>
      request(app)
        .put('/api/responsibilities/NB/land_registry')
        .set('Authorization', `Bearer ${key}`)
        .send({ handlers });
    const bad = await put([{ level: 'provincial', source_url: 'http://steward.example.org/nb/land-registry' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'handlers.0.source_url' });
    expect(bad.body.errors[0].message_en).toContain('https');
    expect(bad.body.errors[0].message_fr).toContain('https');
    const future = await put([
      {
        level: 'provincial',
        source_url: 'https://steward.example.org/nb/land-registry',
        source_checked_on: '2999-01-01',
      },
    ]);
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('handlers.0.source_checked_on');
    const orphan = await put([{ level: 'provincial', source_note: 'A note about no page.' }]);
    expect(orphan.status).toBe(400);
    expect(orphan.body.errors[0].field).toBe('handlers.0.source_url');
    expect(orphan.body.errors[0].message_fr).toBeTruthy();
    // Nothing half-changed: the seeded row is still there, unsourced.
    expect(levels(await handlers('land_registry', 'NB'))).toEqual(['provincial:1']);
    expect((await handlers('land_registry', 'NB'))[0]!.source).toBeNull();

    const ok = await put([
      {
        level: 'provincial',
        rank: 1,
        source_url: 'https://steward.example.org/nb/land-registry',
        source_checked_on: '2026-12-01',
        source_note: 'A made-up page for this test: the province keeps the land registry.',
      },
    ]);
    expect(ok.status).toBe(200);
    expect(ok.body.results[0]).toMatchObject({
      origin: 'steward',
      source_url: 'https://steward.example.org/nb/land-registry',
      source_checked_on: '2026-12-01',
    });
    const after = await handlers('land_registry', 'NB');
    expect(after[0]!.source).toEqual({
      url: 'https://steward.example.org/nb/land-registry',
      checked_on: '2026-12-01',
      note: 'A made-up page for this test: the province keeps the land registry.',
    });
    // Without a date, the day it was given.
    const today = await put([{ level: 'provincial', source_url: 'https://steward.example.org/nb/land-registry' }]);
    expect(today.body.results[0].source_checked_on).toBe(new Date().toISOString().slice(0, 10));
  });

  it('serves the source in the map itself, in JSON and CSV', async () => {
    const json = await request(app)
      .get('/api/responsibilities')
      .query({ province: 'ON', category: 'marriage_licence' })
      .expect(200);
    const list: Row[] = json.body.results;
    expect(list.map((r) => [r.level, r.rank, r.source_url, r.source_checked_on])).toEqual([
      ['municipal', 1, 'https://www.waterloo.ca/en/living/marriages-and-oaths.aspx', '2026-12-06'],
      ['provincial', 2, 'https://www.waterloo.ca/en/living/marriages-and-oaths.aspx', '2026-12-06'],
    ]);
    const csv = await request(app)
      .get('/api/responsibilities')
      .query({ province: 'ON', category: 'marriage_licence', format: 'csv' })
      .expect(200);
    expect(csv.text.split('\n')[0]).toContain('source_url');
    expect(csv.text).toContain('https://www.waterloo.ca/en/living/marriages-and-oaths.aspx');
  });
});
