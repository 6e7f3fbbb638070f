import type { Keys, RedisClient } from '../redis.js';

export interface WatcherHeartbeat {
  connected: boolean;
  lastContactAt: number | null;
  lastPickupAt: number | null;
}

/**
 * The watcher's record of its last contact with the mailbox. Readiness is judged from it, so a watcher that
 * looks alive but has lost the mailbox shows as unhealthy instead of sitting silent.
 * Owns `keys.watcherHeartbeat`.
 */
export class WatcherHeartbeatStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async contact(connected: boolean): Promise<void> {
    await this.redis.hset(this.keys.watcherHeartbeat, { connected: connected ? '1' : '0', lastContactAt: String(Date.now()) });
  }

  async disconnected(): Promise<void> {
    await this.redis.hset(this.keys.watcherHeartbeat, 'connected', '0');
  }

  async pickedUp(): Promise<void> {
    await this.redis.hset(this.keys.watcherHeartbeat, 'lastPickupAt', String(Date.now()));
  }

  async read(): Promise<WatcherHeartbeat> {
    const hash = await this.redis.hgetall(this.keys.watcherHeartbeat);
    const time = (value: string | undefined) => (value ? Number(value) : null);
    return { connected: hash.connected === '1', lastContactAt: time(hash.lastContactAt), lastPickupAt: time(hash.lastPickupAt) };
  }
}

export function isWatcherHealthy(heartbeat: WatcherHeartbeat, staleAfterMs: number, now = Date.now()): boolean {
  return heartbeat.connected && heartbeat.lastContactAt !== null && now - heartbeat.lastContactAt <= staleAfterMs;
}
