import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { z } from 'zod';
import { TEMPLATES_DIR } from '../paths.js';

const helpAddress = z.email();

/** Every email the service sends, each with the props its template needs. */
export const EMAIL_PROPS = {
  'form-received': z.object({
    reference: z.string(),
    formNames: z.array(z.string()).min(1),
    activationFrom: z.email(),
    helpAddress,
  }),
  'no-form': z.object({ formUrl: z.url(), csvFormUrl: z.url(), helpAddress }),
} as const;

export type EmailKind = keyof typeof EMAIL_PROPS;
export type EmailProps<K extends EmailKind> = z.infer<(typeof EMAIL_PROPS)[K]>;
export type Language = 'en' | 'cy';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const EMAILS_DIR = join(TEMPLATES_DIR, 'emails');
// HTML is escaped by default; plain text and subjects are not HTML, so escaping would only garble them.
const htmlEngine = new nunjucks.Environment(new nunjucks.FileSystemLoader(EMAILS_DIR), { autoescape: true, throwOnUndefined: true });
const textEngine = new nunjucks.Environment(new nunjucks.FileSystemLoader(EMAILS_DIR), { autoescape: false, throwOnUndefined: true });

/** Renders an email as subject, plain text and HTML; every email has all three. */
export function renderEmail<K extends EmailKind>(kind: K, props: EmailProps<K>, language: Language = 'en'): RenderedEmail {
  const checked = EMAIL_PROPS[kind].parse(props) as Record<string, unknown>;
  const path = (part: string) => `${kind}/${language}/${part}.njk`;
  const subject = textEngine.render(path('subject'), checked).replace(/\s+/g, ' ').trim();
  return {
    subject,
    text: textEngine.render(path('text'), checked).trim() + '\n',
    html: htmlEngine.render(path('html'), { ...checked, subject }),
  };
}
