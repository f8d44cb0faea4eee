import { z } from 'zod';
import { problem } from '../../contract/common.js';
import type { OpenApiRoute } from './openapi-route.js';

type JsonSchema = Record<string, unknown>;

/** JSON Schema of what a client sends (defaults make a field optional; transforms show their input). */
function inputSchema(schema: z.ZodType): JsonSchema {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete js['$schema'];
  return js;
}

function outputSchema(schema: z.ZodType): JsonSchema {
  const js = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete js['$schema'];
  return js;
}

function parameters(schema: z.ZodObject | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const js = inputSchema(schema);
  const properties = (js['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((js['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const ERROR_TEXT: Record<number, string> = {
  400: 'A parameter or the body is invalid; `errors` names each field',
  401: 'No API key, or one that is not valid',
  403: 'The API key belongs to another jurisdiction',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'The upload is larger than the limit',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal error',
  502: 'The feed URL could not be fetched',
  503: 'The database is not available',
};

/** Every error body, from the same schema that types the error handler's answer. */
const problemSchema: JsonSchema = outputSchema(problem);

function operation(route: OpenApiRoute): JsonSchema {
  const success = String(route.status ?? (route.method === 'post' && route.auth ? 201 : 200));
  const produces = route.produces ?? ['application/json'];
  const body = route.response ? outputSchema(route.response) : {};
  const content: Record<string, unknown> = {};
  for (const type of produces) content[type] = type === 'text/csv' ? { schema: { type: 'string' } } : { schema: body };

  const requestContent: Record<string, unknown> = {};
  if (route.body) requestContent['application/json'] = { schema: inputSchema(route.body) };
  if (route.upload) {
    const extra = route.upload.fields
      ? ((inputSchema(route.upload.fields)['properties'] ?? {}) as Record<string, unknown>)
      : {};
    requestContent['multipart/form-data'] = {
      schema: {
        type: 'object',
        required: [route.upload.field],
        properties: { [route.upload.field]: { type: 'string', format: 'binary' }, ...extra },
      },
    };
  }

  const errorStatuses = [...new Set([400, ...(route.auth ? [401, 403] : []), ...(route.errors ?? []), 500])].sort(
    (a, b) => a - b,
  );
  const responses: Record<string, unknown> = { [success]: { description: 'Success', content } };
  for (const status of errorStatuses) {
    responses[String(status)] = {
      description: route.errorText?.[status] ?? ERROR_TEXT[status] ?? 'Error',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return {
    summary: route.summary,
    tags: route.tags,
    operationId: `${route.method}${route.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(Object.keys(requestContent).length > 0
      ? { requestBody: { required: !route.upload, content: requestContent } }
      : {}),
    responses,
    ...(route.auth ? { security: [{ apiKey: [] }] } : {}),
    // An empty requirement first: no key is a valid way to call it.
    ...(route.authOptional && !route.auth ? { security: [{}, { apiKey: [] }] } : {}),
  };
}

/**
 * The OpenAPI 3.1 document of every route, built from the same zod schemas
 * that validate the requests, so the two cannot drift apart.
 */
export function buildOpenApiDocument(
  routes: readonly OpenApiRoute[],
  info: { title: string; version: string; description: string },
): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    if (item[route.method]) throw new Error(`Two routes describe ${route.method.toUpperCase()} ${route.path}`);
    item[route.method] = operation(route);
  }
  const tags = [...new Set(routes.flatMap((r) => r.tags))].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: { ...info, license: { name: 'MIT', identifier: 'MIT' } },
    tags,
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key made by `npm run keys -- create --jurisdiction ID`',
        },
      },
    },
  };
}
