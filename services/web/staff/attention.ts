import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dismissFailedJob, markEmailHandled, reprocessEmail, resendExpiredActivation, retryFailedJob } from '../../../src/staff/attention-actions.js';
import type { ActionResult } from '../../../src/staff/submission-actions.js';
import { actorOf } from './actor.js';
import type { StaffDeps } from './deps.js';
import { needsAttention } from './needs-attention.js';
import { page } from './render.js';

const EMAIL_ID = /^[a-f0-9]{32}$/;
const EmailActionSchema = z.object({ action: z.enum(['handled', 'replied-by-hand', 'reprocess']), note: z.string().max(1000).default('') });
const JobActionSchema = z.object({ action: z.enum(['retry', 'dismiss']), note: z.string().max(1000).default('') });

const message = (query: unknown, name: 'done' | 'problem') => {
  const value = (query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.slice(0, 300) : null;
};

/**
 * One list of everything waiting on a person, oldest first, each with what resolves it. Every action is a form
 * POST that returns here saying what happened; a cleared item is gone from the list because its record changed.
 */
export function registerAttention(app: FastifyInstance, deps: StaffDeps): void {
  app.get('/staff/attention', { config: { role: 'viewer' } }, async (request, reply) => {
    const items = await needsAttention(deps);
    return page(request, reply, 'attention', {
      title: 'Needs attention',
      items,
      done: message(request.query, 'done'),
      problem: message(request.query, 'problem'),
    });
  });

  const back = (result: ActionResult) => `/staff/attention?${result.ok ? 'done' : 'problem'}=${encodeURIComponent(result.message)}`;
  const notUnderstood: ActionResult = { ok: false, message: 'That action was not understood' };

  app.post<{ Params: { id: string } }>('/staff/attention/emails/:id', { config: { role: 'caseworker' } }, async (request, reply) => {
    const parsed = EmailActionSchema.safeParse(request.body);
    const { id } = request.params;
    let result: ActionResult = notUnderstood;
    if (parsed.success && EMAIL_ID.test(id)) {
      const { action, note } = parsed.data;
      result = action === 'reprocess' ? await reprocessEmail(id, actorOf(request), deps) : await markEmailHandled(id, action, note, actorOf(request), deps);
    }
    return reply.redirect(back(result), 303);
  });

  app.post<{ Params: { queue: string; id: string } }>('/staff/attention/jobs/:queue/:id', { config: { role: 'caseworker' } }, async (request, reply) => {
    const parsed = JobActionSchema.safeParse(request.body);
    const { queue, id } = request.params;
    let result: ActionResult = notUnderstood;
    if (parsed.success) {
      result =
        parsed.data.action === 'retry'
          ? await retryFailedJob(queue, id, actorOf(request), deps)
          : await dismissFailedJob(queue, id, parsed.data.note, actorOf(request), deps);
    }
    return reply.redirect(back(result), 303);
  });

  app.post<{ Params: { id: string } }>('/staff/attention/users/:id/resend', { config: { role: 'caseworker' } }, async (request, reply) => {
    const result = /^usr_[a-f0-9]{32}$/.test(request.params.id) ? await resendExpiredActivation(request.params.id, actorOf(request), deps) : notUnderstood;
    return reply.redirect(back(result), 303);
  });
}
