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
    case 'too_small': {
      const min = String(issue.minimum);
      return issue.origin === 'string' || issue.origin === 'array'
        ? {
            en: `Must have at least ${min} item(s) or character(s).`,
            fr: `Doit compter au moins ${min} élément(s) ou caractère(s).`,
          }
        : { en: `Must be at least ${min}.`, fr: `Doit être au moins ${min}.` };
    }
    case 'too_big': {
      const max = String(issue.maximum);
      return issue.origin === 'string' || issue.origin === 'array'
        ? {
            en: `Must have at most ${max} item(s) or character(s).`,
            fr: `Doit compter au plus ${max} élément(s) ou caractère(s).`,
          }
        : { en: `Must be at most ${max}.`, fr: `Doit être au plus ${max}.` };
    }
    case 'invalid_value':
      return {
        en: `Must be one of: ${issue.values.map(String).join(', ')}.`,
        fr: `Doit être l’une des valeurs suivantes : ${issue.values.map(String).join(', ')}.`,
      };
    case 'custom': {
      // Refinements carry their own bilingual text (see bbox-param.ts).
      const params = issue.params as { en?: unknown; fr?: unknown } | undefined;
      if (typeof params?.en === 'string' && typeof params.fr === 'string') return { en: params.en, fr: params.fr };
      return { en: messages.invalid_value.en, fr: messages.invalid_value.fr };
    }
    case 'invalid_format':
      return {
        en: `${messages.invalid_value.en} (${issue.message})`,
        fr: `${messages.invalid_value.fr} (${issue.message})`,
      };
    default:
      return { en: messages.invalid_value.en, fr: messages.invalid_value.fr };
  }
}

/** Validates `req.query` against `schema`; a failure is a 400 naming each parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parseInput(schema, req.query, '(query)', false);
}

/** Validates route parameters (`/feeds/{id}`) the same way. */
export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parseInput(schema, req.params, '(path)', false);
}

/** Validates a JSON body the same way; a nested field is named by its dotted path. */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parseInput(schema, req.body ?? {}, '(body)', true);
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown, whole: string, dotted: boolean): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => {
    const text = describe(issue);
    // A list parameter's bad item is named by the parameter (`level`, not `level.0`).
    const field = issue.path.length === 0 ? whole : dotted ? issue.path.map(String).join('.') : String(issue.path[0]);
    return { field, message_en: text.en, message_fr: text.fr };
  });
  throw new AppError(400, 'bad_request', 'invalid_parameters', errors);
}
