import type { MapPoint } from '../../map/map-view.js';

/** Splits one CSV line (quotes, doubled quotes) with the given delimiter. */
function splitCsvLine(line: string, delim: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delim) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const LAT = /^(lat|latitude|y)$/i;
const LON = /^(lon|lng|long|longitude|x)$/i;
const NAME = /^(name|nom|name_en|nom_en|location_name)$/i;

/**
 * The located rows of a file the steward is about to upload, for the map
 * preview beside the validation report. It reads only what it needs (name and
 * coordinates); the server's report stays the authority on what is valid.
 */
export function stagedPreview(fileName: string, text: string, level: string): MapPoint[] {
  const points: MapPoint[] = [];
  const push = (name: unknown, lon: unknown, lat: unknown, i: number) => {
    const x = Number(lon);
    const y = Number(lat);
    if (lon === '' || lat === '' || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90)
      return;
    points.push({ id: `row-${i}`, name: typeof name === 'string' && name ? name : `#${i}`, lon: x, lat: y, level });
  };
  if (/\.(geo)?json$/i.test(fileName) || text.trimStart().startsWith('{')) {
    try {
      const fcol = JSON.parse(text) as {
        features?: { geometry?: { type?: string; coordinates?: unknown[] }; properties?: Record<string, unknown> }[];
      };
      (fcol.features ?? []).forEach((f, i) => {
        if (f.geometry?.type !== 'Point') return;
        const name = Object.entries(f.properties ?? {}).find(([k]) => NAME.test(k))?.[1];
        push(name, f.geometry.coordinates?.[0], f.geometry.coordinates?.[1], i + 1);
      });
    } catch {
      return [];
    }
    return points;
  }
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const head = lines[0] ?? '';
  const delim = [',', ';', '\t'].sort((a, b) => head.split(b).length - head.split(a).length)[0] ?? ',';
  const cols = splitCsvLine(head, delim).map((c) => c.trim());
  const iLat = cols.findIndex((c) => LAT.test(c));
  const iLon = cols.findIndex((c) => LON.test(c));
  const iName = cols.findIndex((c) => NAME.test(c));
  if (iLat < 0 || iLon < 0) return [];
  lines.slice(1).forEach((line, i) => {
    const cells = splitCsvLine(line, delim);
    push(iName >= 0 ? cells[iName] : undefined, cells[iLon]?.trim(), cells[iLat]?.trim(), i + 1);
  });
  return points;
}
