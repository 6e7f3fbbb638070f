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
 * The role a session holds now: a local account's is re-read (a removed account or a lowered role takes effect
 * at once), and counts only while local sign-in is on; a single sign-on role is the one read at sign-in.
 */
async function currentRole(request: FastifyRequest, deps: Pick<StaffDeps, 'accounts' | 'config'>): Promise<StaffRole | null> {
  const { staff: name, signedInWith, role } = request.session;
  if (!name) return null;
  if (signedInWith === 'oidc') return deps.config.staff.oidc ? (role ?? null) : null;
  return deps.config.staff.localSignIn ? deps.accounts.roleOf(name) : null;
}

/**
 * The one authorisation check: sends anyone not signed in to sign-in, and refuses a route above the person's
 * role.
 */
export function authorize(deps: Pick<StaffDeps, 'accounts' | 'config'>, roleFor: RoleFor = declaredRole, refuse = forbiddenPage) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const name = request.session.staff;
    const role = await currentRole(request, deps);
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
