import type { FastifyInstance } from 'fastify';
import { searchSubmissions, SubmissionQuerySchema } from '../../../src/staff/submission-search.js';
import type { StaffDeps } from './deps.js';
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
    const params = new URLSearchParams(Object.entries(filters).filter(([key, value]) => key !== 'page' && value !== undefined).map(([key, value]): [string, string] => [key, String(value)]));
    const link = (n: number) => `/staff/submissions?${new URLSearchParams([...params, ['page', String(n)] as [string, string]])}`;
    return page(request, reply, 'submissions', {
      title: 'Submissions',
      filters,
      invalid: !query.success,
      result,
      senders: Object.fromEntries(shownSenders),
      courts: await deps.courts.list(),
      scannedAll: scanned >= total,
      scanned,
      pagination: {
        previous: result.page > 1 ? { href: link(result.page - 1) } : undefined,
        next: result.page < result.pages ? { href: link(result.page + 1) } : undefined,
        items: Array.from({ length: result.pages }, (_, i) => ({ number: i + 1, href: link(i + 1), current: i + 1 === result.page })).slice(0, 50),
      },
    });
  });
}
