import { forwardSortationArea } from '../lib/postal-code.js';
import { findProvince } from '../../domain/provinces.js';
import { readCsv } from '../lib/read-csv.js';
import type { Source } from './source.js';
import { sqlFile } from '../../db/sql-file.js';

/**
 * 2016 census population by forward sortation area (Statistics Canada
 * highlight table). The first row is the Canada total (code "01") and is
 * skipped; "Nunavut/Northwest Territories" FSAs keep no province. The
 * population also fills the FSA places the search shows.
 */
export const fsaPopulation2016: Source = {
  id: 'fsa-population-2016',
  kind: 'population',
  order: 31,
  format: 'CSV',
  title_en: 'Population and dwelling counts by forward sortation area, 2016 Census (Statistics Canada)',
  title_fr:
    'Chiffres de population et des logements par région de tri d’acheminement, Recensement de 2016 (Statistique Canada)',
  official_url:
    'https://www12.statcan.gc.ca/census-recensement/2016/dp-pd/hlt-fst/pd-pl/Table.cfm?Lang=Eng&T=1201&S=22&O=A',
  licence: 'Statistics Canada Open Licence',
  attribution_en: 'Source: Statistics Canada, 2016 Census of Population. Adapted.',
  attribution_fr: 'Source : Statistique Canada, Recensement de la population de 2016. Adapté.',
  recognises: (p) => /census-data-2016\.csv$/i.test(p) || /fsa[^/]*2016[^/]*\.csv$/i.test(p),
  companion: (p) => /census-data-2016\.md$/i.test(p),
  async load({ db, file }) {
    if (!file)
      return {
        source: this.id,
        file: null,
        status: 'failed',
        rows: 0,
        accepted: 0,
        rejected: 0,
        detail: 'Give --file PATH (the highlight table CSV).',
      };
    const rows: {
      fsa: string;
      name: string | null;
      province: string | null;
      population: number | null;
      dwellings: number | null;
      incomplete: boolean;
    }[] = [];
    let read = 0;
    let skipped = 0;
    for await (const { record } of readCsv(file)) {
      read += 1;
      const code = (record['Geographic code'] ?? '').trim();
      const fsa = forwardSortationArea(code);
      if (!fsa || fsa !== code.toUpperCase()) {
        skipped += 1; // the Canada total row, or anything that is not an FSA
        continue;
      }
      const pop = record['Population, 2016'] ?? '';
      const dw = record['Total private dwellings, 2016'] ?? '';
      rows.push({
        fsa,
        name: record['Geographic name']?.trim() || null,
        province: findProvince(record['Province or territory'])?.code ?? null,
        population: pop.trim() === '' || !Number.isFinite(Number(pop)) ? null : Number(pop),
        dwellings: dw.trim() === '' || !Number.isFinite(Number(dw)) ? null : Number(dw),
        incomplete:
          (record['Incompletely enumerated Indian reserves and Indian settlements, 2016'] ?? '').trim() !== '',
      });
    }
    const total = await db.transaction(async (tx) => {
      await tx.query(sqlFile('fsa_population_delete_source'), [this.id]);
      await tx.query(sqlFile('fsa_population_upsert_2016'), [JSON.stringify(rows), this.id]);
      await tx.query(sqlFile('places_set_fsa_population'));
      const t = await tx.query<{ s: number }>(sqlFile('fsa_population_total'), [this.id]);
      return Number(t.rows[0]?.s ?? 0);
    });
    return {
      source: this.id,
      file,
      status: 'loaded',
      rows: read,
      accepted: rows.length,
      rejected: skipped,
      detail: `${rows.length} FSAs, population ${total} (Canada row skipped)`,
    };
  },
};
