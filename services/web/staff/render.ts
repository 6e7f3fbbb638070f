import { join } from 'node:path';
import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import { TEMPLATES_DIR } from '../../../src/paths.js';
import * as words from '../../../src/staff/plain-words.js';
import { roleAllows } from '../../../src/staff/roles.js';
import { GOVUK_DIST } from '../govuk-assets.js';
import { scriptNonce } from '../pages.js';

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

function ago(value: number | string): string {
  const seconds = Math.max(0, Math.round((Date.now() - new Date(value).getTime()) / 1000));
  if (seconds < 90) return `${seconds} seconds`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} minutes`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} hours`;
  return `${Math.round(seconds / 86400)} days`;
}

/** Nunjucks with the govuk-frontend macros on its path; everything rendered is HTML-escaped. */
export async function registerViews(app: FastifyInstance): Promise<void> {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [join(TEMPLATES_DIR, 'web'), GOVUK_DIST],
    options: {
      autoescape: true,
      onConfigure: (env: nunjucks.Environment) => {
        env.addFilter('dateTime', (value: number | string | null) => (value ? dateTime.format(new Date(value)) : ''));
        env.addFilter('ago', ago);
        // Codes become words only here, where a page is rendered.
        env.addFilter('stateWords', words.submissionStateWords);
        env.addFilter('reasonWords', words.reasonWords);
        env.addFilter('eventWords', words.eventWords);
        env.addFilter('queueWords', words.queueWords);
        env.addFilter('jobStateWords', words.jobStateWords);
        env.addFilter('jobFailureWords', words.jobFailureWords);
        env.addFilter('activationWords', words.activationWords);
        env.addFilter('registryWords', words.registryWords);
        env.addFilter('emailKindWords', words.emailKindWords);
        env.addFilter('emailOutcomeWords', words.emailOutcomeWords);
      },
    },
  });
}

/** Renders a staff page with what every page needs: who is signed in, a CSRF token and the script nonce. */
export async function page(request: FastifyRequest, reply: FastifyReply, name: string, context: Record<string, unknown>): Promise<string> {
  const csrfToken = reply.generateCsrf();
  const nonce = scriptNonce(reply);
  reply.header('Cache-Control', 'no-store');
  const role = request.session.staff ? request.session.role : undefined;
  // What the page offers follows the role; the server checks it again whatever a page offers.
  const may = { act: role !== undefined && roleAllows(role, 'caseworker'), administer: role !== undefined && roleAllows(role, 'administrator') };
  return reply.view(`staff/${name}.njk`, {
    ...context,
    staffUser: request.session.staff ?? null,
    staffRole: role ?? null,
    may,
    csrfToken,
    cspNonce: nonce,
    currentPath: request.url.split('?')[0],
  });
}
