import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export interface NewFeed {
  id: string;
  jurisdiction_id: string;
  name_en: string;
  name_fr: string;
  format: 'csv' | 'geojson' | 'hsds';
  source_url: string | null;
  licence: string | null;
  attribution_en: string | null;
  attribution_fr: string | null;
  mapping: Record<string, string>;
}

/** Registers a feed; false when a feed already has this id. */
export async function insertFeed(db: Queryable, f: NewFeed): Promise<boolean> {
  const r = await db.query(sqlFile('insert_feed'), [
    f.id,
    f.jurisdiction_id,
    f.name_en,
    f.name_fr,
    f.format,
    f.source_url,
    f.licence,
    f.attribution_en,
    f.attribution_fr,
    JSON.stringify(f.mapping),
  ]);
  return r.rowCount > 0;
}
