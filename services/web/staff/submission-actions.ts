import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MAX_PRIORITY } from '../../../src/priority/priority.js';
import {
  acceptDespiteWarnings,
  changePriority,
  markLookedAt,
  rejectWithNote,
  resendActivation,
  retry,
  type ActionResult,
} from '../../../src/staff/submission-actions.js';
import { actorOf } from './actor.js';
import type { StaffDeps } from './deps.js';
import { showProblem } from './error-pages.js';
import { SUBMISSION_ID } from './submission-page.js';

const ActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('retry') }),
  z.object({ action: z.literal('accept'), note: z.string().max(1000).default('') }),
  z.object({ action: z.literal('reject'), note: z.string().max(1000).default('') }),
  z.object({
    action: z.literal('priority'),
    level: z.union([z.enum(['first', 'last']), z.coerce.number().int().min(1).max(MAX_PRIORITY)]),
    reason: z.string().max(500).default(''),
  }),
  z.object({ action: z.literal('resend'), userId: z.string().min(1).max(100) }),
  z.object({ action: z.literal('looked-at'), note: z.string().max(1000).default('') }),
]);

/** Actions can be taken from the needs-attention list too; they return there. */
const BackSchema = z.object({ back: z.literal('attention').optional() }).catch({});

/**
 * Every action is a plain form POST (CSRF-checked by the scope) that redirects back to the submission with
 * what happened, so the page works without JavaScript and a refresh never repeats an action.
 */
export function registerSubmissionActions(app: FastifyInstance, deps: StaffDeps): void {
  app.post<{ Params: { id: string } }>('/staff/submissions/:id/actions', { config: { role: 'caseworker' } }, async (request, reply) => {
    const { id } = request.params;
    const submission = SUBMISSION_ID.test(id) ? await deps.submissions.get(id) : null;
    if (!submission) return showProblem(request, reply, 'not-found');
    const parsed = ActionSchema.safeParse(request.body);
    const actor = actorOf(request);
    let result: ActionResult;
    if (!parsed.success) result = { ok: false, message: 'That action was not understood' };
    else {
      const input = parsed.data;
      if (input.action === 'retry') result = await retry(submission, actor, deps);
      else if (input.action === 'accept') result = await acceptDespiteWarnings(submission, input.note, actor, deps);
      else if (input.action === 'reject') result = await rejectWithNote(submission, input.note, actor, deps);
      else if (input.action === 'priority') result = await changePriority(submission, input.level, input.reason, actor, deps);
      else if (input.action === 'looked-at') result = await markLookedAt(submission, input.note, actor, deps);
      else result = await resendActivation(submission, input.userId, actor, deps);
    }
    const param = result.ok ? 'done' : 'problem';
    const back = BackSchema.parse(request.body).back === 'attention' ? '/staff/attention' : `/staff/submissions/${id}`;
    return reply.redirect(`${back}?${param}=${encodeURIComponent(result.message)}`, 303);
  });
}
