import { z } from 'zod';
import type { Language, Registration, StoredFinding } from '../form/index.js';
import { jsonField, optionalField, parseStored } from '../stored-record.js';
import type { Submission, SubmissionState, SubmissionSummary, TimelineEvent } from './submission-store.js';

const STATES = ['received', 'rejected', 'review', 'queued-for-setup', 'accepted'] as const satisfies readonly SubmissionState[];
// Findings and registrations were checked in full when the form was read; here only their shape, so records
// written under earlier rules still read.
const FindingShape = z.looseObject({ code: z.string(), severity: z.enum(['error', 'warning']) });
const RegistrationShape = z.looseObject({ organisation: z.looseObject({ name: z.string() }), users: z.array(z.looseObject({ email: z.string() })) });
const stored = <T extends z.ZodType, F>(schema: T, fallback: F) => optionalField(jsonField(schema)).transform((value) => value ?? fallback);

const SubmissionHashSchema = z.object({
  submissionId: z.string().min(1),
  emailId: z.string().default(''),
  index: z.coerce.number().int().positive().default(1),
  reference: z.string().default(''),
  filename: z.string().default(''),
  kind: z
    .string()
    .optional()
    .transform((kind) => (kind === 'csv' ? 'csv' : 'xlsx')),
  origin: z.string().default('attachment'),
  state: z.enum(STATES).default('received'),
  reason: z.string().default(''),
  createdAt: z.coerce.number(),
  updatedAt: z.coerce.number(),
  previousSubmissionId: stored(z.string().nullable(), null),
  findings: stored(z.array(FindingShape).nullable(), null),
  registration: stored(RegistrationShape.nullable(), null),
  priority: stored(z.object({ value: z.number(), label: z.string() }).nullable(), null),
  organisationId: z
    .string()
    .optional()
    .transform((id) => id || null),
  attention: stored(z.array(z.string()), []),
  language: z
    .string()
    .optional()
    .transform((language): Language => (language === 'cy' ? 'cy' : 'en')),
});

/** HMGET's answer for `fields` as the hash HGETALL would give: a field it holds no value for is left out. */
function hashOf(fields: readonly string[], values: (string | null)[]): Record<string, string> {
  return Object.fromEntries(fields.flatMap((field, index) => (values[index] == null ? [] : [[field, values[index]]])));
}

/** The fields an email's outcome is decided from; read without the registration and findings, which can be large. */
export const OUTCOME_FIELDS = ['submissionId', 'reference', 'state', 'reason', 'attention'] as const;
const SubmissionOutcomeSchema = SubmissionHashSchema.pick({ submissionId: true, reference: true, state: true, reason: true, attention: true });
export type SubmissionOutcome = z.infer<typeof SubmissionOutcomeSchema>;

/** OUTCOME_FIELDS of a submission, in that order, as HMGET gives them: null when it holds no record. */
export function outcomeFromFields(values: (string | null)[]): SubmissionOutcome | null {
  const hash = hashOf(OUTCOME_FIELDS, values);
  if (!hash.submissionId) return null;
  return parseStored(SubmissionOutcomeSchema, hash, 'submission record');
}

// Everything but the findings and the registration, which for a form of 200 users are tens of kilobytes of JSON.
const SubmissionSummarySchema = SubmissionHashSchema.omit({ findings: true, registration: true });
export const SUMMARY_FIELDS = Object.keys(SubmissionSummarySchema.shape) as (keyof typeof SubmissionSummarySchema.shape)[];

/** SUMMARY_FIELDS of a submission, in that order, as HMGET gives them: null when it holds no record. */
export function summaryFromFields(values: (string | null)[]): SubmissionSummary | null {
  const hash = hashOf(SUMMARY_FIELDS, values);
  if (!hash.submissionId) return null;
  return parseStored(SubmissionSummarySchema, hash, 'submission record');
}

const TimelineEventSchema = z.object({ at: z.number(), event: z.string(), detail: z.string().optional(), actor: z.string().optional() });

/** A submission's hash: null when it holds no record, a CorruptRecordError when it cannot be read. */
export function fromHash(hash: Record<string, string>): Submission | null {
  if (!hash.submissionId) return null;
  const record = parseStored(SubmissionHashSchema, hash, 'submission record');
  return { ...record, findings: record.findings as StoredFinding[] | null, registration: record.registration as Registration | null };
}

/** One line of a timeline, checked. */
export const timelineEventOf = (line: string): TimelineEvent => parseStored(jsonField(TimelineEventSchema), line, 'timeline event');
