import type { Keys, RedisClient } from '../redis.js';
import { PriorityOverrideSchema, type PriorityOverride } from './priority.js';

// Overrides outlive the job they were set for, so the dashboard can still show who moved it and why.
const RETENTION_SECONDS = 400 * 24 * 3600;

/**
 * Staff overrides of a submission's place in the queue. The worker reads one before queueing the set-up job;
 * to move a job already waiting, the caller also applies the new value with BullMQ's `job.changePriority`.
 * Owns `keys.priorityOverride`.
 */
export class PriorityOverrides {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async set(submissionId: string, override: PriorityOverride): Promise<void> {
    const checked = PriorityOverrideSchema.parse(override);
    await this.redis.set(this.keys.priorityOverride(submissionId), JSON.stringify(checked), 'EX', RETENTION_SECONDS);
  }

  async clear(submissionId: string): Promise<void> {
    await this.redis.del(this.keys.priorityOverride(submissionId));
  }

  /** The override for a submission; one that no longer fits the schema counts as none. */
  async get(submissionId: string): Promise<PriorityOverride | null> {
    const stored = await this.redis.get(this.keys.priorityOverride(submissionId));
    if (!stored) return null;
    const parsed = PriorityOverrideSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  }
}
