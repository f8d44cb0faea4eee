import type { Database } from '../db/database.js';
import { stablePointId } from '../data-loaders/lib/publish-feed.js';
import { syntheticPoints, syntheticUnits, PROVINCE_CODES } from './synthetic.js';

const BATCH = 5000;

function jurisdictionFor(level: string, province: string): string {
  const p = province.toLowerCase();
  if (level === 'federal') return 'ca';
  if (level === 'provincial' || level === 'territorial') return `ca-${p}`;
  return level === 'municipal' ? `ca-${p}-synthetic` : `ca-${p}-synthetic-fn`;
}

/** Synthetic municipal and Indigenous jurisdictions, one of each per province, clearly named. */
async function ensureJurisdictions(db: Database): Promise<void> {
  for (const code of PROVINCE_CODES) {
    const p = code.toLowerCase();
    await db.query(
      `INSERT INTO jurisdictions (id, level, name_en, name_fr, parent_id, province) VALUES
        ($1, 'municipal', $3, $4, $2, $7), ($5, 'indigenous', $6, $8, $2, $7)
       ON CONFLICT (id) DO NOTHING`,
      [
        `ca-${p}-synthetic`,
        `ca-${p}`,
        `Synthetic municipalities (${code})`,
        `Municipalités synthétiques (${code})`,
        `ca-${p}-synthetic-fn`,
        `Synthetic First Nations (${code})`,
        code,
        `Premières Nations synthétiques (${code})`,
      ],
    );
  }
}

/**
 * Loads N synthetic service points as published, synthetic feeds (one per
 * jurisdiction), replacing any earlier synthetic load. Returns the feed count.
 */
export async function seedSyntheticPoints(db: Database, n: number, seed = 42): Promise<number> {
  await ensureJurisdictions(db);
  await db.query("DELETE FROM feeds WHERE id LIKE 'synthetic-%'");
  const versions = new Map<string, number>();
  async function versionFor(jurisdiction: string): Promise<number> {
    const existing = versions.get(jurisdiction);
    if (existing) return existing;
    const feedId = `synthetic-${jurisdiction}`;
    await db.query(
      `INSERT INTO feeds (id, jurisdiction_id, name_en, name_fr, format, licence, is_synthetic)
       VALUES ($1, $2, $3, $4, 'adapter', 'Synthetic data for benchmarks', true)`,
      [
        feedId,
        jurisdiction,
        `Synthetic benchmark points (${jurisdiction})`,
        `Points synthétiques d’essai (${jurisdiction})`,
      ],
    );
    const v = await db.query<{ id: number }>(
      `INSERT INTO feed_versions (feed_id, status, checksum, source_name, published_at) VALUES ($1, 'published', $2, 'synthetic', now()) RETURNING id`,
      [feedId, `synthetic-${seed}-${n}`],
    );
    versions.set(jurisdiction, v.rows[0]!.id);
    return v.rows[0]!.id;
  }
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.query(
      `INSERT INTO service_points (id, feed_version_id, feed_id, jurisdiction_id, source_id, name_en, name_fr, categories, province,
         hours, languages, accessibility, lon, lat, geocode_quality, extra, is_published)
       SELECT r.id, r.feed_version_id, r.feed_id, r.jurisdiction_id, r.source_id, r.name_en, r.name_fr, r.categories, r.province,
         r.hours, r.languages, r.accessibility, r.lon, r.lat, 'source', '{"synthetic": true}'::jsonb, true
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, feed_version_id bigint, feed_id text, jurisdiction_id text, source_id text,
         name_en text, name_fr text, categories text[], province text, hours jsonb, languages text[], accessibility text[],
         lon float8, lat float8)`,
      [JSON.stringify(batch)],
    );
    batch = [];
  };
  for (const p of syntheticPoints(n, seed)) {
    const jurisdiction = jurisdictionFor(p.level, p.province ?? 'ON');
    const versionId = await versionFor(jurisdiction);
    const feedId = `synthetic-${jurisdiction}`;
    batch.push({
      id: stablePointId(feedId, p.source_id),
      feed_version_id: versionId,
      feed_id: feedId,
      jurisdiction_id: jurisdiction,
      source_id: p.source_id,
      name_en: p.name_en,
      name_fr: p.name_fr,
      categories: p.categories,
      province: p.province,
      hours: p.hours ?? null,
      languages: p.languages,
      accessibility: p.accessibility,
      lon: p.lon,
      lat: p.lat,
    });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (db.kind === 'postgis') await db.exec('ANALYZE service_points');
  return versions.size;
}

/** Replaces population units with M synthetic ones (points only, no polygons). */
export async function seedSyntheticUnits(db: Database, m: number, seed = 7): Promise<void> {
  await db.query('DELETE FROM population_units');
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.query(
      `INSERT INTO population_units (id, kind, name, province, population, indicators, point, source)
       SELECT r.id, 'da', r.name, r.province, r.population,
              jsonb_strip_nulls(jsonb_build_object('cwb', r.cwb, 'community_type', r.community_type)),
              ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), 'synthetic'
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, province text, population int, cwb int, community_type text, lon float8, lat float8)`,
      [JSON.stringify(batch)],
    );
    batch = [];
  };
  for (const u of syntheticUnits(m, seed)) {
    batch.push({ ...u });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (db.kind === 'postgis') await db.exec('ANALYZE population_units');
}
