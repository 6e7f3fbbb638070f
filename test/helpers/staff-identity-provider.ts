import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider, { type AdapterPayload, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import { freePort } from '../../src/local-servers/free-port.js';
import { memoryAdapter } from './oauth-token-service.js';

/**
 * A real OpenID provider (oidc-provider) on loopback for staff single sign-on, shaped as Entra ID answers a web
 * app: the authorisation-code flow with PKCE, app roles in the ID token's `roles` claim, RP-initiated logout.
 * Its sign-in page asks only for a username, from the people below.
 */
export const STAFF_PEOPLE = {
  viewer: { sub: 'e5a1-viewer', name: 'Vera Viewer', email: 'vera@justice.example', roles: ['Onboarding.Viewer'] },
  caseworker: { sub: 'e5a1-caseworker', name: 'Cass Caseworker', email: 'cass@justice.example', roles: ['Onboarding.Viewer', 'Onboarding.Caseworker'] },
  administrator: { sub: 'e5a1-administrator', name: 'Ada Administrator', email: 'ada@justice.example', roles: ['Onboarding.Admin'] },
  outsider: { sub: 'e5a1-outsider', name: 'Otto Outsider', email: 'otto@justice.example', roles: ['Finance.Reader'] },
} as const;
export type StaffPerson = keyof typeof STAFF_PEOPLE;

export const STAFF_ROLE_MAP = 'Onboarding.Viewer=viewer,Onboarding.Caseworker=caseworker,Onboarding.Admin=administrator';

export interface StaffIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The settings the web role needs to use this provider. */
  env: Record<string, string>;
  /** Registers another dashboard address (its redirect URI and where to come back after signing out). */
  allowWebApp(publicBaseUrl: string): void;
  /** A second registration that proves itself with a certificate's key (private_key_jwt), as Entra allows. */
  addCertificateClient(clientId: string, publicKey: JWK): void;
  stop(): Promise<void>;
  /** Stops answering (unreachable), then answers again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

const loginForm = (uid: string, problem = '') =>
  page(
    'Sign in to Justice Example',
    `${problem ? `<p role="alert">${problem}</p>` : ''}
<form method="post" action="/interaction/${uid}/login"><label for="username">Username</label><input id="username" name="username" autocomplete="username"><button type="submit">Continue</button></form>`,
  );

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/** The provider's own sign-in page: a username from STAFF_PEOPLE, no password (the dashboard never sees one anyway). */
async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string, login: boolean): Promise<void> {
  await provider.interactionDetails(req, res);
  const html = (status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  };
  if (!login) return html(200, loginForm(uid));
  const username = (await readForm(req)).get('username') ?? '';
  const person = Object.values(STAFF_PEOPLE).find((p) => p.email.split('@')[0] === username);
  if (!person) return html(200, loginForm(uid, 'Unknown username'));
  await provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
}

/** Consent is the organisation's business, not each sign-in's: every requested scope is granted at once. */
async function grantEverything(ctx: KoaContextWithOIDC) {
  const { client, session } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  grant.addOIDCScope([...(ctx.oidc.requestParamScopes ?? [])].join(' '));
  await grant.save();
  return grant;
}

export async function startStaffIdentityProvider(publicBaseUrl: string): Promise<StaffIdentityProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'onboarding-dashboard';
  const clientSecret = randomBytes(16).toString('hex');
  const store = new Map<string, AdapterPayload>();
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWK;
  const provider = new Provider(issuer, {
    adapter: memoryAdapter(store),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    // As Entra does: app roles in the ID token itself, whatever the scope.
    claims: { openid: ['sub', 'roles'], profile: ['name', 'preferred_username'], email: ['email'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, id) => {
      const person = Object.values(STAFF_PEOPLE).find((p) => p.sub === id);
      return person ? { accountId: id, claims: async () => ({ ...person, roles: [...person.roles], preferred_username: person.email }) } : undefined;
    },
    pkce: { required: () => true },
    interactions: { url: async (_ctx, details) => `/interaction/${details.uid}` },
    loadExistingGrant: grantEverything,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page(
            'Sign out of Justice Example',
            `${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`,
          );
        },
      },
    },
  });
  // The dashboard's registration, kept where the provider reads clients from, so more addresses can be added.
  const apps: string[] = [];
  const credentials = new Map<string, AdapterPayload>([[clientId, { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_post' }]]);
  const register = () => {
    for (const [id, credential] of credentials) {
      store.set(`Client:${id}`, {
        client_id: id,
        redirect_uris: apps.map((app) => `${app}/staff/sign-in/callback`),
        post_logout_redirect_uris: apps.map((app) => `${app}/staff/sign-in`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        ...credential,
      });
    }
  };
  const allowWebApp = (base: string) => {
    apps.push(base);
    register();
  };
  const addCertificateClient = (id: string, publicKey: JWK) => {
    credentials.set(id, { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicKey] } });
    register();
  };
  allowWebApp(publicBaseUrl);
  const providerCallback = provider.callback();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
    if (!match) return void providerCallback(req, res);
    interaction(provider, req, res, match[1]!, req.method === 'POST' && match[2] === '/login').catch(() => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('This sign-in has expired');
    });
  };
  let server: Server | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer(handle);
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve(void (server = next)));
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
      server = null;
    });
  await listen();
  return {
    issuer,
    clientId,
    clientSecret,
    env: {
      STAFF_OIDC_ISSUER: issuer,
      STAFF_OIDC_CLIENT_ID: clientId,
      STAFF_OIDC_CLIENT_SECRET: clientSecret,
      STAFF_OIDC_ROLE_MAP: STAFF_ROLE_MAP,
      STAFF_OIDC_NAME: 'Justice Example',
    },
    allowWebApp,
    addCertificateClient,
    stop: close,
    pause: close,
    resume: listen,
  };
}
