import type { Submission } from '../../../src/submissions/submission-store.js';
import type { StaffDeps } from './deps.js';

/**
 * How many of the newest submissions the dashboard reads for counts and search. At a few hundred firms a
 * year, scanning them in memory is simpler than keeping search indexes in Redis; revisit past ~10,000.
 */
export const SCAN_LIMIT = 2_000;

export async function recentSubmissions(deps: Pick<StaffDeps, 'submissions'>): Promise<{ submissions: Submission[]; total: number; scanned: number }> {
  const { total, submissions } = await deps.submissions.listNewest(0, SCAN_LIMIT);
  return { submissions, total, scanned: submissions.length };
}
