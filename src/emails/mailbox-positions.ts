import { z } from 'zod';
import type { Keys, RedisClient } from '../redis.js';

/** How far the watcher has read a mailbox: its UIDVALIDITY and the highest UID already picked up. */
export interface MailboxPosition {
  uidValidity: string;
  lastUid: number;
}

const MailboxPositionSchema = z.object({ uidValidity: z.string().min(1), lastUid: z.coerce.number().int().nonnegative().default(0) });

/**
 * One hash per mailbox; a missing or unreadable one means "read everything again", which pickup makes harmless.
 * Owns `keys.mailboxState`.
 */
export class MailboxPositions {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Pick<Keys, 'mailboxState'>,
  ) {}

  async read(mailbox: string): Promise<MailboxPosition | null> {
    const parsed = MailboxPositionSchema.safeParse(await this.redis.hgetall(this.keys.mailboxState(mailbox)));
    return parsed.success ? parsed.data : null;
  }

  async write(mailbox: string, position: MailboxPosition): Promise<void> {
    await this.redis.hset(this.keys.mailboxState(mailbox), { uidValidity: position.uidValidity, lastUid: String(position.lastUid) });
  }
}
