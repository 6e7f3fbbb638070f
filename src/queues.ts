import { Queue, type DefaultJobOptions } from 'bullmq';
import type { RedisClient } from './redis.js';
import { IntakeError } from './errors.js';
import { z } from 'zod';

/**
 * The job catalogue. Queue names are a persistent contract: renaming one strands the jobs already in Redis.
 * Payloads carry references (an email id), never content.
 */
export const QUEUES = {
  intake: 'intake',
  validate: 'validate',
  setup: 'setup',
  notify: 'notify',
  reply: 'reply',
  filing: 'filing',
  sentCopy: 'sent-copy',
  housekeeping: 'housekeeping',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const emailId = z.string().regex(/^[a-f0-9]{32}$/, 'an email id is 32 hex digits');

export const IntakeJobSchema = z.object({ emailId });
export type IntakeJob = z.infer<typeof IntakeJobSchema>;

const submissionId = z.string().regex(/^[a-f0-9]{32}-\d{1,3}$/, 'a submission id is an email id and a form number');

export const SubmissionJobSchema = z.object({ submissionId });
export type SubmissionJob = z.infer<typeof SubmissionJobSchema>;

const userId = z.string().min(1).max(100);

/** The most users one notify job carries: a retry after a fault skips those already sent, so a batch stays cheap to repeat. */
export const NOTIFY_BATCH_MAX = 50;

/**
 * One user's email (a staff re-send, a reminder), or a form's first activation emails in batches (`userIds`, with
 * `batch` numbering them within the form): one job per batch rather than per user, so a burst of large forms costs
 * one job's queue overhead per fifty emails.
 */
export const NotifyJobSchema = z
  .object({
    kind: z.enum(['activation', 'activation-reminder']),
    userId: userId.optional(),
    userIds: z.array(userId).min(1).max(NOTIFY_BATCH_MAX).optional(),
    batch: z.number().int().nonnegative().optional(),
    submissionId,
    /** Distinguishes a staff re-send or a reminder from the first activation email. */
    round: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/)
      .default('first'),
  })
  .refine((job) => (job.userId === undefined) !== (job.userIds === undefined), 'a notify job names one user or a batch of users')
  .refine((job) => (job.userIds === undefined) === (job.batch === undefined), 'a batch of users is numbered');
export type NotifyJob = z.infer<typeof NotifyJobSchema>;

/** The users a notify job is for, in order. */
export const notifyUsers = (job: NotifyJob): string[] => job.userIds ?? (job.userId === undefined ? [] : [job.userId]);

/** A sent email to copy into the mailbox's Sent folder; its raw content waits in Redis under this id. */
export const SentCopyJobSchema = z.object({ copyId: z.string().regex(/^[a-f0-9]{32}$/) });
export type SentCopyJob = z.infer<typeof SentCopyJobSchema>;

export const HousekeepingJobSchema = z.object({ task: z.enum(['activation-sweep']) });
export type HousekeepingJob = z.infer<typeof HousekeepingJobSchema>;

/** A reply to the firm that staff asked for, such as a rejection with their note. */
export const ReplyJobSchema = z.object({ kind: z.enum(['staff-rejection']), submissionId });
export type ReplyJob = z.infer<typeof ReplyJobSchema>;

/**
 * Files an email: from its inbox UID once decided, or (no UID, `decidedAt` instead) from wherever it was filed
 * when staff changed its outcome later. The two kinds never share a job id, so a later decision is not
 * swallowed by the first filing's finished job.
 */
export const FilingJobSchema = z
  .object({
    emailId,
    uidValidity: z.string().regex(/^\d+$/).optional(),
    uid: z.number().int().positive().optional(),
    decidedAt: z.number().int().nonnegative().optional(),
  })
  .refine((job) => (job.uid === undefined) === (job.uidValidity === undefined), 'uid and uidValidity go together');
export type FilingJob = z.infer<typeof FilingJobSchema>;

/** Tried `attempts` times in all, waiting `delay` ms before the first retry and twice as long before each next. */
const exponentialRetry = (attempts: number, delay: number) => ({ attempts, backoff: { type: 'exponential', delay } }) as const;

/** Most stages keep a month of finished jobs, and failed ones until staff act on them. */
const retriedAndKept = (attempts: number, delay: number) =>
  ({ ...exponentialRetry(attempts, delay), removeOnComplete: { age: 30 * 24 * 3600, count: 50_000 }, removeOnFail: false }) as const;

/**
 * One entry per queue stage: its payload schema, job name, deterministic job id and default options. Job names
 * and id formats are part of the persistent contract too: jobs already in Redis are found again by them.
 */
