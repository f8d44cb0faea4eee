import fs from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { Queryable } from '../../db/database.js';
import { pointOnSurface } from '../lib/point-on-surface.js';
import { findProvince, PROVINCES } from '../../domain/provinces.js';
import { readCsv } from '../lib/read-csv.js';
import type { LoadResult, Source } from './source.js';
import { sqlFile } from '../../db/sql-file.js';

export interface BoundaryInput {
  id: string;
  kind: 'province' | 'economic_region' | 'census_consolidated_subdivision';
  code: string;
  name: string | null;
  province: string | null;
  geometry: Polygon | MultiPolygon;
  properties?: Record<string, unknown>;
}

/** Closes every ring and drops degenerate ones: merged TopoJSON arcs can leave rings open. */
export function closeRings(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const fix = (rings: Position[][]) =>
    rings
      .map((r) => {
        const first = r[0];
        const last = r[r.length - 1];
        return first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...r, first] : r;
      })
      .filter((r) => r.length >= 4);
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: fix(g.coordinates) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map(fix).filter((p) => p.length > 0) };
}

/** Replaces every boundary of one source, in batches, inside the caller's transaction. */
export async function replaceBoundaries(tx: Queryable, source: string, rows: BoundaryInput[]): Promise<number> {
  await tx.query(sqlFile('boundaries_delete_source'), [source]);
  for (let i = 0; i < rows.length; i += 200) {
    // Rings are closed first: on PGlite a GEOS failure (an open ring) silently drops rows
    // from a statement (see point-on-surface.ts), so shapes are stored as they are and
    // made valid afterwards, where a failure can only leave a shape unrepaired.
    const batch = rows.slice(i, i + 200).map((b) => {
      const geometry = closeRings(b.geometry);
      let p: [number, number] | null = null;
      try {
        p = pointOnSurface(geometry);
      } catch {
        // A degenerate shape: the unit falls back to the gazetteer.
      }
      return {
        ...b,
        geometry: JSON.stringify(geometry),
        properties: { ...(b.properties ?? {}), ...(p ? { point_lon: p[0], point_lat: p[1] } : {}) },
      };
    });
    await tx.query(sqlFile('boundaries_insert_batch'), [JSON.stringify(batch), source]);
  }
  // Simplified census shapes self-intersect; spatial predicates need valid ones. A savepoint
  // keeps a GEOS failure from undoing the load: the shapes then stay as given.
  await tx.query('SAVEPOINT make_valid');
  try {
    await tx.query(sqlFile('boundaries_make_valid'), [source]);
    await tx.query('RELEASE SAVEPOINT make_valid');
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT make_valid');
  }
  return rows.length;
}

const provinceOfCode = (code: string) => PROVINCES.find((p) => p.pruid === code.slice(0, 2))?.code ?? null;

function readTopology(file: string): Topology {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Topology;
}

function failed(id: string, detail: string): LoadResult {
  return { source: id, file: null, status: 'failed', rows: 0, accepted: 0, rejected: 0, detail };
}

/**
 * 2011 census subdivision polygons (TopoJSON). Their ids are CCSUIDs, not
 * CSDUIDs (PROVENANCE.md): 5,253 polygons under 2,338 ids. The polygons of one
 * id are dissolved into one consolidated-subdivision shape, and `parts` says
 * how many were dissolved, so the census loader knows when a shape is exactly
 * one subdivision's.
 */
export const csdBoundaries2011: Source = {
  id: 'csd-boundaries-2011',
  kind: 'boundary',
  order: 20,
  format: 'TopoJSON',
  title_en:
    'Census subdivision boundaries, 2011 (Statistics Canada cartographic boundary file), dissolved to consolidated subdivisions',
  title_fr:
    'Limites des subdivisions de recensement, 2011 (fichier des limites cartographiques de Statistique Canada), fusionnées en subdivisions de recensement unifiées',
  official_url: 'https://www12.statcan.gc.ca/census-recensement/2011/geo/bound-limit/bound-limit-2011-eng.cfm',
  licence: 'Statistics Canada Open Licence',
  attribution_en: 'Source: Statistics Canada, 2011 Census boundary files. Adapted.',
  attribution_fr: 'Source : Statistique Canada, fichiers des limites du Recensement de 2011. Adapté.',
  recognises: (p) => /csd[^/]*\/can\.json$/i.test(p),
  companion: (p) => /csd[^/]*\/(total|popchange)\.csv$/i.test(p),
  async load({ db, file }) {
    if (!file) return failed(this.id, 'Give --file PATH (the TopoJSON can.json).');
    const topo = readTopology(file);
    const subdivs = topo.objects['subdivs'] as GeometryCollection | undefined;
    if (!subdivs) return failed(this.id, 'The topology has no "subdivs" object.');
    const byId = new Map<string, GeometryObject[]>();
    for (const g of subdivs.geometries) {
      const id = String(g.id ?? '');
      if (!/^\d{7}$/.test(id)) continue;
      const list = byId.get(id) ?? [];
      list.push(g);
      byId.set(id, list);
    }
    // total.csv beside it: the 2011 population of the principal subdivision (the id).
    const totals = new Map<string, number | null>();
    const totalFile = path.join(path.dirname(file), 'total.csv');
    if (fs.existsSync(totalFile)) {
      for await (const { record } of readCsv(totalFile)) {
        const n = Number(record['total']);
        totals.set(record['geo_code'] ?? '', record['total'] && Number.isFinite(n) ? n : null);
      }
    }
    const rows: BoundaryInput[] = [];
    for (const [id, geoms] of byId) {
      const geometry = merge(topo, geoms as Parameters<typeof merge>[1]);
      rows.push({
        id: `ccs-2011-${id}`,
        kind: 'census_consolidated_subdivision',
        code: id,
        name: null,
        province: provinceOfCode(id),
        geometry,
        properties: { parts: geoms.length, vintage: 2011, principal_csd_population_2011: totals.get(id) ?? null },
      });
    }
    const n = await db.transaction((tx) => replaceBoundaries(tx, this.id, rows));
    return {
      source: this.id,
      file,
      status: 'loaded',
      rows: subdivs.geometries.length,
      accepted: subdivs.geometries.length,
      rejected: 0,
      detail: `${subdivs.geometries.length} polygons dissolved into ${n} consolidated subdivisions (${rows.filter((r) => r.properties?.['parts'] === 1).length} single-subdivision)`,
    };
  },
};

