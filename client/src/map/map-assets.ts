// The base layer's outline file (the same one the loaders use to check that a point is in Canada)
// and MapLibre's worker, as URLs of the built files; small enough to live in the page's first script.
import provincesUrl from '../../../data/provinces.geojson?url';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';

export { provincesUrl, workerUrl };

let warmed = false;

/**
 * Starts downloading the map's worker and base layer, at low priority, into the browser's cache.
 * The map asks for both only once its own code (about 1 MB) has arrived and run; asked for now,
 * they download alongside it instead of after it. Nothing is downloaded twice: the server marks
 * them cacheable, and the browser waits for a download already under way.
 */
export function warmMapAssets(): void {
  if (warmed) return;
  warmed = true;
  for (const url of [workerUrl, provincesUrl])
    void fetch(url, { priority: 'low' })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
}
