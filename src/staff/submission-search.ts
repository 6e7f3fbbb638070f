import { z } from 'zod';
import { LIVE_PRIORITY, UNKNOWN_PRIORITY } from '../priority/priority.js';
import type { Submission } from '../submissions/submission-store.js';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const isoDay = z.preprocess(blankToUndefined, z.iso.date().optional());

export const SubmissionQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  state: z.preprocess(blankToUndefined, z.enum(['received', 'rejected', 'review', 'queued-for-setup', 'accepted', 'attention']).optional()),
  court: z.preprocess(blankToUndefined, z.string().trim().max(20).optional()),
  priority: z.preprocess(blankToUndefined, z.enum(['live', 'scheduled', 'none', 'staff']).optional()),
  from: isoDay,
  to: isoDay,
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type SubmissionQuery = z.infer<typeof SubmissionQuerySchema>;

export const PAGE_SIZE = 25;

function priorityBand(submission: Submission): SubmissionQuery['priority'] {
  const priority = submission.priority;
  if (!priority) return 'none';
  if (priority.label.startsWith('set by staff')) return 'staff';
  if (priority.value === LIVE_PRIORITY) return 'live';
  if (priority.value >= UNKNOWN_PRIORITY) return 'none';
  return 'scheduled';
}

/** Everything a search term may match: reference, firm, sender and every email address on the form. */
function haystack(submission: Submission, sender: string | undefined): string {
  const registration = submission.registration;
  const parts = [submission.reference, submission.filename, sender ?? ''];
  if (registration) {
    parts.push(registration.organisation.name, registration.administrator.email, ...registration.users.map((user) => user.email));
  }
  return parts.join('\n').toLowerCase();
}

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Filters submissions (newest first) as staff asked; `senders` maps an email id to its sender's address. */
export function searchSubmissions(submissions: readonly Submission[], query: SubmissionQuery, senders: ReadonlyMap<string, string>) {
  const term = query.q?.toLowerCase();
  const matches = submissions.filter((s) => {
    if (query.state === 'attention' ? s.attention.length === 0 : query.state && s.state !== query.state) return false;
    if (query.court && !s.registration?.courts.includes(query.court)) return false;
    if (query.priority && priorityBand(s) !== query.priority) return false;
    if (query.from && s.createdAt < dayStart(query.from)) return false;
    if (query.to && s.createdAt >= dayStart(query.to) + 86_400_000) return false;
    return !term || haystack(s, senders.get(s.emailId)).includes(term);
  });
  const pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return { total: matches.length, page, pages, items: matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) };
}
