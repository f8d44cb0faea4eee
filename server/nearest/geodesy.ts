import { createRequire } from 'node:module';

// A UMD bundle: Node's ESM loader cannot see its named exports, so require it.
const { Geodesic } = createRequire(import.meta.url)(
  'geographiclib-geodesic',
) as typeof import('geographiclib-geodesic');

const RAD = Math.PI / 180;
const WGS84 = Geodesic.WGS84;

/**
 * Great-circle distance in radians, by the formula PostGIS's `<->` on
 * geography uses (sphere_distance in liblwgeom): the KNN order of
 * nearest_service_points.sql, so both paths rank points the same way.
 */
export function sphereAngle(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const sLat = lat1 * RAD;
  const eLat = lat2 * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const cosDLon = Math.cos(dLon);
  const cosLatE = Math.cos(eLat);
  const sinLatE = Math.sin(eLat);
  const cosLatS = Math.cos(sLat);
  const sinLatS = Math.sin(sLat);
  const a1 = (cosLatE * Math.sin(dLon)) ** 2;
  const a2 = (cosLatS * sinLatE - sinLatS * cosLatE * cosDLon) ** 2;
  return Math.atan2(Math.sqrt(a1 + a2), sinLatS * sinLatE + cosLatS * cosLatE * cosDLon);
}

/**
 * Geodesic distance in metres on the WGS 84 ellipsoid (Karney's algorithm,
 * GeographicLib): what PostGIS's ST_Distance and ST_DWithin on geography
 * compute, so the citizen's distance_m is the same to the millimetre.
 */
export function spheroidMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  if (lon1 === lon2 && lat1 === lat2) return 0;
  return WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE).s12 ?? 0;
}
