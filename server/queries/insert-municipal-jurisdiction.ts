import type { Queryable } from '../../db/database.js';
import type { JurisdictionRow } from './jurisdiction-by-id.js';
import { sqlFile } from '../../db/sql-file.js';

/**
 * Adds a municipality `ca-XX-name` under the province or territory `ca-XX`;
 * null when that parent is not a province or territory.
 */
export async function insertMunicipalJurisdiction(
  db: Queryable,
  m: { id: string; nameEn: string; nameFr: string },
): Promise<JurisdictionRow | null> {
  const match = /^(ca-[a-z]{2})-[a-z0-9]+(-[a-z0-9]+)*$/.exec(m.id);
  if (!match?.[1]) return null;
  const r = await db.query<JurisdictionRow>(sqlFile('insert_municipal_jurisdiction'), [
    m.id,
    m.nameEn,
    m.nameFr,
    match[1],
  ]);
  return r.rows[0] ?? null;
}