export const CATALOGUE = {
  // Deterministic: a second pickup of the same email cannot queue it twice.
  intake: stage(IntakeJobSchema, { jobName: () => 'intake', jobId: (job) => `email-${job.emailId}`, options: retriedAndKept(6, 2_000) }),
  validate: stage(SubmissionJobSchema, { jobName: () => 'validate', jobId: (job) => `validate-${job.submissionId}`, options: retriedAndKept(4, 2_000) }),
  setup: stage(SubmissionJobSchema, {
    jobName: () => 'setup',
    jobId: (job) => `setup-${job.submissionId}`,
    options: retriedAndKept(8, 5_000),
    prioritised: true,
  }),
  notify: stage(NotifyJobSchema, {
    jobName: (job) => job.kind,
    jobId: (job) => (job.userIds ? `${job.kind}-${job.round}-${job.submissionId}-batch-${job.batch}` : `${job.kind}-${job.round}-${job.userId}`),
    options: retriedAndKept(8, 5_000),
  }),
  reply: stage(ReplyJobSchema, { jobName: (job) => job.kind, jobId: (job) => `${job.kind}-${job.submissionId}`, options: retriedAndKept(8, 5_000) }),
  // The mailbox may be down for a while; filing keeps trying for about an hour before staff must look.
  filing: stage(FilingJobSchema, {
    jobName: () => 'file',
    jobId: (job) => (job.uid !== undefined ? `file-${job.emailId}-${job.uidValidity}-${job.uid}` : `refile-${job.emailId}-${job.decidedAt ?? 0}`),
    options: retriedAndKept(15, 1_000),
    runsIn: 'watcher',
  }),
  // A copied email is only worth a day's history; its failures stay for staff.
  'sent-copy': stage(SentCopyJobSchema, {
    jobName: () => 'copy',
    jobId: (job) => `copy-${job.copyId}`,
    options: { ...exponentialRetry(15, 1_000), removeOnComplete: { age: 24 * 3600 }, removeOnFail: false },
    runsIn: 'watcher',
  }),
  // Queued only by its job scheduler (one schedule in Redis, which names the jobs), under the task's name.
  housekeeping: stage(HousekeepingJobSchema, {
    jobName: (job) => job.task,
    options: { ...exponentialRetry(3, 10_000), removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  }),
} as const satisfies { [S in QueueName]: StageEntry };

interface StageEntry {
  schema: z.ZodType;
  jobName: (job: never) => string;
  /** Left out for a stage only its job scheduler queues. */
  jobId?: (job: never) => string;
  options: DefaultJobOptions;
  /** Whether producers give a priority (BullMQ's: 1 runs first). */
  prioritised: boolean;
  /** Which role runs its worker: the mailbox stages need the watcher's IMAP connection. */
  runsIn: 'worker' | 'watcher';
}

/** What a catalogue entry says beside its schema; a stage is not prioritised and runs in the worker unless it says so. */
interface StageSpec<Job> {
  jobName: (job: Job) => string;
  jobId?: (job: Job) => string;
  options: DefaultJobOptions;
  prioritised?: boolean;
  runsIn?: StageEntry['runsIn'];
}

/** A catalogue entry: the spec with its defaults filled in, kept literal so the types can tell stages apart. */
type EntryOf<Schema, Spec> = Omit<Spec, 'prioritised' | 'runsIn'> & {
  schema: Schema;
  prioritised: Spec extends { prioritised: true } ? true : false;
  runsIn: Spec extends { runsIn: 'watcher' } ? 'watcher' : 'worker';
};

/** Builds a catalogue entry whose job name and id functions take the schema's payload type. */
function stage<Schema extends z.ZodType, const Spec extends StageSpec<z.output<Schema>>>(schema: Schema, spec: Spec): EntryOf<Schema, Spec> {
  const defaults: Pick<StageEntry, 'prioritised' | 'runsIn'> = { prioritised: false, runsIn: 'worker' };
  // The compiler cannot follow the conditional types through the spread; `satisfies` on the catalogue checks each entry.
  return { ...defaults, ...spec, schema } as unknown as EntryOf<Schema, Spec>;
}

/** A queue stage: each queue carries one kind of job. */
export type Stage = QueueName;
export type Payload<S extends Stage> = z.output<(typeof CATALOGUE)[S]['schema']>;
/** The stages whose worker the given role runs. */
export type StagesRunIn<R extends StageEntry['runsIn']> = { [S in Stage]: (typeof CATALOGUE)[S]['runsIn'] extends R ? S : never }[Stage];
/** The stages producers queue one job at a time (each under a deterministic job id). */
export type EnqueuedStage = { [S in Stage]: (typeof CATALOGUE)[S] extends { jobId: unknown } ? S : never }[Stage];

export const JOB_OPTIONS: Record<QueueName, DefaultJobOptions> = Object.fromEntries(
  Object.entries(CATALOGUE).map(([stage, entry]) => [stage, entry.options]),
) as Record<QueueName, DefaultJobOptions>;

/**
 * Lock settings for every worker. Handlers never block the event loop for long (forms are parsed off-thread),
 * so a short lock is safe, and a job held by a killed process is back in the queue within about 15 s.
 * A job may stall a few times (repeated crashes) before it is failed and handed to staff.
 */
export const WORKER_LOCK = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 3 } as const;

/** The job id each stage gives a payload; staff pages look jobs up by it. */
export const jobIds = {
  intake: CATALOGUE.intake.jobId,
  validate: CATALOGUE.validate.jobId,
  setup: CATALOGUE.setup.jobId,
  notify: CATALOGUE.notify.jobId,
  reply: CATALOGUE.reply.jobId,
  sentCopy: CATALOGUE['sent-copy'].jobId,
  filing: CATALOGUE.filing.jobId,
};

export function createQueue(name: QueueName, connection: RedisClient, prefix: string): Queue {
  return new Queue(name, { connection, prefix, defaultJobOptions: JOB_OPTIONS[name] });
}

/** Workers re-check what they are given; a malformed payload can never succeed, so it is not retried. */
export function parsePayload<T>(schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new IntakeError('MALFORMED_PAYLOAD', `Malformed job payload: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
