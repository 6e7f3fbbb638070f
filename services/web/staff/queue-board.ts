import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { StaffDeps } from './deps.js';
import { refuseCrossSite } from './same-origin.js';
import { requireStaff } from './sign-in.js';

export const BOARD_PATH = '/staff/queues';

/**
 * Bull Board behind the same sign-in. Its own API calls are JSON fetches, not our forms, so instead of a
 * CSRF token they must come from this origin (the cookie is SameSite=Lax too); each change is audited.
 */
export async function registerQueueBoard(app: FastifyInstance, deps: StaffDeps): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: Object.values(deps.queues).map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Onboarding queues' } },
  });
  app.addHook('preHandler', requireStaff);
  app.addHook('preHandler', refuseCrossSite(deps.config.publicBaseUrl, async (_request, reply) => reply.code(403).send('Cross-site request refused')));
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'GET' || reply.statusCode >= 400) return;
    const path = request.url.slice(BOARD_PATH.length).split('?')[0] ?? '';
    await deps.audit.record({ actor: request.session.staff ?? 'unknown', action: 'queue-board', detail: `${request.method} ${path}` });
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
}
