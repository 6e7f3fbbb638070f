import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Language } from '../../src/form/messages/catalogue.js';
import { activate, viewActivation, type ActivationDeps } from '../../src/registry/activation-flow.js';
import { renderPage, scriptNonce } from './pages.js';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const STATUS_CODES: Record<string, number> = { ready: 200, activated: 200, 'already-activated': 410, expired: 410, replaced: 410, 'not-found': 404 };

/** Each language's page and the words around it; the page's own words are in its template. */
const PAGES: Record<Language, { template: string; serviceName: string; readyTitle: string; title: string }> = {
  en: { template: 'activation', serviceName: 'Common Platform', readyTitle: 'Activate your account', title: 'Account activation' },
  cy: { template: 'activation-cy', serviceName: 'Platfform Cyffredin', readyTitle: 'Actifadwch eich cyfrif', title: 'Actifadu cyfrif' },
};

type ActivationRequest = { Params: { token: string }; Querystring: { lang?: string } };

/**
 * The link in each activation email. GET shows what will be activated without spending the link (mail
 * scanners follow links); POST activates, once. A Welsh email's link carries `?lang=cy`, and the button posts
 * back to the same address, so every page after it is Welsh too. The token never reaches a log.
 */
export function registerActivationRoutes(app: FastifyInstance, deps: ActivationDeps & { helpAddress: string; onActivated?: () => Promise<void> }): void {
  const send = (reply: FastifyReply, query: ActivationRequest['Querystring'], status: string, view: Record<string, unknown>) => {
    const language: Language = query.lang === 'cy' ? 'cy' : 'en';
    const page = PAGES[language];
    const html = renderPage(page.template, {
      title: status === 'ready' ? page.readyTitle : page.title,
      serviceName: page.serviceName,
      htmlLang: language,
      language,
      view,
      helpAddress: deps.helpAddress,
      cspNonce: scriptNonce(reply),
    });
    reply.header('Referrer-Policy', 'no-referrer').header('Cache-Control', 'no-store').header('Content-Language', language);
    return reply
      .code(STATUS_CODES[status] ?? 404)
      .type('text/html; charset=utf-8')
      .send(html);
  };

  app.get<ActivationRequest>('/activate/:token', async (request, reply) => {
    const { token } = request.params;
    const view = TOKEN.test(token) ? await viewActivation(token, deps) : { status: 'not-found' as const };
    return send(reply, request.query, view.status, view);
  });

  app.post<ActivationRequest>('/activate/:token', async (request, reply) => {
    const { token } = request.params;
    const result = TOKEN.test(token) ? await activate(token, deps) : { status: 'not-found' as const };
    if (result.status === 'activated') await deps.onActivated?.();
    return send(reply, request.query, result.status, { status: result.status });
  });
}
