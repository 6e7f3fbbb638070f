import { z } from 'zod';
import type { Keys, RedisClient } from '../redis.js';
import { jsonField, parseStored } from '../stored-record.js';
import type { SubmissionStore } from '../submissions/submission-store.js';

export interface AuditEntry {
  at: number;
  actor: string;
  /** For a person signed in through the identity provider: its subject for them (`actor` is their name). */
  subject?: string;
  action: string;
  detail: string;
  submissionId: string | null;
}

/** Who did something, as an audit entry names them. */
export type AuditActor = Pick<AuditEntry, 'actor' | 'subject'>;

const KEEP_ENTRIES = 50_000;

const AuditEntrySchema = z.object({
  at: z.number(),
  actor: z.string(),
  subject: z.string().optional(),
  action: z.string(),
  detail: z.string(),
  submissionId: z.string().nullable(),
}) satisfies z.ZodType<AuditEntry>;

/**
 * Who did what and when, for every staff action. An action on a submission also goes on its timeline, so the
 * story of a form reads in one place; the log keeps the rest (court edits, sign-ins).
 * Owns `keys.staff('audit')`.
 */
export class AuditLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly submissions: SubmissionStore,
  ) {}

  async record(entry: Omit<AuditEntry, 'at' | 'submissionId'> & { submissionId?: string | null }): Promise<void> {
    const full: AuditEntry = { at: Date.now(), submissionId: null, ...entry };
    await this.redis
      .multi()
      .lpush(this.keys.staff('audit'), JSON.stringify(full))
      .ltrim(this.keys.staff('audit'), 0, KEEP_ENTRIES - 1)
      .exec();
    if (full.submissionId) await this.submissions.addEvent(full.submissionId, { event: full.action, detail: full.detail, actor: full.actor });
  }

  async newest(limit: number): Promise<AuditEntry[]> {
    return (await this.redis.lrange(this.keys.staff('audit'), 0, limit - 1)).map((line) => parseStored(jsonField(AuditEntrySchema), line, 'audit entry'));
  }
}
