import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { TrustProxy } from '../../src/config.js';
import { isWatcherHealthy, type WatcherHeartbeatStore } from '../../src/health/watcher-heartbeat.js';
import type { Logger } from '../../src/logger.js';
import { authProblems, type AuthHealthStore } from '../../src/mail-auth/auth-health.js';
import type { ActivationDeps } from '../../src/registry/activation-flow.js';
import { registerActivationRoutes } from './activation-routes.js';
import { registerFormRoutes } from './form-routes.js';
import { registerGovukAssets } from './govuk-assets.js';
import { registerQueueBoardFonts } from './staff/queue-board-fonts.js';
import { staffDashboard, type StaffDeps } from './staff/index.js';

export interface WebDeps {
  /** Whether Redis answers, for readiness. */
  redisReachable: () => Promise<boolean>;
  activation: ActivationDeps & { helpAddress: string; onActivated?: () => Promise<void> };
  heartbeat: WatcherHeartbeatStore;
  /** The mail logins' last known state: a refused credential makes the service not ready, with the reason. */
  authHealth?: AuthHealthStore;
  watcherStaleAfterMs: number;
  logger: Logger;
  /** Behind a proxy: whose X-Forwarded-For and -Proto to believe, for sign-in limits, /metrics and secure cookies. */
  trustProxy?: TrustProxy;
  /** The staff dashboard and /metrics; left out, the server has only the public pages. */
  staff?: StaffDeps;
}

/** A hop count as proxy-addr's trust function (the right-most N addresses are our proxies), since Fastify's types omit numbers. */
const trustProxyOption = (trust: TrustProxy) => (typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust);

export function buildWebServer(deps: WebDeps): FastifyInstance {
  // Per-request lines would carry URLs with activation tokens and search terms: errors are still logged.
  const logController = new LogController({ disableRequestLogging: true });
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController,
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyOption(deps.trustProxy ?? false),
  });

  // Scripts only from this server and with the page's nonce; styles inline are the public pages' own. TLS is
  // the proxy's job: upgrading requests would break a plain-HTTP deployment inside a private network. The
  // referrer stays on this site (never to others), so browsers without Sec-Fetch-Site send a real Origin.
  app.register(fastifyHelmet, {
    enableCSPNonces: true,
    referrerPolicy: { policy: 'same-origin' },
    contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null } },
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  // Ready means the service can do its job: Redis answers, a watcher is in touch with the mailbox, and no mail
  // login is being refused (a secret expired or revoked shows here with the provider's code, not days later).
  app.get('/readyz', async (_request, reply) => {
    const redis = await deps.redisReachable();
    const heartbeat = redis ? await deps.heartbeat.read() : null;
    const imap = heartbeat !== null && isWatcherHealthy(heartbeat, deps.watcherStaleAfterMs);
    const logins = redis && deps.authHealth ? authProblems(await deps.authHealth.read(), deps.watcherStaleAfterMs) : [];
    const ready = redis && imap && logins.length === 0;
    const body = {
      status: ready ? 'ready' : 'not ready',
      redis: redis ? 'connected' : 'unavailable',
      imap: imap ? 'connected' : 'unavailable',
      lastMailboxContactAt: heartbeat?.lastContactAt ? new Date(heartbeat.lastContactAt).toISOString() : null,
      lastPickupAt: heartbeat?.lastPickupAt ? new Date(heartbeat.lastPickupAt).toISOString() : null,
      loginFailures: logins.map((state) => ({
        login: state.connection,
        stage: state.failure?.stage,
        code: state.failure?.code,
        reason: state.failure?.reason,
        since: new Date(state.since).toISOString(),
      })),
    };
    return reply.code(ready ? 200 : 503).send(body);
  });

  // Browsers post forms as application/x-www-form-urlencoded: the activation button and every staff form.
  app.register(fastifyFormbody);
  app.register(registerGovukAssets);
  app.register(registerQueueBoardFonts);
  registerFormRoutes(app);
  registerActivationRoutes(app, deps.activation);
  const staff = deps.staff;
  if (staff) app.register(async (scope) => staffDashboard(scope, staff));
  return app;
}
