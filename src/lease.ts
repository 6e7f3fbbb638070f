import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis.js';

// Renew or release only a lease this holder still owns: another holder may have taken it after expiry.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface LeaseEvents {
  acquired(): void | Promise<void>;
  lost(): void | Promise<void>;
}

/**
 * A lease in Redis with expiry: at most one holder at a time, taken over by a standby once the holder stops
 * renewing it (a crash, a partition). Holders renew at a third of the time to live.
 */
export class RedisLease {
  readonly holder = randomUUID();
  private held = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly ttlMs: number,
    private readonly events: LeaseEvents,
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
    this.timer = setInterval(() => {
      if (!this.ticking) this.ticking = this.tick().finally(() => (this.ticking = null));
    }, Math.max(50, Math.floor(this.ttlMs / 3)));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    if (this.held) {
      this.held = false;
      await this.redis.eval(RELEASE, 1, this.key, this.holder).catch(() => undefined);
    }
  }

  private async tick(): Promise<void> {
    let nowHeld: boolean;
    try {
      nowHeld = this.held
        ? (await this.redis.eval(RENEW, 1, this.key, this.holder, String(this.ttlMs))) === 1
        : (await this.redis.set(this.key, this.holder, 'PX', this.ttlMs, 'NX')) === 'OK';
    } catch {
      // Redis unreachable: the lease cannot be confirmed, so behave as if it was lost.
      nowHeld = false;
    }
    if (this.stopped || nowHeld === this.held) return;
    this.held = nowHeld;
    await (nowHeld ? this.events.acquired() : this.events.lost());
  }
}
