import type { Keys, RedisClient } from '../redis.js';
import { readBlob } from '../redis-blobs.js';
import { CorruptRecordError } from '../stored-record.js';
import { envelopeOf, toRecord, type EmailEnvelope, type EmailHandled, type EmailLocation, type EmailRecord, type Outcome } from './email-record.js';

export type { EmailEnvelope, EmailHandled, EmailLocation, EmailRecord, EmailState, Outcome } from './email-record.js';

const RAW_RETENTION_SECONDS = 30 * 24 * 3600;

// KEYS: record, time index, raw content, location. ARGV: email id, picked-up time, raw ('' for none), location
// retention (s), mailbox, UIDVALIDITY, UID, then field pairs. Returns {1 when new, the record as it stands}.
// A record holding later fields but not the pickup's (a Redis failover kept the later writes and lost the first)
// gets the missing ones back, and nothing written since is overwritten; an email already known is only moved to
// where it was found now.
const RECORD_PICKUP = `
local created = 0
if redis.call('HEXISTS', KEYS[1], 'emailId') == 0 then
  if redis.call('EXISTS', KEYS[1]) == 1 then
    for i = 8, #ARGV, 2 do redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) end
  else
    redis.call('HSET', KEYS[1], unpack(ARGV, 8))
    created = 1
  end
  redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[1])
  if ARGV[3] ~= '' then redis.call('SET', KEYS[3], ARGV[3], 'NX') end
end
if created == 0 then redis.call('HSET', KEYS[1], 'mailbox', ARGV[5], 'uidValidity', ARGV[6], 'uid', ARGV[7]) end
redis.call('SET', KEYS[4], ARGV[1], 'EX', ARGV[4])
return {created, redis.call('HGETALL', KEYS[1])}
`;

// KEYS: record, raw content. ARGV: the folder the email is in, its location ('' unknown), now, raw retention.
const RECORD_FILED = `
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'filedLocation', ARGV[2]) else redis.call('HDEL', KEYS[1], 'filedLocation') end
if redis.call('HGET', KEYS[1], 'outcomeFolder') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', 'filed', 'filedAt', ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
`;

/**
 * The ledger of every email picked up: the source of truth for exactly-once hand-off and for the dashboard.
 * Owns `keys.email`, `keys.emailRaw`, `keys.emailsByTime` and `keys.location`.
 */
