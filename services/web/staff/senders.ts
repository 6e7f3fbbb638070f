import type { Submission } from '../../../src/submissions/submission-store.js';
import type { StaffDeps } from './deps.js';

/** The reply address of each submission's email, read in one round trip. */
export async function sendersOf(submissions: readonly Submission[], deps: Pick<StaffDeps, 'redis' | 'keys'>): Promise<Map<string, string>> {
  const emailIds = [...new Set(submissions.map((s) => s.emailId))];
  if (emailIds.length === 0) return new Map();
  const pipeline = deps.redis.pipeline();
  for (const id of emailIds) pipeline.hget(deps.keys.email(id), 'envelope');
  const answers = (await pipeline.exec()) ?? [];
  const senders = new Map<string, string>();
  answers.forEach(([, value], i) => {
    const envelope = typeof value === 'string' ? (JSON.parse(value) as { replyAddress?: string }) : null;
    if (envelope?.replyAddress && emailIds[i]) senders.set(emailIds[i], envelope.replyAddress);
  });
  return senders;
}
