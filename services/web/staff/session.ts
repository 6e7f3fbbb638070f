import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifySession from '@fastify/session';
import type { FastifyInstance } from 'fastify';
import type { StaffRole } from '../../../src/staff/roles.js';
import type { StaffDeps } from './deps.js';

export interface PendingSignIn {
  codeVerifier: string;
  nonce: string;
  next: string;
  startedAt: number;
}

declare module 'fastify' {
  interface Session {
    /** The signed-in staff member: a local account's username, or the name their identity provider gives. */
    staff?: string;
    /** Their role, as last checked: what the pages offer. The server checks it again on every request. */
    role?: StaffRole;
    /** How they signed in; a single sign-on role holds until the next sign-in, which reads it afresh. */
    signedInWith?: 'local' | 'oidc';
    /** The identity provider's subject for the person, the name that never changes. */
    subject?: string;
    /** Kept for signing out at the provider too (RP-initiated logout's id_token_hint). */
    idToken?: string;
    /** Single sign-on attempts under way in this browser, by state, each good for one callback. */
    pendingSignIns?: Record<string, PendingSignIn>;
  }
}

export const SESSION_COOKIE = 'staff_session';

/** Signed session cookies backed by Redis, and CSRF tokens kept in the session. */
export async function registerSessions(app: FastifyInstance, deps: StaffDeps): Promise<void> {
  const ttlSeconds = deps.config.staff.sessionHours * 3600;
  await app.register(fastifyCookie);
  // Secure follows the request as the trusted proxy reports it (request.protocol): https gets a Secure cookie,
  // and a plain-http request inside the network still gets one it can send back.
  await app.register(fastifySession, {
    secret: await deps.sessionSecret.resolve(deps.config.staff.sessionSecret),
    cookieName: SESSION_COOKIE,
    store: deps.sessions,
    saveUninitialized: false,
    cookie: { path: '/staff', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: ttlSeconds * 1000 },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
}
