import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseCourtEditsCsv } from '../../../src/courts/court-edits-csv.js';
import type { StaffDeps } from './deps.js';
import { page } from './render.js';
import { actorOf } from './actor.js';

const EditSchema = z.object({
  code: z.string().trim().min(1).max(20),
  goLiveDate: z
    .string()
    .trim()
    .transform((value) => value || null)
    .pipe(z.iso.date().nullable()),
});

/** The court list and its go-live dates; edits reach the workers at their next form, without a restart. */
export async function registerCourts(app: FastifyInstance, deps: StaffDeps): Promise<void> {
  // Fields and file arrive as body values, so the CSRF check reads the token as it does for other forms.
  await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: 512 * 1024, files: 1, fields: 5 } });

  app.get<{ Querystring: { done?: string; problem?: string } }>('/staff/courts', { config: { role: 'viewer' } }, async (request, reply) => {
    const courts = await deps.courts.list();
    return page(request, reply, 'courts', {
      title: 'Courts',
      courts: [...courts].sort((a, b) => a.name.localeCompare(b.name)),
      done: typeof request.query.done === 'string' ? request.query.done.slice(0, 300) : null,
      problem: typeof request.query.problem === 'string' ? request.query.problem.slice(0, 1000) : null,
    });
  });

  const back = (message: string, ok: boolean) => `/staff/courts?${ok ? 'done' : 'problem'}=${encodeURIComponent(message)}`;

  app.post('/staff/courts', { config: { role: 'administrator' } }, async (request, reply) => {
    const parsed = EditSchema.safeParse(request.body);
    if (!parsed.success) return reply.redirect(back('Enter the date as YYYY-MM-DD, or leave it blank for a live court', false), 303);
    const result = await deps.courts.edit([parsed.data]);
    if (result.applied === 0) return reply.redirect(back(`There is no court with code ${parsed.data.code}`, false), 303);
    const date = parsed.data.goLiveDate ?? 'live';
    await deps.audit.record({ ...actorOf(request), action: 'court-edited', detail: `court ${parsed.data.code} go-live: ${date}` });
    return reply.redirect(back(`Court ${parsed.data.code} go-live date set to ${date}`, true), 303);
  });

  app.post('/staff/courts/upload', { config: { role: 'administrator' } }, async (request, reply) => {
    const file = (request.body as { file?: unknown } | undefined)?.file;
    if (!Buffer.isBuffer(file) || file.length === 0) return reply.redirect(back('Choose a CSV file to upload', false), 303);
    const parsed = parseCourtEditsCsv(file.toString('utf8'));
    if (!parsed.ok) return reply.redirect(back(parsed.problems.slice(0, 10).join('. '), false), 303);
    const result = await deps.courts.edit(parsed.edits);
    await deps.audit.record({ ...actorOf(request), action: 'courts-uploaded', detail: `${result.applied} go-live date(s) set from a CSV file` });
    const unknown = result.unknown.length > 0 ? `; not on the court list: ${result.unknown.join(', ')}` : '';
    return reply.redirect(back(`${result.applied} go-live date(s) set${unknown}`, result.applied > 0), 303);
  });
}
