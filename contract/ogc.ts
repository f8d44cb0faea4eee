import { z } from 'zod';

/** A GeoJSON feature of an OGC API - Features collection: its properties are the collection's own. */
export const ogcFeature = z.strictObject({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.unknown(),
  properties: z.record(z.string(), z.unknown()),
});

/** GET /ogc/collections/{collectionId}/items: one page of features (OGC API - Features, GeoJSON). */
export const ogcItemsPage = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z.array(ogcFeature),
  numberMatched: z.number().int(),
  numberReturned: z.number().int(),
  timeStamp: z.string(),
  links: z.array(z.strictObject({ href: z.string(), rel: z.string(), type: z.string(), title: z.string() })),
});
export type OgcItemsPage = z.infer<typeof ogcItemsPage>;
