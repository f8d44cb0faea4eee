import { z } from 'zod';

/** Bilingual text for a custom zod issue; parse-query reads `params.en` and `params.fr`. */
function issue(ctx: z.core.$RefinementCtx<string>, en: string, fr: string): void {
  ctx.addIssue({ code: 'custom', message: en, params: { en, fr } });
}

/**
 * `bbox=minLon,minLat,maxLon,maxLat` in WGS84 degrees, at most `maxArea`
 * square degrees, so one request cannot ask for the whole country at once.
 * Boxes across the antimeridian are refused (Canada does not need them).
 */
export function bboxParam(maxArea: number) {
  return z.string().transform((text, ctx): [number, number, number, number] => {
    const parts = text.split(',').map((p) => p.trim());
    const nums = parts.map((p) => (p === '' ? Number.NaN : Number(p)));
    if (nums.length !== 4 || nums.some((n) => !Number.isFinite(n))) {
      issue(
        ctx,
        'Must be four numbers: minLon,minLat,maxLon,maxLat.',
        'Doit compter quatre nombres : minLon,minLat,maxLon,maxLat.',
      );
      return z.NEVER;
    }
    const [minLon, minLat, maxLon, maxLat] = nums as [number, number, number, number];
    if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
      issue(
        ctx,
        'Longitudes must be within -180..180 and latitudes within -90..90.',
        'Les longitudes doivent être entre -180 et 180 et les latitudes entre -90 et 90.',
      );
      return z.NEVER;
    }
    if (minLon >= maxLon || minLat >= maxLat) {
      issue(
        ctx,
        'The minimum must be less than the maximum on each axis.',
        'Le minimum doit être inférieur au maximum sur chaque axe.',
      );
      return z.NEVER;
    }
    const area = (maxLon - minLon) * (maxLat - minLat);
    if (area > maxArea) {
      issue(
        ctx,
        `The box covers ${area.toFixed(1)} square degrees; the most allowed is ${maxArea}. Zoom in or use the tiles.`,
        `La zone couvre ${area.toFixed(1).replace('.', ',')} degrés carrés; le maximum permis est ${maxArea}. Rapprochez-vous ou utilisez les tuiles.`,
      );
      return z.NEVER;
    }
    return [minLon, minLat, maxLon, maxLat];
  });
}
