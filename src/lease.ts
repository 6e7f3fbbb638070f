import { randomUUID } from 'node:crypto';
import { hasEnded, ownProcessIdentity, type ProcessIdentity } from './process-identity.js';
import type { RedisClient } from './redis.js';

// Renew or release only a lease this holder still owns: another holder may have taken it after expiry.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
// Take the lease from a holder known to have ended, unless someone else did first.
const TAKE_OVER = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end`;

/** The lease's value: a random id, and the process holding it so that a successor on its host can see it ended. */
function holderValue(): string {
  return JSON.stringify({ id: randomUUID(), process: ownProcessIdentity() });
}

function recordedProcess(value: string): ProcessIdentity | null {
  try {
    const parsed = JSON.parse(value) as { process?: ProcessIdentity | null };
    const recorded = parsed.process;
    return recorded && typeof recorded.pid === 'number' && typeof recorded.startTicks === 'number' ? recorded : null;
  } catch {
    return null; // a value this version did not write: wait for it to expire
  }
}

export interface LeaseEvents {
  acquired(): void | Promise<void>;
  lost(): void | Promise<void>;
}

/**
 * A lease in Redis with expiry: at most one holder at a time, taken over by a standby once the holder stops
 * renewing it (a crash, a partition). Holders renew at a third of the time to live. A holder that crashed on
 * the same host is taken over at once, without waiting for expiry: its process has certainly ended.
 * Owns the key it is given (`keys.watcherLease`).
 */
export class RedisLease {
  readonly holder = holderValue();
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
    this.timer = setInterval(
      () => {
        if (!this.ticking) this.ticking = this.tick().finally(() => (this.ticking = null));
      },
      Math.max(50, Math.floor(this.ttlMs / 3)),
    );
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
      nowHeld = this.held ? (await this.redis.eval(RENEW, 1, this.key, this.holder, String(this.ttlMs))) === 1 : await this.acquire();
    } catch {
      // Redis unreachable: the lease cannot be confirmed, so behave as if it was lost.
      nowHeld = false;
    }
    if (this.stopped || nowHeld === this.held) return;
    this.held = nowHeld;
    await (nowHeld ? this.events.acquired() : this.events.lost());
  }

  private async acquire(): Promise<boolean> {
    if ((await this.redis.set(this.key, this.holder, 'PX', this.ttlMs, 'NX')) === 'OK') return true;
    const current = await this.redis.get(this.key);
    const recorded = current === null ? null : recordedProcess(current);
    if (current === null || !recorded || !hasEnded(recorded)) return false;
    return (await this.redis.eval(TAKE_OVER, 1, this.key, current, this.holder, String(this.ttlMs))) === 1;
  }
}
