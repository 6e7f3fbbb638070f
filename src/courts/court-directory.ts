import { z } from 'zod';
import type { Keys, RedisClient } from '../redis.js';
import { loadCourts, type Court } from './court-list.js';

/** A staff edit: the go-live date of one court (null: it already uses Common Platform). */
export const CourtEditSchema = z.object({ code: z.string().trim().min(1).max(20), goLiveDate: z.iso.date().nullable() });
export type CourtEdit = z.infer<typeof CourtEditSchema>;

const VERSION_FIELD = '__version';

/**
 * The court list shipped in courts.json with staff edits of go-live dates kept in Redis. Every process reads
 * the edits' version on each use (one small read) and reloads only when it changed, so an edit reaches the
 * workers without a restart.
 * Owns `keys.courtEdits`.
 */
export class CourtDirectory {
  private cache: { version: string; courts: readonly Court[] } | null = null;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async list(): Promise<readonly Court[]> {
    const version = (await this.redis.hget(this.keys.courtEdits, VERSION_FIELD)) ?? '0';
    if (this.cache?.version === version) return this.cache.courts;
    const edits = await this.redis.hgetall(this.keys.courtEdits);
    const courts = loadCourts().map((court) => {
      const edit = edits[court.code];
      if (edit === undefined) return court;
      const parsed = CourtEditSchema.shape.goLiveDate.safeParse(JSON.parse(edit));
      return parsed.success ? { ...court, goLiveDate: parsed.data } : court;
    });
    this.cache = { version, courts };
    return courts;
  }

  /** Applies edits to known courts in one step; returns the codes that are not on the court list. */
  async edit(edits: readonly CourtEdit[]): Promise<{ applied: number; unknown: string[] }> {
    const known = new Set(loadCourts().map((court) => court.code));
    const checked = edits.map((edit) => CourtEditSchema.parse(edit));
    const unknown = checked.filter((edit) => !known.has(edit.code)).map((edit) => edit.code);
    const valid = checked.filter((edit) => known.has(edit.code));
    if (valid.length === 0) return { applied: 0, unknown };
    const fields = Object.fromEntries(valid.map((edit) => [edit.code, JSON.stringify(edit.goLiveDate)]));
    await this.redis.multi().hset(this.keys.courtEdits, fields).hincrby(this.keys.courtEdits, VERSION_FIELD, 1).exec();
    return { applied: valid.length, unknown };
  }
}

/** One directory per Redis connection and prefix, so its cache survives between jobs. */
const directories = new WeakMap<RedisClient, Map<string, CourtDirectory>>();
export function courtDirectoryFor(redis: RedisClient, keys: Keys): CourtDirectory {
  const byPrefix = directories.get(redis) ?? new Map<string, CourtDirectory>();
  directories.set(redis, byPrefix);
  const existing = byPrefix.get(keys.courtEdits);
  if (existing) return existing;
  const directory = new CourtDirectory(redis, keys);
  byPrefix.set(keys.courtEdits, directory);
  return directory;
}
