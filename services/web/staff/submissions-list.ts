import type { FastifyInstance } from 'fastify';
import { searchSubmissions, SubmissionQuerySchema } from '../../../src/staff/submission-search.js';
import type { StaffDeps } from './deps.js';
import { pagination } from './pagination.js';
import { page } from './render.js';
import { recentSubmissions } from './recent-submissions.js';
import { sendersOf } from './senders.js';

export function registerSubmissionsList(app: FastifyInstance, deps: StaffDeps): void {
  app.get('/staff/submissions', { config: { role: 'viewer' } }, async (request, reply) => {
    const query = SubmissionQuerySchema.safeParse(request.query);
    const filters = query.success ? query.data : SubmissionQuerySchema.parse({});
    const { submissions, total, scanned } = await recentSubmissions(deps);
    const senders = filters.q ? await sendersOf(submissions, deps) : new Map<string, string>();
    const result = searchSubmissions(submissions, filters, senders);
    // A form whose answers could not be read is named by who sent it, never by its file name.
    const shownSenders = filters.q ? senders : await sendersOf(result.items, deps);
    return page(request, reply, 'submissions', {
      title: 'Submissions',
      filters,
      invalid: !query.success,
      result,
      senders: Object.fromEntries(shownSenders),
      courts: await deps.courts.list(),
      scannedAll: scanned >= total,
      scanned,
      pagination: pagination('/staff/submissions', filters, result),
    });
  });
}
