import type { Keys, RedisClient } from '../../redis.js';

/**
 * What staff cleared that lives outside the service's records: a failed job dismissed (kept in BullMQ as history)
 * and an expired activation for which a new link was asked. Each is keyed to the moment it refers to, so a job
 * that fails again, or a link that expires again, comes back.
 * Owns `keys.staff('dismissed-jobs')` and `keys.staff('activation-resent')`.
 */
export class AttentionMarks {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  private jobField = (queue: string, jobId: string, failedAt: number) => `${queue}:${jobId}:${failedAt}`;

  async dismissJob(queue: string, jobId: string, failedAt: number): Promise<void> {
    await this.redis.hset(this.keys.staff('dismissed-jobs'), this.jobField(queue, jobId, failedAt), String(Date.now()));
  }

  async dismissedJobs(): Promise<Set<string>> {
    return new Set(await this.redis.hkeys(this.keys.staff('dismissed-jobs')));
  }

  isDismissed(dismissed: ReadonlySet<string>, queue: string, jobId: string, failedAt: number): boolean {
    return dismissed.has(this.jobField(queue, jobId, failedAt));
  }

  async activationResent(userId: string): Promise<void> {
    await this.redis.hset(this.keys.staff('activation-resent'), userId, String(Date.now()));
  }

  /** When staff last asked for a new link for each user. */
  async resentActivations(): Promise<Map<string, number>> {
    const all = await this.redis.hgetall(this.keys.staff('activation-resent'));
    return new Map(Object.entries(all).map(([userId, at]) => [userId, Number(at)]));
  }
}
