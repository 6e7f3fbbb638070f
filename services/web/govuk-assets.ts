import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
/** govuk-frontend's dist folder: its Nunjucks macros, stylesheet, script, fonts and images. */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

const CSS = readFileSync(join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.css'));
const JS = readFileSync(join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.js'));
// A module file rather than an inline script, so the content security policy can forbid inline scripts.
const INIT = "import { initAll } from './govuk-frontend.min.js';\ninitAll();\n";

/** Public: the sign-in page needs them too. Pages work without the script; it only adds polish. */
export async function registerGovukAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: join(GOVUK_DIST, 'govuk', 'assets'), prefix: '/assets/', decorateReply: false, index: false });
  const cached = { 'Cache-Control': 'public, max-age=3600' };
  app.get('/assets/govuk-frontend.min.css', async (_request, reply) => reply.headers(cached).type('text/css; charset=utf-8').send(CSS));
  app.get('/assets/govuk-frontend.min.js', async (_request, reply) => reply.headers(cached).type('text/javascript; charset=utf-8').send(JS));
  app.get('/assets/init.mjs', async (_request, reply) => reply.headers(cached).type('text/javascript; charset=utf-8').send(INIT));
}
