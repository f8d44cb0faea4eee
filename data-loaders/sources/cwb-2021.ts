import { Gazetteer } from '../lib/gazetteer.js';
import { normalizeName } from '../../domain/normalize-name.js';
import { PROVINCES } from '../../domain/provinces.js';
import { readCsv } from '../lib/read-csv.js';
import { fillFrenchNames } from '../lib/replace-places.js';
import { NPM_GAZETTEER_SOURCE } from './gazetteer-npm.js';
import type { Source } from './source.js';
import { sqlFile } from '../../db/sql-file.js';

export const CWB_SOURCE = 'cwb-2021';

type CommunityType = 'first_nations' | 'inuit' | 'non_indigenous';

export interface CwbUnit {
  code: string;
  name: string;
  province: string | null;
  population: number | null;
  cwb: number | null;
  income: number | null;
  education: number | null;
  housing: number | null;
  labour_force_activity: number | null;
  community_type: CommunityType | null;
  community_type_as_given: string | null;
}

/** "CSD_Code_2021", "CSD Code 2021", "csd code 2021" all read as one key. */
const key = (h: string) => normalizeName(h.replace(/_/g, ' '));

function num(v: string | undefined): number | null {
  const t = (v ?? '').trim();
  if (t === '' || /^(na|n\/a|\.|x|\.\.|\.\.\.|f)$/i.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

function communityType(v: string | undefined): CommunityType | null {
  const t = normalizeName(v ?? '');
  if (t.startsWith('first nation')) return 'first_nations';
  if (t.startsWith('inuit')) return 'inuit';
  if (t.startsWith('non indigenous') || t.startsWith('non aboriginal')) return 'non_indigenous';
  return null;
}

/** Reads the Community Well-Being 2021 file in either header style; trailing spaces and "NA" handled. */
export async function readCwb2021(file: string, onBad?: (row: number, reason: string) => void): Promise<CwbUnit[]> {
  const out: CwbUnit[] = [];
  for await (const { row, record } of readCsv(file)) {
    const r: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) r[key(k)] = v;
    const code = (r['csd code 2021'] ?? r['csd code'] ?? '').trim();
    if (!/^\d{7}$/.test(code)) {
      onBad?.(row, `CSD code "${code}" is not 7 digits`);
      continue;
    }
    const typeText = (r['community type 2021'] ?? r['community type'] ?? '').trim();
    out.push({
      code,
      name: (r['csd name 2021'] ?? r['csd name'] ?? '').replace(/\s+/g, ' ').trim(),
      province: PROVINCES.find((p) => p.pruid === code.slice(0, 2))?.code ?? null,
      population: num(r['census population 2021'] ?? r['population 2021']),
      cwb: num(r['cwb 2021']),
      income: num(r['income 2021']),
      education: num(r['education 2021']),
      housing: num(r['housing 2021']),
      labour_force_activity: num(r['labour force activity 2021']),
      community_type: communityType(typeText),
      community_type_as_given: typeText || null,
    });
  }
  return out;
}

/**
 * Population units from the Community Well-Being index 2021: one per 2021
 * census subdivision, with population, CWB score and community type. Each
 * gets a representative point, in this order: a point inside its
 * polygon when a 2011 consolidated-subdivision shape is exactly this
 * subdivision (same code, one part); a gazetteer place with the same CSD
 * code; a gazetteer place of the same name in the province; a point inside
 * the consolidated subdivision it heads (approximate); a point inside the
 * nearest-coded consolidated subdivision of its census division (approximate:
 * mostly reserves the 2011 shapes fold into a neighbour). Units none
 * of these locate keep a NULL point and are listed. Replaces the npm
 * gazetteer's fallback units.
 */
export const cwb2021: Source = {
  id: CWB_SOURCE,
  kind: 'population',
  order: 30,
  format: 'CSV',
  title_en:
    'Community Well-Being index 2021 (Indigenous Services Canada): population, CWB score and community type by census subdivision',
  title_fr:
    'Indice de bien-être des collectivités 2021 (Services aux Autochtones Canada) : population, score IBC et type de collectivité par subdivision de recensement',
  jurisdiction_id: 'ca',
  official_url: 'https://open.canada.ca/data/en/dataset/56578f58-a775-44ea-9cc5-9bf7c78410e6',
  licence: 'Open Government Licence – Canada',
  attribution_en: 'Contains information licensed under the Open Government Licence – Canada.',
  attribution_fr: 'Contient des informations visées par la Licence du gouvernement ouvert – Canada.',
  download: { openCanadaDataset: '56578f58-a775-44ea-9cc5-9bf7c78410e6', resourceMatch: /2021/ },
  recognises: (p) => /cwb[^/]*2021[^/]*\.csv$/i.test(p),
  async load({ db, file, log }) {
    if (!file)
      return {
        source: this.id,
        file: null,
        status: 'failed',
        rows: 0,
        accepted: 0,
        rejected: 0,
        detail: 'Give --file PATH (CWB_2021.csv) or run online.',
      };
    const bad: string[] = [];
    const units = await readCwb2021(file, (row, reason) => bad.push(`row ${row}: ${reason}`));
    // The census subdivisions themselves are left out: a unit is never placed from its own earlier point.
    const gazetteer = await Gazetteer.fromDatabase(db, { censusSubdivisions: false, addresses: false });
    const rows = units.map((u) => {
      // An official name: a place of that whole name, never a shorter run of its words (an office label's rule).
      const byName = gazetteer.community(u.name, u.province) ?? gazetteer.communityByOwnName(u.name, u.province);
      return { ...u, id: `csd-2021-${u.code}`, name_lon: byName?.lon ?? null, name_lat: byName?.lat ?? null };
    });
    const summary = await db.transaction(async (tx) => {
      await tx.query(sqlFile('population_units_delete_sources'), [[CWB_SOURCE, NPM_GAZETTEER_SOURCE]]);
      for (let i = 0; i < rows.length; i += 1000) {
        await tx.query(sqlFile('cwb_insert_batch'), [JSON.stringify(rows.slice(i, i + 1000)), CWB_SOURCE]);
      }
      // 1. The subdivision's own polygon.
      await tx.query(sqlFile('cwb_locate_by_csd_polygon'), [CWB_SOURCE]);
      // 2. A gazetteer place with the same CSD code (the largest, when several).
      await tx.query(sqlFile('cwb_locate_by_place_code'), [CWB_SOURCE]);
      // 3. A gazetteer place of the same name in the province.
      await tx.query(sqlFile('cwb_locate_by_place_name'), [CWB_SOURCE]);
      // 4. The consolidated subdivision this subdivision heads (a larger shape: approximate).
      await tx.query(sqlFile('cwb_locate_by_ccs_polygon'), [CWB_SOURCE]);
      // 5. Still nothing (mostly reserves and unorganized areas, which the 2011 shapes
      // fold into a neighbour): inside the consolidated subdivision of the same census
      // division whose code is nearest. Subdivision codes run in geographic order
      // within a division, so this is near, but approximate, and labelled so.
      await tx.query(sqlFile('cwb_locate_by_nearest_code'), [CWB_SOURCE]);
      await tx.query(sqlFile('cwb_drop_name_points'), [CWB_SOURCE]);
      await fillFrenchNames(tx);
      const by = await tx.query<{ located_by: string | null; n: number; population: number }>(
        sqlFile('cwb_located_summary'),
        [CWB_SOURCE],
      );
      const unlocated = await tx.query<{ name: string; province: string | null; population: number | null }>(
        sqlFile('cwb_unlocated'),
        [CWB_SOURCE],
      );
      return { by: by.rows, unlocated: unlocated.rows };
    });
    const joined = summary.by.find((b) => b.located_by === 'csd_polygon')?.n ?? 0;
    const none = summary.by.find((b) => b.located_by === null);
    const population = summary.by.reduce((s, b) => s + Number(b.population), 0);
    log(
      `CWB 2021: ${units.length} subdivisions, population ${population.toLocaleString('en-CA')}; located by ` +
        summary.by.map((b) => `${b.located_by ?? 'not located'} ${b.n}`).join(', '),
    );
    if (none)
      log(
        `  not located (largest first): ${summary.unlocated.map((u) => `${u.name} (${u.province ?? '?'}, ${u.population ?? 0})`).join('; ')}`,
      );
    for (const b of bad.slice(0, 10)) log(`  ${b}`);
    return {
      source: this.id,
      file,
      status: 'loaded',
      rows: units.length + bad.length,
      accepted: units.length,
      rejected: bad.length,
      detail: `population ${population}; own polygon ${joined}, not joined to a polygon ${units.length - joined}, not located ${none?.n ?? 0}`,
    };
  },
};