/** 2006 economic regions (TopoJSON, ERUID ids, bilingual names) and the PRUID-keyed province shapes merged from them. */
export const economicRegions2006: Source = {
  id: 'economic-regions-2006',
  kind: 'boundary',
  order: 21,
  format: 'TopoJSON',
  title_en: 'Economic regions, 2006 (Statistics Canada boundary file)',
  title_fr: 'Régions économiques, 2006 (fichier des limites de Statistique Canada)',
  official_url: 'https://www12.statcan.gc.ca/census-recensement/2006/geo/bound-limit/index-eng.cfm',
  licence: 'Statistics Canada Open Licence',
  attribution_en: 'Source: Statistics Canada, 2006 Census boundary files. Adapted.',
  attribution_fr: 'Source : Statistique Canada, fichiers des limites du Recensement de 2006. Adapté.',
  recognises: (p) => /economic-regions[^/]*\/can\.json$/i.test(p),
  async load({ db, file }) {
    if (!file) return failed(this.id, 'Give --file PATH (the TopoJSON can.json).');
    const topo = readTopology(file);
    const rows: BoundaryInput[] = [];
    for (const [objectName, kind] of [
      ['subdivs', 'economic_region'],
      ['provs', 'province'],
    ] as const) {
      const obj = topo.objects[objectName];
      if (!obj) continue;
      const fc = feature(topo, obj) as FeatureCollection<Polygon | MultiPolygon, { name?: string } | null>;
      for (const f of fc.features) {
        if (!f.geometry) continue;
        const code = String(f.id ?? '');
        rows.push({
          id: `${kind}-2006-${code}`,
          kind,
          code,
          name: f.properties?.name ?? PROVINCES.find((p) => p.pruid === code)?.name_en ?? null,
          province: provinceOfCode(code),
          geometry: f.geometry,
        });
      }
    }
    const n = await db.transaction((tx) => replaceBoundaries(tx, this.id, rows));
    return {
      source: this.id,
      file,
      status: 'loaded',
      rows: n,
      accepted: n,
      rejected: 0,
      detail: `${rows.filter((r) => r.kind === 'economic_region').length} economic regions, ${rows.filter((r) => r.kind === 'province').length} provinces`,
    };
  },
};

/** Province and territory polygons (GeoJSON, English names only; "Yukon Territory"). */
export const provincesGeojson: Source = {
  id: 'provinces-click-that-hood',
  kind: 'boundary',
  order: 22,
  format: 'GeoJSON',
  title_en: 'Province and territory boundaries (simplified GeoJSON)',
  title_fr: 'Limites des provinces et territoires (GeoJSON simplifié)',
  official_url:
    'https://www12.statcan.gc.ca/census-recensement/2021/geo/sip-pis/boundary-limites/index2021-eng.cfm?year=21',
  licence: 'Upstream terms not stated (ArcGIS Canada Boundary via Code for Germany, MIT repository)',
  attribution_en: 'Boundaries: ArcGIS Canada Boundary, via codeforgermany/click_that_hood.',
  attribution_fr: 'Limites : ArcGIS Canada Boundary, par codeforgermany/click_that_hood.',
  recognises: (p) => /(provinces|canada)[^/]*\.geojson$/i.test(p) && !/service|points?/i.test(p),
  companion: (p) => /canada\.metadata\.json$/i.test(p),
  async load({ db, file }) {
    if (!file) return failed(this.id, 'Give --file PATH (a GeoJSON of the provinces and territories).');
    const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as FeatureCollection<
      Polygon | MultiPolygon | null,
      { name?: string } | null
    >;
    const rows: BoundaryInput[] = [];
    let rejected = 0;
    for (const f of fc.features as Feature<Polygon | MultiPolygon | null, { name?: string } | null>[]) {
      const p = findProvince(f.properties?.name);
      if (!p || !f.geometry) {
        rejected += 1;
        continue;
      }
      rows.push({
        id: `province-${p.code}`,
        kind: 'province',
        code: p.pruid,
        name: p.name_en,
        province: p.code,
        geometry: f.geometry,
      });
    }
    const n = await db.transaction((tx) => replaceBoundaries(tx, this.id, rows));
    return {
      source: this.id,
      file,
      status: 'loaded',
      rows: fc.features.length,
      accepted: n,
      rejected,
      detail: `${n} provinces and territories`,
    };
  },
};
