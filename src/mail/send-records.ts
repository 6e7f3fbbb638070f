import { createHash } from 'node:crypto';
import type { Keys, RedisClient } from '../redis.js';

/** An email's identity for its send record: one record per (submission, kind, recipient). */
export type SendIdentity = { emailId: string; kind: string; to: string };

/**
 * Where a send got to: `sending:<ms>:<attempt>` until the server answers DATA, `data:<ms>:<attempt>` from then on,
 * `sent:<ms>` once accepted. A bare `sending:<ms>` comes from before the stage was recorded and may have reached DATA.
 */
export type SendStage = 'none' | 'before-data' | 'uncertain' | 'sent';

export function stageOf(record: string | null): SendStage {
  if (record === null) return 'none';
  if (record.startsWith('sent:')) return 'sent';
  return /^sending:\d+:/.test(record) ? 'before-data' : 'uncertain';
}

const SENT_RETENTION_SECONDS = 400 * 24 * 3600;

// Compare and set (or delete, when the new value is empty): only the attempt holding the record moves it on.
// Already at the new value counts as done: ioredis sends a script again when a failover cut its answer off.
const SWAP = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[2] or (current == false and ARGV[2] == '') then return 1 end
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) end
return 1
`;

export function sentKeyFor(keys: Pick<Keys, 'sent'>, email: SendIdentity): string {
  const recipientKey = createHash('sha256').update(email.to.toLowerCase()).digest('hex').slice(0, 16);
  return keys.sent(email.emailId, email.kind, recipientKey);
}

/**
 * The send record of every email, kept 400 days so that no retry or re-run sends one twice. The protocol (who may
 * move a record on, and when) is sendOnce's; this keeps the records. Owns `keys.sent`.
 */
export class SendRecords {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Pick<Keys, 'sent'>,
  ) {}

  keyFor(email: SendIdentity): string {
    return sentKeyFor(this.keys, email);
  }

  read(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  /** Starts a record where there is none; false when another attempt made one first. */
  async create(key: string, value: string): Promise<boolean> {
    return (await this.redis.set(key, value, 'EX', SENT_RETENTION_SECONDS, 'NX')) === 'OK';
  }

  /** Moves the record from `from` to `to` (an empty `to` removes it); false when it no longer holds `from`. */
  async swap(key: string, from: string, to: string): Promise<boolean> {
    return (await this.redis.eval(SWAP, 1, key, from, to, String(SENT_RETENTION_SECONDS))) === 1;
  }

  async markSent(key: string): Promise<void> {
    await this.redis.set(key, `sent:${Date.now()}`, 'EX', SENT_RETENTION_SECONDS);
  }

  /** Redis WAIT on this connection, which made the writes: how many replicas hold them within `timeoutMs`. */
  replicated(replicas: number, timeoutMs: number): Promise<number> {
    return this.redis.wait(replicas, timeoutMs);
  }

  /**
   * `sent`, `uncertain` (the process died after the server answered DATA: never repeated automatically) or null
   * (never tried, or stopped before DATA: the next send goes ahead).
   */
  async state(email: SendIdentity): Promise<'sent' | 'uncertain' | null> {
    const stage = stageOf(await this.read(this.keyFor(email)));
    return stage === 'sent' || stage === 'uncertain' ? stage : null;
  }
}
