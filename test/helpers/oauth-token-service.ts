import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import Provider, { type Adapter, type AdapterPayload } from 'oidc-provider';
import { freePort } from '../../src/local-servers/free-port.js';

/**
 * A real OAuth2 authorisation server (oidc-provider) on loopback: it issues client-credentials tokens with a
 * short lifetime and answers token introspection, as Entra ID and Google do for app-only mailbox access.
 * Each client is granted mailboxes, the way Exchange's Add-MailboxPermission grants an app FullAccess; the
 * introspection answer names the client's first mailbox as `username`, which is what Dovecot checks.
 */
export interface OAuthTokenService {
  url: string;
  tokenUrl: string;
  introspectionUrl: string;
  /** The client Dovecot and the SMTP listener authenticate with to introspect tokens. */
  introspector: { clientId: string; clientSecret: string };
  scope: string;
  /** Registers (or re-registers) a client allowed to use these mailboxes; returns its secret. */
  addClient(clientId: string, mailboxes: string[], secret?: string): string;
  /** Removes a client: its token requests fail with invalid_client, as for a deleted app or expired secret. */
  removeClient(clientId: string): void;
  /** Asks the service whether a token is live and which client and mailboxes it carries. */
  introspect(token: string): Promise<{ active: boolean; clientId?: string; mailboxes: string[] }>;
  /** Token requests answered so far, per client. */
  issued(clientId: string): number;
  stop(): Promise<void>;
  /** Stops answering for a while (the endpoint unreachable), then starts again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

const SCOPE = 'mail.access';

/** In-memory storage for every oidc-provider model: tokens, and the clients this service registers. */
function memoryAdapter(store: Map<string, AdapterPayload>) {
  return class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload) {
      store.set(this.key(id), payload);
    }
    async find(id: string) {
      return store.get(this.key(id));
    }
    async findByUserCode() {
      return undefined;
    }
    async findByUid() {
      return undefined;
    }
    async consume(id: string) {
      const found = store.get(this.key(id));
      if (found) found.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId() {}
  };
}

export async function startOAuthTokenService(options: { tokenLifetimeSeconds?: number; port?: number } = {}): Promise<OAuthTokenService> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const store = new Map<string, AdapterPayload>();
  const mailboxesOf = new Map<string, string[]>();
  const issuedTo = new Map<string, number>();
  const introspector = { clientId: 'mail-server', clientSecret: randomBytes(16).toString('hex') };
  // A signing key of its own (tokens here are opaque, but the provider wants one to publish).
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(url, {
    adapter: memoryAdapter(store),
    jwks: { keys: [signingKey as import('oidc-provider').JWK] },
    clients: [{ client_id: introspector.clientId, client_secret: introspector.clientSecret, grant_types: [], redirect_uris: [], response_types: [] }],
    scopes: [SCOPE],
    features: {
      clientCredentials: { enabled: true },
      // Only the mail servers' own client may ask what a token is.
      introspection: { enabled: true, allowedPolicy: async (ctx) => ctx.oidc.client?.clientId === introspector.clientId },
      devInteractions: { enabled: false },
    },
    ttl: { ClientCredentials: options.tokenLifetimeSeconds ?? 20 },
    extraTokenClaims: async (_ctx, token) => {
      const clientId = (token as { clientId?: string }).clientId ?? '';
      issuedTo.set(clientId, (issuedTo.get(clientId) ?? 0) + 1);
      return { username: mailboxesOf.get(clientId)?.[0] ?? '' };
    },
  });
  // Tokens are opaque here, as Exchange's are to its clients.
  const callback = provider.callback();
  let server: Server | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer(callback);
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        server = next;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = null;
      if (!current) return resolve();
      current.close(() => resolve());
      current.closeAllConnections();
    });
  await listen();
  const service: OAuthTokenService = {
    url,
    tokenUrl: `${url}/token`,
    introspectionUrl: `${url}/token/introspection`,
    introspector,
    scope: SCOPE,
    addClient(clientId, mailboxes, secret = randomBytes(16).toString('hex')) {
      mailboxesOf.set(clientId, mailboxes);
      store.set(`Client:${clientId}`, {
        client_id: clientId,
        client_secret: secret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        scope: SCOPE,
      });
      return secret;
    },
    removeClient(clientId) {
      store.delete(`Client:${clientId}`);
      mailboxesOf.delete(clientId);
    },
    async introspect(token) {
      const response = await fetch(service.introspectionUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${introspector.clientId}:${introspector.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token }).toString(),
      });
      const body = (await response.json()) as { active?: boolean; client_id?: string };
      const clientId = body.active ? body.client_id : undefined;
      return { active: body.active === true, clientId, mailboxes: clientId ? (mailboxesOf.get(clientId) ?? []) : [] };
    },
    issued: (clientId) => issuedTo.get(clientId) ?? 0,
    stop: close,
    pause: close,
    resume: listen,
  };
  return service;
}
