import type { Submission } from '../../../src/submissions/submission-store.js';
import type { StaffDeps } from './deps.js';

/** The reply address of each submission's email, read in one round trip. */
export async function sendersOf(submissions: readonly Submission[], deps: Pick<StaffDeps, 'emails'>): Promise<Map<string, string>> {
  return deps.emails.replyAddresses([...new Set(submissions.map((s) => s.emailId))]);
}
