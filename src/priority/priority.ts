import { z } from 'zod';

/** A court as the priority needs it: `goLiveDate` null means it already uses Common Platform. */
export interface CourtGoLive {
  goLiveDate: string | null;
}

export interface Priority {
  /** BullMQ priority: 1 runs first, larger runs later. */
  value: number;
  label: string;
  overridden: boolean;
}

/** BullMQ refuses priorities above 2^21. */
export const MAX_PRIORITY = 2 ** 21;
export const LIVE_PRIORITY = 1;
// Scheduled courts sit between live ones and the rest, one step per day, so nearer go-lives run first.
const SCHEDULED_BASE = 10;
export const FAR_OFF_DAYS = 365;
export const FAR_OFF_PRIORITY = SCHEDULED_BASE + FAR_OFF_DAYS + 100;
export const UNKNOWN_PRIORITY = FAR_OFF_PRIORITY + 1;

const DAY_MS = 24 * 60 * 60 * 1000;

function daysUntil(isoDate: string, now: Date): number | null {
  const target = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(target)) return null;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((target - today) / DAY_MS);
}

function forCourt(court: CourtGoLive | null | undefined, now: Date): Omit<Priority, 'overridden'> {
  if (!court) return { value: UNKNOWN_PRIORITY, label: 'no go-live date' };
  if (court.goLiveDate === null) return { value: LIVE_PRIORITY, label: 'live court' };
  const days = daysUntil(court.goLiveDate, now);
  if (days === null) return { value: UNKNOWN_PRIORITY, label: 'no go-live date' };
  // A go-live date that has passed but not yet been cleared from the court list is a live court.
  if (days <= 0) return { value: LIVE_PRIORITY, label: 'live court' };
  const label = days === 1 ? 'goes live in 1 day' : `goes live in ${days} days`;
  if (days > FAR_OFF_DAYS) return { value: FAR_OFF_PRIORITY, label };
  return { value: SCHEDULED_BASE + days, label };
}

/**
 * The priority of a firm's registration from the courts it named: the court that goes live soonest decides.
 * Pass `undefined` (what `Array.find` gives) for a court that is not on the court list.
 */
export function priorityFor(courts: ReadonlyArray<CourtGoLive | null | undefined>, now: Date): Priority {
  let best: Omit<Priority, 'overridden'> = { value: UNKNOWN_PRIORITY, label: 'no go-live date' };
  for (const court of courts) {
    const candidate = forCourt(court, now);
    if (candidate.value < best.value) best = candidate;
  }
  return { ...best, overridden: false };
}

/** Staff can move a registration to the front, to the back, or to an exact place in the queue. */
export const PriorityOverrideSchema = z.object({
  level: z.union([z.enum(['first', 'last']), z.number().int().min(1).max(MAX_PRIORITY)]),
  reason: z.string().trim().min(1).max(500),
  setBy: z.string().min(1),
  setAt: z.iso.datetime(),
});
export type PriorityOverride = z.infer<typeof PriorityOverrideSchema>;

/** The priority to queue with: a staff override wins over the one the courts give. */
export function applyOverride(computed: Priority, override: PriorityOverride | null | undefined): Priority {
  if (!override) return computed;
  const value = override.level === 'first' ? LIVE_PRIORITY : override.level === 'last' ? MAX_PRIORITY : override.level;
  return { value, label: `set by staff (was ${computed.label})`, overridden: true };
}
