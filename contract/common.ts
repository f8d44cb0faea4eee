import { z } from 'zod';

/**
 * Shapes every part of the API shares. The files of `contract/` are the one
 * description of what the API answers: the server types its answers with
 * them, the OpenAPI document is generated from them, the client imports
 * their types (`import type`, so zod stays out of the browser bundle), and
 * tests/integration/api-contract.test.ts parses real answers with them.
 * They import zod and nothing else.
 */

export const level = z.enum(['federal', 'provincial', 'territorial', 'municipal', 'indigenous']);
export type Level = z.infer<typeof level>;

/** How a point was located: its own coordinates, its civic address, its postal area's or community's centre, or not at all. */
export const geocodeQuality = z.enum(['source', 'address', 'postal_code', 'community', 'none']);
export type GeocodeQuality = z.infer<typeof geocodeQuality>;

/** Whether the other orders of government have published data where a finding claims an absence. */
export const dataStatus3 = z.enum(['measured', 'partial', 'no_data']);
export type DataStatus3 = z.infer<typeof dataStatus3>;

/** Every distance the API gives is straight-line (great-circle) metres or kilometres. */
export const straightLine = z.literal('straight_line');

/** A timestamp as ISO 8601 text. */
export const timestamp = z.string().describe('ISO 8601 date and time');

/** Units and population in one group of a finding. */
export const statusCount = z.strictObject({ units: z.number(), population: z.number() });
export type StatusCount = z.infer<typeof statusCount>;

/** Totals of a finding by data status: what is measured, partly measured, or has no data to judge. */
export const byDataStatus = z.strictObject({ measured: statusCount, partial: statusCount, no_data: statusCount });

/** Where a finding about a place rests on data from every order counted, and in the reader's words when it does not. */
export const dataStatusFields = {
  data_status: dataStatus3,
  orders_with_data: z.array(z.string()),
  orders_without_data: z.array(z.string()),
  data_note_en: z.string().nullable(),
  data_note_fr: z.string().nullable(),
};

/** The origin of a search: the location the distances are measured from. */
export const origin = z.strictObject({ lon: z.number(), lat: z.number() });

/** One field a request got wrong, in the asked language and both. */
export const fieldError = z.strictObject({
  field: z.string(),
  message: z.string(),
  message_en: z.string(),
  message_fr: z.string(),
});
export type FieldError = z.infer<typeof fieldError>;

/** Every error answer: RFC 9457 problem+json in the caller's language; `errors` names each wrong field. */
export const problem = z.strictObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(fieldError).optional(),
});
export type Problem = z.infer<typeof problem>;
