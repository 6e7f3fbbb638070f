import type { Language, Registration, StoredFinding } from '../form/index.js';
import {
  fromHash,
  OUTCOME_FIELDS,
  outcomeFromFields,
  SUMMARY_FIELDS,
  summaryFromFields,
  timelineEventOf,
  type SubmissionOutcome,
} from './submission-record.js';
import type { Keys, RedisClient } from '../redis.js';
import { readBlob } from '../redis-blobs.js';

/**
 * One form from one email, from receipt to a final state. `received` → `rejected` (a reply lists what to
 * fix), `review` (staff decide), or `queued-for-setup` → `accepted` (organisation and users set up).
 */
export type SubmissionState = 'received' | 'rejected' | 'review' | 'queued-for-setup' | 'accepted';
export const FINAL_SUBMISSION_STATES: readonly SubmissionState[] = ['rejected', 'review', 'accepted'];

export interface Submission {
  submissionId: string;
  emailId: string;
  /** 1 for the first form in the email, 2 for the second… */
  index: number;
  reference: string;
  filename: string;
  kind: 'xlsx' | 'csv';
  origin: string;
  state: SubmissionState;
  reason: string;
  createdAt: number;
  updatedAt: number;
  /** An earlier submission this one corrects (a reply to our rejection, or its reference in the subject). */
  previousSubmissionId: string | null;
  /** Codes with parameters; records from before that carry their English `message` instead (both render). */
  findings: StoredFinding[] | null;
  registration: Registration | null;
  priority: { value: number; label: string } | null;
  organisationId: string | null;
  /** Things staff must look at even though the rest went through, such as a user registered elsewhere. */
  attention: string[];
  /** The language every email about this form is written in: Welsh when the email or the form was ('en' for older records). */
  language: Language;
}

/** A submission without its findings and registration: what a stage that only names the form or its email needs. */
export type SubmissionSummary = Omit<Submission, 'findings' | 'registration'>;

export type NewSubmission = Pick<Submission, 'submissionId' | 'emailId' | 'index' | 'reference' | 'filename' | 'kind' | 'origin' | 'previousSubmissionId'> &
  Partial<Pick<Submission, 'language'>>;

export interface TimelineEvent {
  at: number;
  event: string;
  detail?: string;
  actor?: string;
}

const JSON_FIELDS = ['findings', 'registration', 'priority', 'attention', 'previousSubmissionId'] as const;

// KEYS: record, file, email's list, reference index, time index. ARGV: id, created, content, reference, fields…
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
redis.call('SET', KEYS[2], ARGV[3])
redis.call('RPUSH', KEYS[3], ARGV[1])
redis.call('SET', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[2], ARGV[1])
return 1
`;

// A form file holds names, email addresses and mobile numbers: it is kept only as long as staff may need it.
export const DEFAULT_FILE_RETENTION_DAYS = 90;
// Once a form is accepted or rejected, with nothing left for staff to look at, its file is no longer needed;
// earlier a retry reads it again. Updated with the record in one step, so no crash leaves a file kept for ever.
// KEYS: record, file. ARGV: retention in seconds, then field pairs.
const UPDATE_AND_RETAIN = `
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
local state = redis.call('HGET', KEYS[1], 'state')
local attention = redis.call('HGET', KEYS[1], 'attention')
if (state == 'accepted' or state == 'rejected') and (not attention or attention == '[]') then
  redis.call('EXPIRE', KEYS[2], ARGV[1], 'NX') -- a later update does not push the deletion back
else
  redis.call('PERSIST', KEYS[2])
