import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * The official Open Referral HSDS 3.0 JSON schemas (tag v3.0), shipped
 * unmodified under their licence (CC BY-SA 4.0) in
 * data-loaders/schemas/hsds-3.0-official/ (see its SOURCE.md and LICENSE).
 * They are JSON Schema 2020-12 documents that refer to each other by file
 * name ("phone.json"), so each is registered under its own file name.
 *
 * Two things the official files need from a validator, neither a change to them:
 * - keywords of the Frictionless data package ("constraints", "core",
 *   "datapackage_metadata", "example", "name", ...) sit beside the JSON Schema
 *   ones: ajv runs non-strict and ignores them;
 * - `metadata.json` writes one format "datetime" where JSON Schema says
 *   "date-time": it is checked as date-time.
 */
export const HSDS_SCHEMA_DIR = fileURLToPath(new URL('../schemas/hsds-3.0-official/schema', import.meta.url));

/** Every object schema of HSDS 3.0 (openapi.json, the API description, is not one). */
export const HSDS_SCHEMAS = fs
  .readdirSync(HSDS_SCHEMA_DIR)
  .filter((f) => f.endsWith('.json') && f !== 'openapi.json')
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function makeAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: coerce, validateSchema: false });
  addFormats(ajv);
  ajv.addFormat('datetime', ajv.formats['date-time'] as never);
  for (const name of HSDS_SCHEMAS) {
    ajv.addSchema(
      JSON.parse(fs.readFileSync(path.join(HSDS_SCHEMA_DIR, `${name}.json`), 'utf8')) as object,
      `${name}.json`,
    );
  }
  return ajv;
}

const cache: Partial<Record<'json' | 'tabular', Record<string, ValidateFunction>>> = {};

/**
 * Validators by schema name ("service", "location", ...). `tabular`: CSV cells
 * are text, so "45.96" is a valid latitude there (types are coerced).
 */
export function hsdsValidators(kind: 'json' | 'tabular'): Record<string, ValidateFunction> {
  let v = cache[kind];
  if (!v) {
    const ajv = makeAjv(kind === 'tabular');
    v = Object.fromEntries(HSDS_SCHEMAS.map((s) => [s, ajv.getSchema(`${s}.json`)!]));
    cache[kind] = v;
  }
  return v;
}

/** The findings of one record against one schema, as "path: message" lines (empty when valid). */
export function hsdsFindings(schema: string, record: unknown, kind: 'json' | 'tabular' = 'json'): string[] {
  const validate = hsdsValidators(kind)[schema];
  if (!validate) throw new Error(`No HSDS 3.0 schema named ${schema}`);
  if (validate(record)) return [];
  return (validate.errors ?? []).map(
    (e: ErrorObject) =>
      `${e.instancePath || '/'}: ${e.keyword === 'required' ? `missing ${String((e.params as { missingProperty?: string }).missingProperty)}` : (e.message ?? e.keyword)}`,
  );
}
