import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { personFromClaims, roleFromClaims } from '../../../src/staff/oidc-claims.js';
import type { StaffDeps } from './deps.js';
import { showProblem, type Problem } from './error-pages.js';
import { IdentityProviderUnreachable, type IdentityProvider } from './identity-provider.js';
import type { PendingSignIn } from './session.js';
import { safeNext } from './sign-in.js';

export const SSO_START_PATH = '/staff/sign-in/sso';
/** The redirect URI registered with the provider is PUBLIC_BASE_URL followed by this. */
export const SSO_CALLBACK_PATH = '/staff/sign-in/callback';

/** A sign-in left at the provider's page longer than this must start again. */
const PENDING_FOR_MS = 10 * 60_000;
/** Sign-ins one browser may have under way at once (several tabs); the oldest goes first. */
const PENDING_AT_ONCE = 3;
/** Each attempt costs a request to the provider: enough for a busy office behind one address, not for a flood. */
const ATTEMPTS_PER_MINUTE = 30;

const UNREACHABLE_CODES = new Set(['OAUTH_TIMEOUT', 'OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']);

/** A provider that did not answer is a different page from one that refused, or a response that failed a check. */
function problemFor(error: unknown): Problem {
  if (error instanceof IdentityProviderUnreachable) return 'identity-provider-unreachable';
  if (error instanceof TypeError && error.message === 'fetch failed') return 'identity-provider-unreachable';
  return UNREACHABLE_CODES.has((error as { code?: string }).code ?? '') ? 'identity-provider-unreachable' : 'sign-in-failed';
}

/** Takes the attempt this callback answers out of the session, so a code and state are good for one use. */
function takePending(request: FastifyRequest, state: string): PendingSignIn | null {
  const all = request.session.pendingSignIns ?? {};
  const pending = Object.hasOwn(all, state) ? all[state] : undefined;
  if (pending) {
    const { [state]: _used, ...rest } = all;
    request.session.pendingSignIns = rest;
  }
  return pending && Date.now() - pending.startedAt < PENDING_FOR_MS ? pending : null;
}

/**
 * Sign-in through the organisation's OpenID provider: the authorisation-code flow with PKCE, state and nonce.
 * The role comes from the ID token's roles (or groups) claim at every sign-in; nobody without one gets in.
 */
export function registerSingleSignOn(app: FastifyInstance, deps: StaffDeps, provider: IdentityProvider): void {
  const { settings } = provider;
  const redirectUri = `${deps.config.publicBaseUrl}${SSO_CALLBACK_PATH}`;
  const limited = { rateLimit: { max: ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } };

  app.get<{ Querystring: { next?: string } }>(SSO_START_PATH, { config: limited }, async (request, reply) => {
    let configuration: oidc.Configuration;
    try {
      configuration = await provider.configuration();
    } catch (error) {
      return showProblem(request, reply, problemFor(error));
    }
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const live = Object.entries(request.session.pendingSignIns ?? {}).filter(([, p]) => Date.now() - p.startedAt < PENDING_FOR_MS);
    const pending: PendingSignIn = { codeVerifier, nonce, next: safeNext(request.query.next), startedAt: Date.now() };
    request.session.pendingSignIns = Object.fromEntries([...live.slice(-(PENDING_AT_ONCE - 1)), [state, pending]]);
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return reply.redirect(url.href, 303);
  });

  app.get<{ Querystring: { state?: string } }>(SSO_CALLBACK_PATH, { config: limited }, async (request, reply) => {
    const state = typeof request.query.state === 'string' ? request.query.state : '';
    const pending = takePending(request, state);
    if (!pending) return showProblem(request, reply, 'sign-in-expired');
    // The URL the provider sent the browser to, as the provider knows it (behind a proxy, not the one we see).
    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = new URL(request.url, redirectUri).search;
    let claims: Record<string, unknown>;
    let idToken: string;
    try {
      const tokens = await oidc.authorizationCodeGrant(await provider.configuration(), callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims() ?? {};
      idToken = tokens.id_token ?? '';
    } catch (error) {
      // The provider's error code and description say what went wrong without naming the person.
      const { code, error: oauthError, error_description: description } = error as { code?: string; error?: string; error_description?: string };
      request.log.warn({ code, oauthError, description, kind: (error as Error).name }, 'staff single sign-on failed');
      return showProblem(request, reply, problemFor(error));
    }
    const person = personFromClaims(claims);
    const role = roleFromClaims(claims, settings.rolesClaim, settings.roleMap);
    if (!role) {
      await deps.audit.record({
        actor: person.name,
        subject: person.subject,
        action: 'sign-in-refused',
        detail: `no value of the ${settings.rolesClaim} claim is in STAFF_OIDC_ROLE_MAP`,
      });
      return showProblem(request, reply, 'no-staff-role');
    }
    // A new session id on sign-in, so a session planted before it is worth nothing after.
    await request.session.regenerate();
    request.session.staff = person.name;
    request.session.subject = person.subject;
    request.session.role = role;
    request.session.signedInWith = 'oidc';
    request.session.idToken = idToken;
    await deps.audit.record({ actor: person.name, subject: person.subject, action: 'signed-in', detail: `as ${role}, through single sign-on` });
    return reply.redirect(pending.next, 303);
  });
}

/** Where signing out continues: the provider's end-session endpoint, when it has one, back to our sign-in page. */
export async function providerSignOutUrl(provider: IdentityProvider, idToken: string | undefined, publicBaseUrl: string): Promise<string | null> {
  try {
    const configuration = await provider.configuration();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    const parameters: Record<string, string> = { post_logout_redirect_uri: `${publicBaseUrl}/staff/sign-in` };
    if (idToken) parameters.id_token_hint = idToken;
    return oidc.buildEndSessionUrl(configuration, parameters).href;
  } catch {
    // The provider is unreachable: the local session still ends.
    return null;
  }
}

/**
 * The sign-out form's redirect goes on to the provider, and browsers hold a form's whole redirect chain to the
 * page's CSP form-action: the provider's end-session origin joins 'self' there.
 */
export function allowFormsToProvider(provider: IdentityProvider) {
  return async (_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string') reply.header('content-security-policy', csp.replace("form-action 'self'", `form-action 'self' ${provider.signOutOrigin()}`));
    return payload;
  };
}
