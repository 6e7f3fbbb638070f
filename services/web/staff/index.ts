import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { registerMetricsRoute } from '../metrics-route.js';
import { registerAccounts } from './accounts.js';
import { registerAttention } from './attention.js';
import { registerAuditPage } from './audit-page.js';
import { authorize } from './authorization.js';
import { registerCourts } from './courts.js';
import { registerErrorPages, showProblem } from './error-pages.js';
import type { StaffDeps } from './deps.js';
import { registerOrganisations } from './organisations.js';
import { registerOverview } from './overview.js';
import { registerQueueBoard } from './queue-board.js';
import { registerViews } from './render.js';
import { refuseCrossSite } from './same-origin.js';
import { registerSessions } from './session.js';
import { registerSignIn } from './sign-in.js';
import { allowFormsToProvider } from './single-sign-on.js';
import { registerSubmissionActions } from './submission-actions.js';
import { registerSubmissionPage } from './submission-page.js';
import { registerSubmissionsList } from './submissions-list.js';

export type { StaffDeps } from './deps.js';

/**
 * The staff dashboard under /staff. Sessions, CSRF and rate limits live in this scope only; every route but
 * sign-in declares the least role that may use it (checked by `authorize`), every POST checks its CSRF token and that it came from this site, and
 * errors are pages in the dashboard's style.
 */
export async function staffDashboard(app: FastifyInstance, deps: StaffDeps): Promise<void> {
  registerMetricsRoute(app, { emails: deps.emails, counters: deps.metrics, queues: deps.queues }, deps.config.metricsToken);
  deps.identityProvider?.warmUp();
  await app.register(async (scope) => {
    await registerSessions(scope, deps);
    await scope.register(fastifyRateLimit, { global: false, ...deps.rateLimit });
    await scope.register(async (pages) => {
      await registerViews(pages);
      await registerErrorPages(pages);
      if (deps.identityProvider) pages.addHook('onSend', allowFormsToProvider(deps.identityProvider));
      pages.addHook(
        'preHandler',
        refuseCrossSite(deps.config.publicBaseUrl, (request, reply) => showProblem(request, reply, 'cross-site')),
      );
      registerSignIn(pages, deps);
      await pages.register(async (guarded) => {
        guarded.addHook('preHandler', authorize(deps));
        guarded.addHook('preHandler', (request, reply, done) => (request.method === 'POST' ? guarded.csrfProtection(request, reply, done) : done()));
        registerOverview(guarded, deps);
        registerAttention(guarded, deps);
        registerSubmissionsList(guarded, deps);
        registerSubmissionPage(guarded, deps);
        registerSubmissionActions(guarded, deps);
        registerOrganisations(guarded, deps);
        registerAuditPage(guarded, deps);
        registerAccounts(guarded, deps);
        await guarded.register(async (courts) => registerCourts(courts, deps));
      });
    });
    // Siblings of the pages: Bull Board brings its own view engine, which must not meet ours. Below
    // administrator the board is read-only; the full one has a path of its own.
    await scope.register(async (board) => registerQueueBoard(board, deps, 'read-only'));
    await scope.register(async (board) => registerQueueBoard(board, deps, 'full'));
  });
}
