import { z } from 'zod';
import { normaliseKey, similarity } from '../form/text.js';
// Imported rather than read from disk so that a build copies the data along with the code.
import courtData from './courts.json' with { type: 'json' };

export const CourtSchema = z.object({
  name: z.string().min(1),
  code: z.string().min(1),
  type: z.enum(['crown', 'magistrates']),
  region: z.string().min(1),
  /** ISO date the court starts using Common Platform; null when it already does. */
  goLiveDate: z.iso.date().nullable(),
});
export type Court = z.infer<typeof CourtSchema>;

let cached: readonly Court[] | null = null;

/** The courts of England and Wales that use or will use Common Platform, checked once on first use. */
export function loadCourts(): readonly Court[] {
  cached ??= z.array(CourtSchema).parse(courtData);
  return cached;
}

export type CourtMatch = { kind: 'found'; court: Court } | { kind: 'ambiguous'; candidates: Court[] } | { kind: 'unknown'; suggestions: Court[] };

// People write "Mags", "Magistrates Court", "Crown Ct" or leave "Court" off: compare without those words.
function shortKey(value: string): string {
  return normaliseKey(value)
    .replace(/\b(mags|mc)\b/g, 'magistrates')
    .replace(/\bcc\b/g, 'crown')
    .replace(/\bmagistrate\b/g, 'magistrates')
    .replace(/\b(the|court|courts|ct|s)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const placeKey = (value: string): string =>
  shortKey(value)
    .replace(/\b(crown|magistrates)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const keysByList = new WeakMap<readonly Court[], { short: string[]; place: string[] }>();

/** Each court's name keys, made once per list: a form names its courts, and every name is compared with every court. */
function courtKeys(courts: readonly Court[]): { short: string[]; place: string[] } {
  let keys = keysByList.get(courts);
  if (!keys) {
    keys = { short: courts.map((court) => shortKey(court.name)), place: courts.map((court) => placeKey(court.name)) };
    keysByList.set(courts, keys);
  }
  return keys;
}

/** Matches a court by name, short name, code or (when only one court has it) place; else "did you mean". */
export function matchCourt(input: string, courts: readonly Court[] = loadCourts()): CourtMatch {
  const key = shortKey(input);
  const code = input.trim().toUpperCase();
  const { short, place } = courtKeys(courts);
  const exact = courts.find((c, n) => c.code.toUpperCase() === code || short[n] === key);
  if (exact) return { kind: 'found', court: exact };
  const byPlace = courts.filter((_, n) => place[n] === key);
  if (byPlace.length === 1 && byPlace[0]) return { kind: 'found', court: byPlace[0] };
  if (byPlace.length > 1) return { kind: 'ambiguous', candidates: byPlace };
  const scored = courts
    .map((court, n) => ({ court, score: Math.max(similarity(key, short[n]!), similarity(key, place[n]!)) }))
    .filter((s) => s.score >= 0.7)
    .sort((a, b) => b.score - a.score);
  return { kind: 'unknown', suggestions: scored.slice(0, 2).map((s) => s.court) };
}