end
`;

/** When the form file is deleted: kept while the form may still be acted on, then for the retention period. */
export type FileKept = { kept: false } | { kept: true; until: number | null };

/**
 * Submissions, their files and their timelines, in Redis.
 * Owns `keys.submissionRecord`, `keys.submissionFile`, `keys.submissionReference`, `keys.submissionTimeline`, `keys.submissionsByTime` and `keys.emailSubmissions`.
 */
export class SubmissionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly options: { fileRetentionDays?: number } = {},
  ) {}

  /** Creates the submission unless it exists (a retried intake job); returns whether it was created. */
  async create(submission: NewSubmission, content: Buffer): Promise<boolean> {
    const now = Date.now();
    const fields = [
      'submissionId',
      submission.submissionId,
      'emailId',
      submission.emailId,
      'index',
      String(submission.index),
      'reference',
      submission.reference,
      'filename',
      submission.filename,
      'kind',
      submission.kind,
      'origin',
      submission.origin,
      'state',
      'received',
      'reason',
      '',
      'createdAt',
      String(now),
      'updatedAt',
      String(now),
      'previousSubmissionId',
      JSON.stringify(submission.previousSubmissionId),
      'language',
      submission.language ?? 'en',
    ];
    const k = this.keys;
    const keys = [
      k.submissionRecord(submission.submissionId),
      k.submissionFile(submission.submissionId),
      k.emailSubmissions(submission.emailId),
      k.submissionReference(submission.reference),
      k.submissionsByTime,
    ];
    const created = await this.redis.eval(CREATE, keys.length, ...keys, submission.submissionId, String(now), content, submission.reference, ...fields);
    if (created === 1) await this.addEvent(submission.submissionId, { event: 'received', detail: submission.filename });
    return created === 1;
  }

  async get(submissionId: string): Promise<Submission | null> {
    return fromHash(await this.redis.hgetall(this.keys.submissionRecord(submissionId)));
  }

  /** The submission without reading or checking its findings and registration. */
  async getSummary(submissionId: string): Promise<SubmissionSummary | null> {
    return summaryFromFields(await this.redis.hmget(this.keys.submissionRecord(submissionId), ...SUMMARY_FIELDS));
  }

  async getFile(submissionId: string): Promise<Buffer | null> {
    return readBlob(this.redis, this.keys.submissionFile(submissionId));
  }

  async fileKept(submissionId: string): Promise<FileKept> {
    const ttlMs = await this.redis.pttl(this.keys.submissionFile(submissionId));
    if (ttlMs === -2) return { kept: false };
    return { kept: true, until: ttlMs >= 0 ? Date.now() + ttlMs : null };
  }

  /** The form file's size in bytes, without loading it (0 when there is none). */
  async fileSize(submissionId: string): Promise<number> {
    return this.redis.strlen(this.keys.submissionFile(submissionId));
  }

  async forEmail(emailId: string): Promise<Submission[]> {
    const ids = await this.redis.lrange(this.keys.emailSubmissions(emailId), 0, -1);
    const all = await Promise.all(ids.map((id) => this.get(id)));
    return all.filter((s): s is Submission => s !== null);
  }

  /** What each of the email's forms says towards the email's outcome, in one round trip and without their content. */
  async outcomesForEmail(emailId: string): Promise<SubmissionOutcome[]> {
    const ids = await this.redis.lrange(this.keys.emailSubmissions(emailId), 0, -1);
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(this.keys.submissionRecord(id), ...OUTCOME_FIELDS);
    const replies = (await pipeline.exec()) ?? [];
    return replies
      .map(([error, values]) => {
        if (error) throw error;
        return outcomeFromFields(values as (string | null)[]);
      })
      .filter((outcome): outcome is SubmissionOutcome => outcome !== null);
  }

  async byReference(reference: string): Promise<string | null> {
    return this.redis.get(this.keys.submissionReference(reference.toUpperCase()));
  }

  /** Records what happened; `event` goes on the timeline staff see. */
  async update(submissionId: string, changes: Partial<Omit<Submission, 'submissionId'>>, event?: Omit<TimelineEvent, 'at'>): Promise<void> {
    const fields: Record<string, string> = { updatedAt: String(Date.now()) };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      fields[key] = (JSON_FIELDS as readonly string[]).includes(key) ? JSON.stringify(value) : String(value ?? '');
    }
    const retentionSeconds = (this.options.fileRetentionDays ?? DEFAULT_FILE_RETENTION_DAYS) * 86_400;
    const keys = [this.keys.submissionRecord(submissionId), this.keys.submissionFile(submissionId)];
    await this.redis.eval(UPDATE_AND_RETAIN, keys.length, ...keys, String(retentionSeconds), ...Object.entries(fields).flat());
    if (event) await this.addEvent(submissionId, event);
  }

  /** Adds a point staff must look at (a send refused or cut short), with its timeline event. */
  async flag(submissionId: string, point: string, event: Omit<TimelineEvent, 'at'>): Promise<void> {
    const submission = await this.get(submissionId);
    if (!submission || submission.attention.includes(point)) return;
    await this.update(submissionId, { attention: [...submission.attention, point] }, event);
  }

  async addEvent(submissionId: string, event: Omit<TimelineEvent, 'at'>): Promise<void> {
    await this.redis.rpush(this.keys.submissionTimeline(submissionId), JSON.stringify({ at: Date.now(), ...event }));
  }

  async timeline(submissionId: string): Promise<TimelineEvent[]> {
    return (await this.redis.lrange(this.keys.submissionTimeline(submissionId), 0, -1)).map(timelineEventOf);
  }

  async listNewest(offset: number, limit: number): Promise<{ total: number; submissions: Submission[] }> {
    const [total, ids] = await Promise.all([
      this.redis.zcard(this.keys.submissionsByTime),
      this.redis.zrevrange(this.keys.submissionsByTime, offset, offset + limit - 1),
    ]);
    const all = await Promise.all(ids.map((id) => this.get(id)));
    return { total, submissions: all.filter((s): s is Submission => s !== null) };
  }
}
