import type { Finding } from '../form/index.js';
import type { Keys, RedisClient } from '../redis.js';

/** A counter's name and labels, as one field of the Redis hash: `name|label=value|…`. */
export type CounterKey = { name: string; labels: Record<string, string> };

const clean = (value: string) => value.replace(/[|=\n]/g, '_').slice(0, 80);

export function fieldFor(name: string, labels: Record<string, string> = {}): string {
  return [name, ...Object.entries(labels).map(([key, value]) => `${key}=${clean(value)}`)].join('|');
}

export function parseField(field: string): CounterKey {
  const [name = '', ...pairs] = field.split('|');
  return { name, labels: Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])) };
}

/** An email kind without the parts that make each one unique: its form number, re-send or reminder round. */
export function baseKind(kind: string): string {
  return kind.replace(/-(resend-\d+|r\d+|\d+)$/, '');
}

// Counts gathered in a process go to Redis together this long after the first of them: a burst's jobs, emails and
// findings then cost one pipeline every quarter second instead of a round trip each. What a crash loses is a
// quarter second of counting, never the work counted; shutdown writes what is pending.
const FLUSH_AFTER_MS = 250;

/**
 * Service-wide counters in one Redis hash, so whichever process Prometheus scrapes reports the totals of
 * every watcher, worker and web process. Counting never fails the work it counts.
 * Owns `keys.metrics`.
 */
export class MetricsCounters {
  private whole = new Map<string, number>();
  private fractional = new Map<string, number>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly flushAfterMs = FLUSH_AFTER_MS,
  ) {}

  /** `fractional`: a sum of seconds, kept with HINCRBYFLOAT; other counters count whole things. */
  private add(increments: Array<[string, number]>, fractional = false): Promise<void> {
    const pending = fractional ? this.fractional : this.whole;
    for (const [field, by] of increments) pending.set(field, (pending.get(field) ?? 0) + by);
    this.flushTimer ??= setTimeout(() => void this.flush(), this.flushAfterMs).unref();
    return Promise.resolve();
  }

  /** Writes the counts gathered so far in one pipeline; shutdown calls it so that none are left behind. */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.whole.size === 0 && this.fractional.size === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [field, by] of this.whole) pipeline.hincrby(this.keys.metrics, field, by);
    for (const [field, by] of this.fractional) pipeline.hincrbyfloat(this.keys.metrics, field, by);
    this.whole = new Map();
    this.fractional = new Map();
    await pipeline.exec().catch(() => undefined);
  }

  async jobFinished(queue: string, seconds: number, result: string): Promise<void> {
    await this.add([
      [fieldFor('jobs', { queue, result }), 1],
      [fieldFor('job_seconds_count', { queue }), 1],
    ]);
    await this.add([[fieldFor('job_seconds_sum', { queue }), seconds]], true);
  }

  async emailSent(kind: string): Promise<void> {
    await this.add([[fieldFor('emails_sent', { kind: baseKind(kind) }), 1]]);
  }

  async findings(findings: readonly Finding[]): Promise<void> {
    await this.add(findings.map((f) => [fieldFor('findings', { code: f.code, severity: f.severity }), 1]));
  }

  /** A refused or failed login, by where it failed (token, imap, smtp) and which login it was. */
  async authFailure(stage: string, connection: string): Promise<void> {
    await this.add([[fieldFor('auth_failures', { stage, connection }), 1]]);
  }

  async activated(): Promise<void> {
    await this.add([[fieldFor('activations'), 1]]);
  }

  /** Every process's counts, this one's pending ones included. */
  async read(): Promise<Array<CounterKey & { value: number }>> {
    await this.flush();
    const hash = await this.redis.hgetall(this.keys.metrics);
    return Object.entries(hash).map(([field, value]) => ({ ...parseField(field), value: Number(value) }));
  }
}
