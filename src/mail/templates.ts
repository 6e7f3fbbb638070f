import { existsSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { z } from 'zod';
import type { Language } from '../form/messages/catalogue.js';
import { FINDING_LANGUAGES } from '../form/messages/render-finding.js';
import { longDate } from '../long-date.js';
import { TEMPLATES_DIR } from '../paths.js';
import { skipNote, SkipNoticeSchema } from './skip-notes.js';

const helpAddress = z.email();
const when = z.union([z.date(), z.iso.datetime({ offset: true }), z.iso.date()]);
const reference = z.string().min(1);
/** Contacts from the published guidance; emails show them unless the caller passes others. */
const helpdesk = {
  helpdeskPhone: z.string().default('020 3989 6060'),
  helpdeskEmail: z.email().default('CJSCP-DefenceServiceDesk@hmcts.net'),
};

const FindingSchema = z.object({
  severity: z.enum(['error', 'warning']),
  tab: z.string().nullable(),
  cell: z.string().nullable(),
  cells: z.array(z.string()).optional(),
  field: z.string().nullable(),
  message: z.string(),
  /** The message without its place ("On the X tab, cell B7 (Field): "), which a tab's heading already says. */
  problem: z.string().optional(),
  suggestion: z.string().nullable(),
});
type FindingProps = z.infer<typeof FindingSchema>;
const language = z.enum(['en', 'cy']).default('en');

// Without `problem`, the English place the message starts with is dropped: under a tab heading it reads twice.
function withoutPlace(f: FindingProps): string {
  if (f.problem !== undefined) return f.problem;
  const english = FINDING_LANGUAGES.en;
  for (const csv of [false, true]) {
    const start = english.placePrefix({ tab: f.tab, cells: f.cells?.length ? f.cells : f.cell ? [f.cell] : [], field: f.field }, csv);
    if (start && f.message.startsWith(start)) return f.message.slice(start.length);
  }
  return f.message;
}

/** Findings in the order they came, grouped by tab; findings about the whole file (no tab) come first. */
function groupByTab(findings: FindingProps[], lang: Language) {
  const groups = new Map<string | null, Array<FindingProps & { problem: string; where: string; isWarning: boolean }>>();
  for (const f of [...findings.filter((f) => !f.tab), ...findings.filter((f) => f.tab)]) {
    const group = groups.get(f.tab) ?? [];
    const where = FINDING_LANGUAGES[lang].cellsText(f.cells?.length ? f.cells : f.cell ? [f.cell] : []).replace(/^c/, 'C');
    group.push({ ...f, problem: withoutPlace(f), where, isWarning: f.severity === 'warning' });
    groups.set(f.tab, group);
  }
  return [...groups].map(([tab, items]) => ({ tab, findings: items }));
}

const FORM_FILES: Record<Language, string> = { en: 'registration', cy: 'cofrestru' };

/** The form's download links an email gives, in the email's language. */
export function formLinks(publicBaseUrl: string, language: Language): { formUrl: string; csvFormUrl: string } {
  const base = `${publicBaseUrl}/forms/${FORM_FILES[language]}`;
  return { formUrl: `${base}.xlsx`, csvFormUrl: `${base}.csv` };
}

/** A link to one of the service's pages, opening in the reader's language (`?lang=cy`); English is the default. */
function pageUrlIn(address: string, language: Language): string {
  if (language === 'en') return address;
  const url = new URL(address);
  url.searchParams.set('lang', language);
  return url.href;
}

/** Every email the service sends, each with the props its template needs. */
export const EMAIL_PROPS = {
  /** `skipped`: why attached files were not read as a form (an old format, a .zip without one…), as notes in the email's language. */
  'no-form': z
    .object({ formUrl: z.url(), csvFormUrl: z.url(), helpAddress, skipped: z.array(SkipNoticeSchema).default([]), language })
    .transform(({ skipped, ...rest }) => ({ ...rest, notes: skipped.map((notice) => skipNote(notice, rest.language)) })),
  /** On receipt; after a corrected form, also what it fixed and what is still wrong; any answers to check. */
  acknowledgement: z
    .object({
      reference,
      previousReference: z.string().nullable().default(null),
      formNames: z.array(z.string()).default([]),
      fixed: z.array(z.string()).default([]),
      stillWrong: z.array(z.string()).default([]),
      /** Warnings on the accepted form: answers read one way that the firm should confirm (a role in other words…). */
      checks: z.array(FindingSchema).default([]),
      activationFrom: z.email(),
      helpAddress,
      language,
    })
    .transform(({ checks, ...rest }) => ({ ...rest, checkCount: checks.length, checkGroups: groupByTab(checks, rest.language) })),
  /**
   * Every finding by tab. `annotatedFileName`: the marked-up copy the sender attaches, or null when none is
   * attached (the file could not be opened, or no finding is at a cell); the email promises a copy only then.
   */
  rejection: z
    .object({
      reference,
      previousReference: z.string().nullable().default(null),
      findings: z.array(FindingSchema).min(1),
      fixed: z.array(z.string()).default([]),
      annotatedFileName: z.string().min(1).nullable(),
      formUrl: z.url(),
      csvFormUrl: z.url(),
      helpAddress,
      language,
    })
    .transform(({ findings, ...rest }) => {
      const errors = findings.filter((f) => f.severity === 'error');
      return {
        ...rest,
        groups: groupByTab(findings, rest.language),
        errorCount: errors.length,
        warningCount: findings.length - errors.length,
        // "N answers need changing" only when each error is an answer at a cell, not a file that is not the form.
        allAtCells: errors.every((f) => f.cell),
        // The file was read as the form far enough to say on which tab each problem is.
        formRead: findings.some((f) => f.tab),
      };
    }),
  /** From the no-reply address, one per user. A Welsh email's link opens the activation page in Welsh. */
  activation: z
    .object({
      firstName: z.string().min(1),
      organisationName: z.string().min(1),
      activationUrl: z.url({ protocol: /^https?$/ }),
      mobileLastFour: z.string().regex(/^\d{4}$/),
      expiresAt: when,
      activationFrom: z.email(),
      helpAddress,
      ...helpdesk,
      language,
    })
    .transform((props) => ({ ...props, activationUrl: pageUrlIn(props.activationUrl, props.language) })),
  /** A form staff rejected by hand, with their note to the firm. */
  'staff-rejection': z.object({ reference, note: z.string().trim().min(1).max(2_000), formUrl: z.url(), csvFormUrl: z.url(), helpAddress }),
  /** Day 21: the link in the first email still works until `expiresAt`. */
  'activation-reminder': z.object({
    firstName: z.string().min(1),
    organisationName: z.string().min(1),
    sentAt: when,
    expiresAt: when,
    activationFrom: z.email(),
    helpAddress,
    ...helpdesk,
  }),
} as const;

export type EmailKind = keyof typeof EMAIL_PROPS;
/** What callers pass: defaults may be left out, and the rejection takes findings as the form checker gives them. */
export type EmailProps<K extends EmailKind> = z.input<(typeof EMAIL_PROPS)[K]>;
export type { Language };

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const EMAILS_DIR = join(TEMPLATES_DIR, 'emails');
function engine(autoescape: boolean) {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(EMAILS_DIR), { autoescape, throwOnUndefined: true });
  env.addFilter('longDate', longDate);
  return env;
}
// HTML is escaped by default; plain text and subjects are not HTML, so escaping would only garble them.
const htmlEngine = engine(true);
const textEngine = engine(false);

/** The language an email is written in: Welsh when it exists for that email, English otherwise. */
export function languageFor(kind: EmailKind, language: Language): Language {
  return language !== 'en' && !existsSync(join(EMAILS_DIR, kind, language, 'text.njk')) ? 'en' : language;
}

/** Renders an email as subject, plain text and HTML; every email has all three. */
export function renderEmail<K extends EmailKind>(kind: K, props: EmailProps<K>, language: Language = 'en'): RenderedEmail {
  const lang = languageFor(kind, language);
  // Findings are grouped under headings in the email's language; schemas without a language ignore it.
  const checked = EMAIL_PROPS[kind].parse({ ...props, language: lang }) as Record<string, unknown>;
  const context = { ...checked, language: lang };
  const path = (part: string) => `${kind}/${lang}/${part}.njk`;
  const subject = textEngine.render(path('subject'), context).replace(/\s+/g, ' ').trim();
  return {
    subject,
    // Template tags and includes leave blank lines behind; plain text reads best with at most one in a row.
    text:
      textEngine
        .render(path('text'), context)
        .replace(/\n{3,}/g, '\n\n')
        .trim() + '\n',
    html: htmlEngine.render(path('html'), { ...context, subject }).trim() + '\n',
  };
}
