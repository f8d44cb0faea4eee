import type { OgcItemsPage } from '../../api/client.js';

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  const text = Array.isArray(v) ? v.map(String).join(';') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV with a header, a byte-order mark (so spreadsheets read the accents) and CRLF line ends, like the API's own CSV. */
export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  const lines = [columns.map(field).join(','), ...rows.map((r) => columns.map((c) => field(r[c])).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export type OgcFeature = OgcItemsPage['features'][number];

/** The longitude and latitude of a feature located by a point; nulls for an unlocated one (or another shape). */
export function pointOf(geometry: unknown): { lon: number | null; lat: number | null } {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  const c = g?.type === 'Point' && Array.isArray(g.coordinates) ? (g.coordinates as unknown[]) : [];
  return {
    lon: typeof c[0] === 'number' ? c[0] : null,
    lat: typeof c[1] === 'number' ? c[1] : null,
  };
}

/** Every feature of an OGC API - Features collection, a page of `page` at a time (the server serves at most 1,000 a page). */
export async function allOgcFeatures(items: string, lang: string, page = 1000): Promise<OgcFeature[]> {
  const out: OgcFeature[] = [];
  for (let offset = 0; offset < 1_000_000; offset += page) {
    const sep = items.includes('?') ? '&' : '?';
    const res = await fetch(`${items}${sep}f=geojson&limit=${page}&offset=${offset}&lang=${lang}`, {
      headers: { Accept: 'application/geo+json' },
    });
    if (!res.ok) throw new Error(`${res.status} ${items}`);
    const body = (await res.json()) as OgcItemsPage;
    out.push(...body.features);
    if (body.features.length < page || out.length >= body.numberMatched) break;
  }
  return out;
}

/** Saves text as a file through a temporary link, as a download link would. */
export function saveFile(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
