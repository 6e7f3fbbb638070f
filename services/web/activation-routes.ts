import type { FastifyInstance, FastifyReply } from 'fastify';
import { activate, viewActivation, type ActivationDeps } from '../../src/registry/activation-flow.js';
import { renderPage, scriptNonce } from './pages.js';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const STATUS_CODES: Record<string, number> = { ready: 200, activated: 200, 'already-activated': 410, expired: 410, replaced: 410, 'not-found': 404 };

/**
 * The link in each activation email. GET shows what will be activated without spending the link (mail
 * scanners follow links); POST activates, once. The token never reaches a log.
 */
export function registerActivationRoutes(app: FastifyInstance, deps: ActivationDeps & { helpAddress: string; onActivated?: () => Promise<void> }): void {
  const page = (status: string, view: Record<string, unknown>, reply: FastifyReply) =>
    renderPage('activation', {
      title: status === 'ready' ? 'Activate your account' : 'Account activation',
      view,
      helpAddress: deps.helpAddress,
      cspNonce: scriptNonce(reply),
    });

  app.get<{ Params: { token: string } }>('/activate/:token', async (request, reply) => {
    const { token } = request.params;
    const view = TOKEN.test(token) ? await viewActivation(token, deps) : { status: 'not-found' as const };
    reply.header('Referrer-Policy', 'no-referrer').header('Cache-Control', 'no-store');
    return reply
      .code(STATUS_CODES[view.status] ?? 404)
      .type('text/html; charset=utf-8')
      .send(page(view.status, view, reply));
  });

  app.post<{ Params: { token: string } }>('/activate/:token', async (request, reply) => {
    const { token } = request.params;
    const result = TOKEN.test(token) ? await activate(token, deps) : { status: 'not-found' as const };
    if (result.status === 'activated') await deps.onActivated?.();
    reply.header('Referrer-Policy', 'no-referrer').header('Cache-Control', 'no-store');
    return reply
      .code(STATUS_CODES[result.status] ?? 404)
      .type('text/html; charset=utf-8')
      .send(page(result.status, { status: result.status }, reply));
  });
}
