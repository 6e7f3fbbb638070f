import { describe, expect, it } from 'vitest';
import { applyOverride, FAR_OFF_PRIORITY, LIVE_PRIORITY, MAX_PRIORITY, priorityFor, UNKNOWN_PRIORITY, type PriorityOverride } from './priority.js';

const now = new Date('2026-11-25T15:30:00Z');
const live = { goLiveDate: null };
const on = (goLiveDate: string) => ({ goLiveDate });

describe('priorityFor', () => {
  it('puts a firm with a live court first', () => {
    expect(priorityFor([on('2027-01-10'), live, undefined], now)).toEqual({ value: LIVE_PRIORITY, label: 'live court', overridden: false });
  });

  it('treats a go-live date already passed, or today, as live', () => {
    expect(priorityFor([on('2026-11-01')], now).label).toBe('live court');
    expect(priorityFor([on('2026-11-25')], now).value).toBe(LIVE_PRIORITY);
  });

  it('counts whole calendar days to the soonest go-live date', () => {
    const p = priorityFor([on('2027-03-01'), on('2026-12-05')], now);
    expect(p.label).toBe('goes live in 10 days');
    expect(priorityFor([on('2026-11-26')], now).label).toBe('goes live in 1 day');
  });

  it('runs sooner go-lives before later ones, and both after live courts', () => {
    const soon = priorityFor([on('2026-12-01')], now).value;
    const later = priorityFor([on('2027-06-01')], now).value;
    expect(LIVE_PRIORITY).toBeLessThan(soon);
    expect(soon).toBeLessThan(later);
    expect(later).toBeLessThan(FAR_OFF_PRIORITY);
  });

  it('puts far-off go-lives and unknown courts last', () => {
    const farOff = priorityFor([on('2028-06-01')], now);
    expect(farOff).toMatchObject({ value: FAR_OFF_PRIORITY, label: 'goes live in 554 days' });
    expect(priorityFor([undefined, null], now)).toMatchObject({ value: UNKNOWN_PRIORITY, label: 'no go-live date' });
    expect(priorityFor([], now).value).toBe(UNKNOWN_PRIORITY);
    expect(priorityFor([on('not a date')], now).value).toBe(UNKNOWN_PRIORITY);
    expect(farOff.value).toBeLessThan(UNKNOWN_PRIORITY);
  });

  it('lets one known court lift a firm whose other courts are unknown', () => {
    expect(priorityFor([undefined, on('2026-12-25')], now).label).toBe('goes live in 30 days');
  });

  it('stays within what BullMQ accepts', () => {
    for (const p of [priorityFor([live], now), priorityFor([undefined], now), priorityFor([on('2099-01-01')], now)]) {
      expect(p.value).toBeGreaterThanOrEqual(1);
      expect(p.value).toBeLessThanOrEqual(MAX_PRIORITY);
    }
  });
});

describe('applyOverride', () => {
  const base = { reason: 'Court asked us to hurry', setBy: 'staff-1', setAt: '2026-11-25T10:00:00Z' };
  const computed = priorityFor([undefined], now);

  it('keeps the computed priority when there is no override', () => {
    expect(applyOverride(computed, null)).toBe(computed);
  });

  it('moves a registration to the front, the back or an exact place', () => {
    const first: PriorityOverride = { ...base, level: 'first' };
    expect(applyOverride(computed, first)).toEqual({ value: LIVE_PRIORITY, label: 'set by staff (was no go-live date)', overridden: true });
    expect(applyOverride(priorityFor([live], now), { ...base, level: 'last' }).value).toBe(MAX_PRIORITY);
    expect(applyOverride(computed, { ...base, level: 42 }).value).toBe(42);
  });
});
