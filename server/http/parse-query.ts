import type { Request } from 'express';
import type { z } from 'zod';
import { AppError, type FieldError } from './app-error.js';
import { messages } from './messages.js';

/** Bilingual text for a zod issue; the field name itself is always in `field`. */
function describe(issue: z.core.$ZodIssue): { en: string; fr: string } {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return messages.required;
      return issue.expected === 'number' ? messages.not_a_number : messages.invalid_value;
    case 'too_small':
    case 'too_big':
      return {
        en: `${messages.out_of_range.en} (${issue.message})`,
        fr: `${messages.out_of_range.fr} (${issue.message})`,
      };
    default:
      return { en: issue.message, fr: `${messages.invalid_value.fr} (${issue.message})` };
  }
}

/** Validates `req.query` against `schema`; a failure is a 400 naming each parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse(req.query);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => {
    const text = describe(issue);
    return { field: issue.path.join('.') || '(query)', message_en: text.en, message_fr: text.fr };
  });
  throw new AppError(400, 'bad_request', 'invalid_parameters', errors);
}
