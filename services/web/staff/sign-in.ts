import type { FastifyInstance } from 'fastify';
import type { StaffDeps } from './deps.js';
import { showProblem } from './error-pages.js';
import { page } from './render.js';

const LOGIN_ATTEMPTS_PER_MINUTE = 10;
/** Failures one account name may take in a window, from however many addresses. */
export const ACCOUNT_FAILURE_LIMIT = { failures: 10, windowMs: 15 * 60_000 };

/** Only a path inside the dashboard may be returned to after signing in, never another site. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/staff(\/[\w\-./?=&%]*)?$/.test(value) && !value.includes('//') ? value : '/staff';
}

export function registerSignIn(app: FastifyInstance, deps: StaffDeps): void {
  app.get<{ Querystring: { next?: string } }>('/staff/sign-in', async (request, reply) =>
    page(request, reply, 'sign-in', { title: 'Sign in', next: safeNext(request.query.next), errors: null }));

  app.post<{ Body: { username?: string; password?: string; next?: string } }>(
    '/staff/sign-in',
    { config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { username = '', password = '' } = request.body ?? {};
      const next = safeNext(request.body?.next);
      // Refused before the password is checked, so guesses past the limit learn nothing.
      if (await deps.signInAttempts.blocked(username)) return showProblem(request, reply, 'too-many');
      const account = await deps.accounts.verify(username, password);
      if (!account) {
        await deps.signInAttempts.failed(username);
        reply.code(401);
        return page(request, reply, 'sign-in', { title: 'Sign in', next, username, errors: [{ text: 'Enter a correct username and password', href: '#username' }] });
      }
      // A new session id on sign-in, so a session planted before it is worth nothing after.
      await deps.signInAttempts.succeeded(username);
      await request.session.regenerate();
      request.session.staff = account.username;
      request.session.role = account.role;
      await deps.audit.record({ actor: account.username, action: 'signed-in', detail: `as ${account.role}` });
      return reply.redirect(next, 303);
    },
  );

  app.post('/staff/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
    const staff = request.session.staff;
    if (staff) await deps.audit.record({ actor: staff, action: 'signed-out', detail: '' });
    await request.session.destroy();
    return reply.redirect('/staff/sign-in', 303);
  });
}
