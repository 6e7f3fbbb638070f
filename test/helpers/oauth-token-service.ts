import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
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
  /**
   * Registers (or re-registers) a client allowed to use these mailboxes; returns its secret. MSAL sends the
   * secret in the form (client_secret_post); other clients use HTTP Basic.
   */
  addClient(clientId: string, mailboxes: string[], options?: { secret?: string; authMethod?: 'client_secret_basic' | 'client_secret_post' }): string;
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
/** The scope Exchange Online's app-only tokens are asked for, as MSAL asks for it. */
export const EXCHANGE_SCOPE = 'https://outlook.office365.com/.default';

/** In-memory storage for every oidc-provider model: tokens, and the clients this service registers. */
export function memoryAdapter(store: Map<string, AdapterPayload>) {
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
    /** Sessions are looked up by uid too, when a code is bound to the session that made it. */
    async findByUid(uid: string) {
      for (const [key, payload] of store) if (key.startsWith(`${this.model}:`) && payload.uid === uid) return payload;
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

export interface OAuthTokenServiceOptions {
  tokenLifetimeSeconds?: number;
  port?: number;
  /**
   * Serve HTTPS with this key and certificate (MSAL talks only to https authorities). Introspection, which only
   * the mail servers use, is then also offered over plain HTTP on a port of its own.
   */
  tls?: { key: string; cert: string };
  /** Where the provider lives under the host, as Entra's `/<tenant>/v2.0`. */
  mountPath?: string;
}

export async function startOAuthTokenService(options: OAuthTokenServiceOptions = {}): Promise<OAuthTokenService> {
  const port = options.port ?? (await freePort());
  const mountPath = options.mountPath ?? '';
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}${mountPath}`;
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
    scopes: [SCOPE, EXCHANGE_SCOPE],
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
  const providerCallback = provider.callback();
  // Mounted as an Express app would be: the provider reads the mount path from originalUrl.
  const callback = (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    if (mountPath) {
      if (!req.url?.startsWith(mountPath)) {
        res.statusCode = 404;
        res.end();
        return;
      }
      req.originalUrl = req.url;
      req.url = req.url.slice(mountPath.length) || '/';
    }
    void providerCallback(req, res);
  };
  const internalPort = options.tls ? await freePort() : port;
  let servers: Server[] = [];
  const listenOn = (listenPort: number, tls: boolean) =>
    new Promise<Server>((resolve, reject) => {
      const next: Server = tls && options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, callback) : createServer(callback);
      next.once('error', reject);
      next.listen(listenPort, '127.0.0.1', () => resolve(next));
    });
  const listen = async () => {
    servers = [await listenOn(port, true)];
    if (internalPort !== port) servers.push(await listenOn(internalPort, false));
  };
  const close = async () => {
    const current = servers;
    servers = [];
    await Promise.all(
      current.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  };
  await listen();
  const service: OAuthTokenService = {
    url,
    tokenUrl: `${url}/token`,
    introspectionUrl: `http://127.0.0.1:${internalPort}${mountPath}/token/introspection`,
    introspector,
    scope: SCOPE,
    addClient(clientId, mailboxes, clientOptions = {}) {
      const secret = clientOptions.secret ?? randomBytes(16).toString('hex');
      mailboxesOf.set(clientId, mailboxes);
      store.set(`Client:${clientId}`, {
        client_id: clientId,
        client_secret: secret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        scope: `${SCOPE} ${EXCHANGE_SCOPE}`,
        token_endpoint_auth_method: clientOptions.authMethod ?? 'client_secret_basic',
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
