import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { startLocalDovecot, type LocalDovecot } from '../../src/local-servers/dovecot.js';
import { startOutboxSmtp, type OutboxSmtp } from '../../src/local-servers/outbox-smtp.js';
import { createLogger } from '../../src/logger.js';
import { AuthHealthStore } from '../../src/mail-auth/auth-health.js';
import { createRedis, keysFor } from '../../src/redis.js';
import { ROLES, startService, type RunningService } from '../../services/service.js';
import { testEnvironment } from './environment.js';
import { startOAuthTokenService, type OAuthTokenService, type OAuthTokenServiceOptions } from './oauth-token-service.js';

/**
 * A mail system that takes only OAuth2 logins, as Microsoft 365 does: a token service, Dovecot checking each
 * XOAUTH2 login against it, and an SMTP listener (XOAUTH2 only) writing what it receives to `outboxDir`.
 */
export interface OAuthMailStack {
  tokens: OAuthTokenService;
  dovecot: LocalDovecot;
  smtp: OutboxSmtp;
  outboxDir: string;
  mailbox: string;
  clientId: string;
  clientSecret: string;
  /** The settings that point the service at this stack with OAuth2 for IMAP and SMTP. */
  env: Record<string, string>;
  /** A password client on the mailbox (the test's own view: appending emails, reading folders). */
  imap(): Promise<ImapFlow>;
  dispose(): Promise<void>;
}

export async function startOAuthMailStack(
  options: { tokens?: OAuthTokenServiceOptions; sentFolder?: string; clientAuthMethod?: 'client_secret_basic' | 'client_secret_post' } = {},
): Promise<OAuthMailStack> {
  const dir = mkdtempSync(join(tmpdir(), 'intake-oauth-'));
  chmodSync(dir, 0o755);
  const tokens = await startOAuthTokenService({ tokenLifetimeSeconds: 20, ...options.tokens });
  const introspection = new URL(tokens.introspectionUrl);
  introspection.username = tokens.introspector.clientId;
  introspection.password = tokens.introspector.clientSecret;
  const dovecot = await startLocalDovecot(join(dir, 'dovecot'), { oauth2: { introspectionUrl: introspection.toString() }, sentFolder: options.sentFolder });
  const mailbox = 'cponboarding';
  // The test's own password login on the same mailbox, beside the service's OAuth2 one.
  dovecot.addUser(mailbox, 'test-view');
  const clientId = 'intake-app';
  const clientSecret = tokens.addClient(clientId, [mailbox], { authMethod: options.clientAuthMethod });
  const outboxDir = join(dir, 'outbox');
  const smtp = await startOutboxSmtp({
    dir: outboxDir,
    xoauth2: {
      async check(user, accessToken) {
        const found = await tokens.introspect(accessToken);
        return found.active && found.mailboxes.includes(user);
      },
    },
  });
  return {
    tokens,
    dovecot,
    smtp,
    outboxDir,
    mailbox,
    clientId,
    clientSecret,
    env: {
      IMAP_URL: `imap://127.0.0.1:${dovecot.port}`,
      IMAP_AUTH: 'oauth2',
      IMAP_USER: mailbox,
      SMTP_URL: smtp.url,
      SMTP_AUTH: 'oauth2',
      SMTP_USER: mailbox,
      OAUTH_PROVIDER: 'client-credentials',
      OAUTH_TOKEN_URL: tokens.tokenUrl,
      OAUTH_CLIENT_ID: clientId,
      OAUTH_CLIENT_SECRET: clientSecret,
      OAUTH_SCOPE: tokens.scope,
    },
    async imap() {
      const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: mailbox, pass: 'test-view' }, logger: false });
      await client.connect();
      return client;
    },
    async dispose() {
      await Promise.allSettled([smtp.stop(), dovecot.stop(), tokens.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The service running on an OAuth2 mail stack, with what its tests read: the mailbox, and the logins' health. */
export interface ServiceOnStack {
  service: RunningService;
  mailbox: ImapFlow;
  authHealth: AuthHealthStore;
  stop(): Promise<void>;
}

export async function startServiceOnStack(stack: OAuthMailStack, overrides: Record<string, string> = {}): Promise<ServiceOnStack> {
  const environment = testEnvironment({ ...stack.env, ...overrides });
  const service = await startService(environment.config, ROLES, createLogger(environment.config.log));
  const mailbox = await stack.imap();
  const redis = createRedis(environment.config.redis, 'test');
  return {
    service,
    mailbox,
    authHealth: new AuthHealthStore(redis, keysFor(environment.config.keyPrefix).authHealth),
    async stop() {
      await mailbox.logout().catch(() => undefined);
      await service.stop();
      redis.disconnect();
    },
  };
}
