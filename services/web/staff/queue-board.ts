import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaffDeps } from './deps.js';
import { refuseCrossSite } from './same-origin.js';
import { actorOf } from './actor.js';
import { authorize } from './authorization.js';
import { withLocalFonts } from './queue-board-fonts.js';

export const BOARD_PATH = '/staff/queues';
/** The board with its destructive actions (retry, remove, clean, pause), for administrators. */
export const ADMIN_BOARD_PATH = '/staff/queues-admin';

/**
 * Bull Board behind the same sign-in. Its own API calls are JSON fetches, not our forms, so instead of a
 * CSRF token they must come from this origin (the cookie is SameSite=Lax too); each change is audited.
 */
export async function registerQueueBoard(app: FastifyInstance, deps: StaffDeps, mode: 'read-only' | 'full'): Promise<void> {
  const path = mode === 'full' ? ADMIN_BOARD_PATH : BOARD_PATH;
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(path);
  createBullBoard({
    queues: Object.values(deps.queues).map((queue) => new BullMQAdapter(queue, { readOnlyMode: mode === 'read-only' })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Onboarding queues' } },
  });
  // The read-only board is for everyone to read and for nobody to change; the full board is for administrators.
  const refuse = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.code(403).type('text/plain; charset=utf-8').send('Your role does not allow this');
  app.addHook(
    'preHandler',
    authorize(deps, () => (mode === 'read-only' ? 'viewer' : 'administrator'), refuse),
  );
  if (mode === 'read-only') app.addHook('preHandler', async (request, reply) => (request.method === 'GET' ? undefined : refuse(request, reply)));
  app.addHook(
    'preHandler',
    refuseCrossSite(deps.config.publicBaseUrl, async (_request, reply) => reply.code(403).send('Cross-site request refused')),
  );
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'GET' || reply.statusCode >= 400) return;
    const action = request.url.slice(path.length).split('?')[0] ?? '';
    await deps.audit.record({ ...actorOf(request), action: 'queue-board', detail: `${request.method} ${action}` });
  });
  // Its page asks Google Fonts for its typefaces; the policy refuses them, so the page gets the self-hosted ones.
  app.addHook('onSend', async (_request, reply, payload) =>
    typeof payload === 'string' && String(reply.getHeader('content-type') ?? '').startsWith('text/html') ? withLocalFonts(payload) : payload,
  );
  await app.register(serverAdapter.registerPlugin(), { prefix: path });
}
