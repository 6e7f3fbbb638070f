import { describe, expect, it } from 'vitest';
import { isWatcherHealthy } from './watcher-heartbeat.js';

describe('isWatcherHealthy', () => {
  const now = 1_000_000;

  it('is healthy when connected and in recent contact', () => {
    expect(isWatcherHealthy({ connected: true, lastContactAt: now - 5_000, lastPickupAt: null }, 60_000, now)).toBe(true);
  });

  it('is unhealthy when it looks connected but has been silent too long (a hung connection)', () => {
    expect(isWatcherHealthy({ connected: true, lastContactAt: now - 61_000, lastPickupAt: now - 1_000 }, 60_000, now)).toBe(false);
  });

  it('is unhealthy when disconnected or never in contact', () => {
    expect(isWatcherHealthy({ connected: false, lastContactAt: now, lastPickupAt: null }, 60_000, now)).toBe(false);
    expect(isWatcherHealthy({ connected: true, lastContactAt: null, lastPickupAt: null }, 60_000, now)).toBe(false);
  });
});
