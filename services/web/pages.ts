import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { TEMPLATES_DIR } from '../../src/paths.js';

const engine = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(TEMPLATES_DIR, 'web')), { autoescape: true, throwOnUndefined: false });
engine.addFilter('longDate', (value: Date | string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date(value)));

/** Renders a public page; everything a sender or user wrote is HTML-escaped. */
export function renderPage(name: string, context: Record<string, unknown>): string {
  return engine.render(`${name}.njk`, context);
}
