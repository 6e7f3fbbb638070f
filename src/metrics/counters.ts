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

/**
 * Service-wide counters in one Redis hash, so whichever process Prometheus scrapes reports the totals of
 * every watcher, worker and web process. Counting never fails the work it counts.
 * Owns `keys.metrics`.
 */
export class MetricsCounters {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  private async add(increments: Array<[string, number]>): Promise<void> {
    if (increments.length === 0) return;
    // One counter (an email sent, the commonest) needs no transaction around it.
    if (increments.length === 1 && Number.isInteger(increments[0]![1])) {
      await this.redis.hincrby(this.keys.metrics, increments[0]![0], increments[0]![1]).catch(() => undefined);
      return;
    }
    // A pipeline, not a transaction: each increment stands alone, and a scrape that sees a job counted before its
    // seconds is corrected by the next one. MULTI and EXEC would add two commands to every job.
    const pipeline = this.redis.pipeline();
    for (const [field, by] of increments) {
      if (Number.isInteger(by)) pipeline.hincrby(this.keys.metrics, field, by);
      else pipeline.hincrbyfloat(this.keys.metrics, field, by);
    }
    await pipeline.exec().catch(() => undefined);
  }

  async jobFinished(queue: string, seconds: number, result: string): Promise<void> {
    await this.add([
      [fieldFor('jobs', { queue, result }), 1],
      [fieldFor('job_seconds_sum', { queue }), seconds],
      [fieldFor('job_seconds_count', { queue }), 1],
    ]);
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

  async read(): Promise<Array<CounterKey & { value: number }>> {
    const hash = await this.redis.hgetall(this.keys.metrics);
    return Object.entries(hash).map(([field, value]) => ({ ...parseField(field), value: Number(value) }));
  }
}
