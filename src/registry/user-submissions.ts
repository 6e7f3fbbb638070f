import type { Keys, RedisClient } from '../redis.js';

/**
 * The submission that last invited each user: reminders and staff re-sends come from it.
 * Owns `keys.userSubmission`.
 */
export class UserSubmissions {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Pick<Keys, 'userSubmission'>,
  ) {}

  async set(userId: string, submissionId: string): Promise<void> {
    await this.redis.set(this.keys.userSubmission(userId), submissionId);
  }

  async get(userId: string): Promise<string | null> {
    return this.redis.get(this.keys.userSubmission(userId));
  }
}
