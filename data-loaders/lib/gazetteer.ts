import type { Queryable } from '../../db/database.js';
import { normalizeName } from '../../domain/normalize-name.js';
import { forwardSortationArea } from './postal-code.js';

interface GazetteerPoint {
  lon: number;
  lat: number;
  name: string;
  population: number;
}

/**
 * The offline geocoder: places and postal FSAs held in memory, looked up by
 * accent-insensitive name within a province, English and French names alike.
 */
export class Gazetteer {
  private readonly communities = new Map<string, GazetteerPoint>();
  private readonly fsas = new Map<string, GazetteerPoint>();

  static async fromDatabase(db: Queryable): Promise<Gazetteer> {
    const g = new Gazetteer();
    const r = await db.query<{ kind: string; name: string; name_fr: string | null; province: string | null; population: number | null; lon: number; lat: number }>(
      // The 2021 FSA centroids come first: an older FSA list only fills their gaps.
      `SELECT kind, name, name_fr, province, population, lon, lat FROM places
       ORDER BY (source = 'fsa-centroids-2021') DESC, (source = 'fsa-geonames') DESC, id`,
    );
    for (const p of r.rows) g.add(p);
    return g;
  }

  add(p: { kind: string; name: string; name_fr?: string | null; province: string | null; population: number | null; lon: number; lat: number }): void {
    const point = { lon: p.lon, lat: p.lat, name: p.name, population: p.population ?? 0 };
    if (p.kind === 'postal_code') {
      const fsa = forwardSortationArea(p.name);
      if (fsa && !this.fsas.has(fsa)) this.fsas.set(fsa, point);
      return;
    }
    for (const name of [p.name, p.name_fr]) {
      if (!name) continue;
      const key = `${p.province ?? ''}|${normalizeName(name)}`;
      const existing = this.communities.get(key);
      // Two places of one name in a province: the larger is the one people mean.
      if (!existing || existing.population < point.population) this.communities.set(key, point);
    }
  }

  get size(): { communities: number; fsas: number } {
    return { communities: this.communities.size, fsas: this.fsas.size };
  }

  /** The point of a postal code's forward sortation area. */
  postalCode(code: string | null | undefined): GazetteerPoint | undefined {
    const fsa = forwardSortationArea(code);
    return fsa ? this.fsas.get(fsa) : undefined;
  }

  /** A community by name in a province. */
  community(name: string | null | undefined, province: string | null | undefined): GazetteerPoint | undefined {
    if (!name) return undefined;
    return this.communities.get(`${province ?? ''}|${normalizeName(name)}`);
  }

  /**
   * A community named somewhere in a longer label ("Calgary Temple Crossing",
   * "Pointe-aux-Trembles (Montréal)"): the longest leading run of words that
   * names a place, then any name in parentheses.
   */
  communityInLabel(label: string, province: string | null | undefined): GazetteerPoint | undefined {
    const outside = label.replace(/\(([^)]*)\)/g, ' ').trim();
    const inside = [...label.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? '');
    const words = outside.split(/\s+/).filter(Boolean);
    for (let n = words.length; n >= 1; n -= 1) {
      const hit = this.community(words.slice(0, n).join(' '), province);
      if (hit) return hit;
    }
    for (const name of inside) {
      const hit = this.community(name, province);
      if (hit) return hit;
    }
    return undefined;
  }
}
