import type { z } from 'zod';

/**
 * How a route describes itself for the OpenAPI document: each router module
 * exports a list of these next to the zod schemas that validate its requests,
 * so the document and the validation can never disagree.
 */
export interface OpenApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path template, e.g. `/api/service-points/{id}`. */
  path: string;
  summary: string;
  tags: string[];
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  /** Media types of a 200 response, e.g. application/json, application/geo+json, text/csv. */
  produces?: string[];
  /** True when the route needs `Authorization: Bearer <api key>`. */
  auth?: boolean;
}
