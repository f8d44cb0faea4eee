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
  /** True when the route takes an API key but does not need one (it shows more to the right key). */
  authOptional?: boolean;
  /** The route also takes a multipart upload: the file field and its other form fields. */
  upload?: { field: string; fields?: z.ZodObject };
  /** Schema of the success JSON body, from `contract/`: the same schema types the route's answer. */
  response?: z.ZodType;
  /** The success status when it is not the usual one (200; 201 for an authenticated POST), e.g. 202. */
  status?: number;
  /** Error statuses the route can answer besides 400 and 500 (e.g. 401, 403, 404, 409, 413). */
  errors?: number[];
  /** What an error status means on this route, where the general wording says too little. */
  errorText?: Partial<Record<number, string>>;
}
