import type { Redis } from 'ioredis';
import type { Keys } from '../redis.js';
import type { FindingLike } from './compare-findings.js';
import type { EarlierSubmissionHints } from './earlier-submission.js';

export interface SubmissionSummary {
  emailId: string;
  reference: string;
  /** Kept so that the next, corrected form can say what it fixed. May quote what the sender wrote. */
  findings: FindingLike[];
  /** The submission this one corrects, if any. */
  previousEmailId: string | null;
  recordedAt: string;
}

// Long enough for a firm to come back to a form months later; the ledger of emails keeps the same.
const RETENTION_SECONDS = 400 * 24 * 3600;

/** What each submission found, so that a corrected form sent in reply can be linked to the one it corrects. */
export class SubmissionHistory {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Idempotent: recording the same submission again (a retried job) replaces it with the same content. */
  async record(summary: SubmissionSummary): Promise<void> {
    await this.redis
      .multi()
      .set(this.keys.submission(summary.emailId), JSON.stringify(summary), 'EX', RETENTION_SECONDS)
      .sadd(this.keys.submission('reference', summary.reference), summary.emailId)
      .expire(this.keys.submission('reference', summary.reference), RETENTION_SECONDS)
      .exec();
  }

  async get(emailId: string): Promise<SubmissionSummary | null> {
    const stored = await this.redis.get(this.keys.submission(emailId));
    return stored ? (JSON.parse(stored) as SubmissionSummary) : null;
  }

  /**
   * The earlier submission an email corrects: the one whose reply it answers, else the one whose reference its
   * subject quotes. A reference two submissions share (8 hex digits can collide) links to neither.
   */
  async findEarlier(hints: EarlierSubmissionHints, excludingEmailId: string): Promise<SubmissionSummary | null> {
    for (const emailId of hints.emailIds) {
      if (emailId === excludingEmailId) continue;
      const found = await this.get(emailId);
      if (found) return found;
    }
    for (const reference of hints.references) {
      const ids = (await this.redis.smembers(this.keys.submission('reference', reference))).filter((id) => id !== excludingEmailId);
      if (ids.length === 1 && ids[0]) return this.get(ids[0]);
    }
    return null;
  }
}
