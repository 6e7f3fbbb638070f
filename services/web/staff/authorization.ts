import type { FastifyReply, FastifyRequest } from 'fastify';
import { roleAllows, type StaffRole } from '../../../src/staff/roles.js';
import type { StaffDeps } from './deps.js';
import { showProblem } from './error-pages.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role that may use the route; a route that declares none is for administrators only. */
    role?: StaffRole;
  }
}

/** What a request must be allowed to do: the route's declared role, or one decided for routes we do not own. */
export type RoleFor = (request: FastifyRequest) => StaffRole;

const forbiddenPage = (request: FastifyRequest, reply: FastifyReply) => showProblem(request, reply, 'forbidden');

const declaredRole: RoleFor = (request) => request.routeOptions.config.role ?? 'administrator';

/**
 * The one authorisation check: sends anyone not signed in to sign-in, re-reads a local account's role (so a
 * removed account or a lowered role takes effect at once), and refuses a route above the person's role.
 */
export function authorize(deps: Pick<StaffDeps, 'accounts'>, roleFor: RoleFor = declaredRole, refuse = forbiddenPage) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const name = request.session.staff;
    const role = name ? await deps.accounts.roleOf(name) : null;
    if (!name || !role) {
      if (name) await request.session.destroy();
      if (request.method !== 'GET') return reply.code(401).type('text/plain; charset=utf-8').send('Sign in first');
      return reply.redirect(`/staff/sign-in?next=${encodeURIComponent(request.url)}`);
    }
    request.session.role = role;
    if (!roleAllows(role, roleFor(request))) return refuse(request, reply);
    return undefined;
  };
}
