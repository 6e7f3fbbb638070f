import { z } from 'zod';
import type { Keys, RedisClient } from '../redis.js';
import { jsonField, parseStored } from '../stored-record.js';

export interface SentText {
  at: number;
  kind: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

const SentTextSchema = z.object({
  at: z.number(),
  kind: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
}) satisfies z.ZodType<SentText>;

// As long as a form file: these texts quote the firm's names and addresses.
const KEEP_SECONDS = 90 * 86_400;
// An activation link is a password until used: staff see that one was sent, never the link.
const ACTIVATION_LINK = /(\/activate\/)[A-Za-z0-9_-]+/g;

/**
 * What the service said to the firm and its users about one received email, word for word, for staff.
 * Owns `keys.sentTexts`.
 */
export class SentTexts {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async record(email: Omit<SentText, 'at'> & { emailId: string }): Promise<void> {
    const entry: SentText = {
      at: Date.now(),
      kind: email.kind,
      from: email.from,
      to: email.to,
      subject: email.subject,
      text: email.text.replace(ACTIVATION_LINK, '$1(link not shown)'),
    };
    const key = this.keys.sentTexts(email.emailId);
    await this.redis.pipeline().rpush(key, JSON.stringify(entry)).expire(key, KEEP_SECONDS).exec();
  }

  async list(emailId: string): Promise<SentText[]> {
    return (await this.redis.lrange(this.keys.sentTexts(emailId), 0, -1)).map((line) => parseStored(jsonField(SentTextSchema), line, 'sent text'));
  }
}
