import { z } from 'zod';
import { IntakeError } from './errors.js';

/**
 * A record read back from Redis that does not have the shape its store writes (hand-edited, or written by a
 * version that no longer exists). Names the record and the fields at fault, never their values: records hold
 * personal data. An IntakeError (CORRUPT_RECORD, not retried), so a stage that meets one fails at once.
 */
export class CorruptRecordError extends IntakeError {
  override name = 'CorruptRecordError';

  constructor(
    readonly record: string,
    readonly fields: string[],
  ) {
    super('CORRUPT_RECORD', `The stored ${record} is unreadable (${fields.join(', ') || 'its shape'})`);
  }
}

/** Parses what a store read back; a record of the wrong shape is a CorruptRecordError. */
export function parseStored<T extends z.ZodType>(schema: T, value: unknown, record: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CorruptRecordError(record, [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(whole record)'))]);
}

/** A hash field is a string; an empty one counts as absent, as it always has. */
export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

/** A hash field holding JSON, checked against `schema` once parsed. */
export function jsonField<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}
