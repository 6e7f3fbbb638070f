import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from './actor.js';
import type { StaffDeps } from './deps.js';
import { showProblem } from './error-pages.js';
import { page } from './render.js';
import { providerSignOutUrl, registerSingleSignOn, SSO_START_PATH } from './single-sign-on.js';

const LOGIN_ATTEMPTS_PER_MINUTE = 10;

/** Only a path inside the dashboard may be returned to after signing in, never another site. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/staff(\/[\w\-./?=&%]*)?$/.test(value) && !value.includes('//') ? value : '/staff';
}

export function registerSignIn(app: FastifyInstance, deps: StaffDeps): void {
  const { localSignIn } = deps.config.staff;
  const provider = deps.identityProvider;
  // What the page offers: the provider's button with single sign-on, the form when local accounts may sign in.
  const signInPage = (request: FastifyRequest, reply: FastifyReply, next: string, more: Record<string, unknown> = {}) =>
    page(request, reply, 'sign-in', {
      title: 'Sign in',
      next,
      errors: null,
      localSignIn,
      sso: provider ? { name: provider.settings.name, href: `${SSO_START_PATH}?next=${encodeURIComponent(next)}` } : null,
      ...more,
    });

  app.get<{ Querystring: { next?: string } }>('/staff/sign-in', async (request, reply) => signInPage(request, reply, safeNext(request.query.next)));
  if (provider) registerSingleSignOn(app, deps, provider);

  app.post<{ Body: { username?: string; password?: string; next?: string } }>(
    '/staff/sign-in',
    // Refused before the CSRF check when off: the page then has no form, so no token to send either.
    {
      config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } },
      preHandler: [async (request, reply) => (localSignIn ? undefined : showProblem(request, reply, 'local-sign-in-off')), app.csrfProtection],
    },
    async (request, reply) => {
      const { username = '', password = '' } = request.body ?? {};
      const next = safeNext(request.body?.next);
      // Refused before the password is checked, so guesses past the limit learn nothing.
      if (await deps.signInAttempts.blocked(username)) return showProblem(request, reply, 'too-many');
      const account = await deps.accounts.verify(username, password);
      if (!account) {
        await deps.signInAttempts.failed(username);
        reply.code(401);
        return signInPage(request, reply, next, { username, errors: [{ text: 'Enter a correct username and password', href: '#username' }] });
      }
      // A new session id on sign-in, so a session planted before it is worth nothing after.
      await deps.signInAttempts.succeeded(username);
      await deps.accounts.recordSignIn(account.username);
      await request.session.regenerate();
      request.session.staff = account.username;
      request.session.role = account.role;
      request.session.signedInWith = 'local';
      await deps.audit.record({ actor: account.username, action: 'signed-in', detail: `as ${account.role}` });
      return reply.redirect(next, 303);
    },
  );

  // The local session always ends; after single sign-on the provider's session ends too, when it offers that.
  app.post('/staff/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { staff, signedInWith, idToken } = request.session;
    if (staff) await deps.audit.record({ ...actorOf(request), action: 'signed-out', detail: '' });
    await request.session.destroy();
    const atProvider = provider && signedInWith === 'oidc' ? await providerSignOutUrl(provider, idToken, deps.config.publicBaseUrl) : null;
    return reply.redirect(atProvider ?? '/staff/sign-in', 303);
  });
}
