import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';
import { longDate } from '../../src/long-date.js';
import { TEMPLATES_DIR } from '../../src/paths.js';
import { GOVUK_DIST } from './govuk-assets.js';

const engine = new nunjucks.Environment(new nunjucks.FileSystemLoader([join(TEMPLATES_DIR, 'web'), GOVUK_DIST]), { autoescape: true, throwOnUndefined: false });
engine.addFilter('longDate', longDate);

/** The nonce helmet gave this response's scripts, for the GOV.UK template's one inline script. */
export function scriptNonce(reply: FastifyReply): string | undefined {
  return (reply as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script;
}

/** Renders a public page in the GOV.UK layout; everything a sender or user wrote is HTML-escaped. */
export function renderPage(name: string, context: Record<string, unknown>): string {
  return engine.render(`${name}.njk`, context);
}