export class EmailStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /**
   * Records an email found in the mailbox, its content and where it is, in one atomic step. An email already known
   * (a second pickup after a crash or reconnect, or a second copy) keeps its record: only where it is changes, and
   * fields its record lost come back. Returns the record as it stands after the step.
   */
  async recordPickup(record: Omit<EmailRecord, 'state'>, raw: Buffer | null): Promise<{ record: EmailRecord; isNew: boolean }> {
    const fields = [
      'emailId',
      record.emailId,
      'messageId',
      record.messageId,
      'mailbox',
      record.mailbox,
      'uidValidity',
      record.uidValidity,
      'uid',
      String(record.uid),
      'size',
      String(record.size),
      'noticedAt',
      String(record.noticedAt),
      'pickedUpAt',
      String(record.pickedUpAt),
      'state',
      'queued',
    ];
    const keys = [
      this.keys.email(record.emailId),
      this.keys.emailsByTime,
      this.keys.emailRaw(record.emailId),
      this.keys.location(record.mailbox, record.uidValidity, record.uid),
    ];
    const [created, flat] = (await this.redis.eval(
      RECORD_PICKUP,
      keys.length,
      ...keys,
      record.emailId,
      String(record.pickedUpAt),
      raw ?? '',
      String(RAW_RETENTION_SECONDS),
      record.mailbox,
      record.uidValidity,
      String(record.uid),
      ...fields,
    )) as [number, string[]];
    const stored = toRecord(pairsToHash(flat));
    if (!stored) throw new Error(`Record of email ${record.emailId} missing after pickup`);
    return { record: stored, isNew: created === 1 };
  }

  /** The email's record; null when there is none, a CorruptRecordError when it cannot be read. */
  async get(emailId: string): Promise<EmailRecord | null> {
    return toRecord(await this.redis.hgetall(this.keys.email(emailId)));
  }

  /** For lists: an unreadable record is left out rather than hiding every other email. */
  private async listed(emailId: string): Promise<EmailRecord | null> {
    return this.get(emailId).catch((error: unknown) => {
      if (error instanceof CorruptRecordError) return null;
      throw error;
    });
  }

  /** Emails picked up at or after `since` (ms), oldest first. */
  async listSince(since: number, limit = 1_000): Promise<EmailRecord[]> {
    const ids = await this.listIdsSince(since, limit);
    const records = await Promise.all(ids.map((id) => this.listed(id)));
    return records.filter((record): record is EmailRecord => record !== null);
  }

  /** The ids alone, oldest first: one command however many emails. */
  async listIdsSince(since: number, limit = 1_000): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.emailsByTime, since, '+inf', 'LIMIT', 0, limit);
  }

  /** The newest emails picked up, newest first. */
  async listNewest(limit: number): Promise<EmailRecord[]> {
    const ids = await this.redis.zrevrange(this.keys.emailsByTime, 0, limit - 1);
    const records = await Promise.all(ids.map((id) => this.listed(id)));
    return records.filter((record): record is EmailRecord => record !== null);
  }

  /** How many emails were picked up at or after `since` (ms); every email ever, without it. */
  async count(since = Number.NEGATIVE_INFINITY): Promise<number> {
    return this.redis.zcount(this.keys.emailsByTime, Number.isFinite(since) ? since : '-inf', '+inf');
  }

  /** The reply address of each email that has one, read in one round trip. */
  async replyAddresses(emailIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (emailIds.length === 0) return found;
    const pipeline = this.redis.pipeline();
    for (const id of emailIds) pipeline.hget(this.keys.email(id), 'envelope');
    const answers = (await pipeline.exec()) ?? [];
    answers.forEach(([, value], i) => {
      const address = typeof value === 'string' ? envelopeOf(value)?.replyAddress : undefined;
      if (address && emailIds[i]) found.set(emailIds[i], address);
    });
    return found;
  }

  async recordHandled(emailId: string, handled: EmailHandled): Promise<void> {
    await this.redis.hset(this.keys.email(emailId), 'handled', JSON.stringify(handled));
  }

  /** Staff asked for the email to be read again: intake starts over, and the handled mark goes. */
  async requeue(emailId: string): Promise<void> {
    await this.redis.multi().hset(this.keys.email(emailId), 'state', 'queued').hdel(this.keys.email(emailId), 'handled').exec();
  }

  async getRaw(emailId: string): Promise<Buffer | null> {
    return readBlob(this.redis, this.keys.emailRaw(emailId));
  }

  async recordEnvelope(emailId: string, envelope: EmailEnvelope): Promise<void> {
    await this.redis.hset(this.keys.email(emailId), 'envelope', JSON.stringify(envelope));
  }

  async markInProgress(emailId: string): Promise<void> {
    await this.redis.hset(this.keys.email(emailId), 'state', 'in-progress');
  }

  async recordBounce(emailId: string, bounce: { status: string | null; action: string | null }): Promise<void> {
    const record = await this.get(emailId);
    if (!record) return;
    const bounces = [...(record.bounces ?? []), { at: Date.now(), ...bounce }];
    await this.redis.hset(this.keys.email(emailId), 'bounces', JSON.stringify(bounces));
  }

  async recordOutcome(emailId: string, decision: { outcome: Outcome; folder: string; reason: string; replyKind?: string }): Promise<number> {
    const decidedAt = Date.now();
    await this.redis.hset(this.keys.email(emailId), {
      state: decision.outcome === 'review' ? 'review' : 'replied',
      outcome: decision.outcome,
      outcomeFolder: decision.folder,
      outcomeReason: decision.reason,
      ...(decision.replyKind ? { replyKind: decision.replyKind } : {}),
      decidedAt: String(decidedAt),
    });
    return decidedAt;
  }

  /**
   * Records where the email now is (null: the server did not say) and, when that is the folder its outcome
   * names, that it is filed. Checked and written at once, so an outcome staff change meanwhile is never
   * recorded as filed in the old folder. Returns whether it was filed.
   */
  async recordFiled(emailId: string, location: EmailLocation | null, folder: string): Promise<boolean> {
    const keys = [this.keys.email(emailId), this.keys.emailRaw(emailId)];
    const filed = await this.redis.eval(
      RECORD_FILED,
      keys.length,
      ...keys,
      folder,
      location ? JSON.stringify(location) : '',
      String(Date.now()),
      String(RAW_RETENTION_SECONDS),
    );
    return filed === 1;
  }

  /** Which email (if any) a mailbox UID was recognised as, so a rescan does not download it again. */
  async emailAt(location: EmailLocation): Promise<string | null> {
    return this.redis.get(this.keys.location(location.mailbox, location.uidValidity, location.uid));
  }
}

/** HGETALL's reply as Lua returns it (field, value, field, value…) as the object ioredis makes of it. */
function pairsToHash(flat: string[]): Record<string, string> {
  const hash: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) hash[flat[index]!] = flat[index + 1]!;
  return hash;
}
