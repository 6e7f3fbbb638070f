import { randomBytes } from 'node:crypto';
import { composeEmail } from '../../src/samples/sample-emails.js';
import { xlsxForm } from '../../src/form/testing/form-builder.js';

/** Who sent it (the reply goes there) and the header that finds the email again in any folder. */
export interface Origin {
  from: string;
  corpusId: string;
}

export interface HostileEmail {
  label: string;
  build: (origin: Origin) => Promise<Buffer> | Buffer;
}

const CRLF = '\r\n';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const encodedWord = (text: string) => `=?UTF-8?B?${b64(text)}?=`;

/** A hand-written email: the corpus id first (so even broken headers leave it readable), then `lines`. */
function raw(origin: Origin, lines: string[], body = 'Please find our form.'): Buffer {
  return Buffer.from([`X-Corpus-Id: ${origin.corpusId}`, ...lines, '', body, ''].join(CRLF), 'latin1');
}

const standard = (origin: Origin, subject = 'Registration') => [
  `From: ${origin.from}`,
  'To: CPOnboarding@justice.gov.uk',
  `Subject: ${subject}`,
  `Message-ID: <${origin.corpusId}@corpus.example>`,
  'Date: Wed, 25 Nov 2026 05:00:00 +0000',
  'MIME-Version: 1.0',
];

function nested(depth: number, leaf: string): string {
  let body = leaf;
  for (let level = depth; level > 0; level -= 1) {
    body = `Content-Type: multipart/mixed; boundary="b${level}"${CRLF}${CRLF}--b${level}${CRLF}${body}${CRLF}--b${level}--`;
  }
  return body;
}

function forwardedChain(depth: number, attachment: Buffer): string {
  let inner = [
    'From: a@b.example',
    'Subject: fwd',
    'Content-Type: multipart/mixed; boundary="z"',
    '',
    '--z',
    'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name="form.xlsx"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="form.xlsx"',
    '',
    attachment.toString('base64'),
    '--z--',
  ].join(CRLF);
  for (let level = 0; level < depth; level += 1) {
    inner = [
      'From: a@b.example',
      'Subject: fwd',
      `Content-Type: multipart/mixed; boundary="f${level}"`,
      '',
      `--f${level}`,
      'Content-Type: text/plain',
      '',
      'forwarded',
      `--f${level}`,
      'Content-Type: message/rfc822',
      '',
      inner,
      `--f${level}--`,
    ].join(CRLF);
  }
  return inner;
}

/** Emails whose structure or headers are hostile: deep nesting, many parts, broken and injected headers. */
export function hostileEmails(): HostileEmail[] {
  const text = (label: string, lines: (o: Origin) => string[], body?: string | ((o: Origin) => string)): HostileEmail => ({
    label,
    build: (o) => raw(o, lines(o), typeof body === 'function' ? body(o) : body),
  });
  const withHeaders = (label: string, headers: (o: Origin) => Record<string, string>, subject?: string): HostileEmail => ({
    label,
    build: (o) => composeEmail({ from: o.from, subject, messageId: `<${o.corpusId}@corpus.example>`, headers: { 'X-Corpus-Id': o.corpusId, ...headers(o) } }),
  });
  return [
    text('MIME nested 12 deep', (o) => standard(o), nested(12, `Content-Type: text/plain${CRLF}${CRLF}deep`)),
    text('MIME nested 60 deep', (o) => standard(o), nested(60, `Content-Type: text/plain${CRLF}${CRLF}deep`)),
    text('MIME nested 5,000 deep', (o) => standard(o), nested(5000, `Content-Type: text/plain${CRLF}${CRLF}deep`)),
    text(
      '5,000 sibling MIME parts',
      (o) => [...standard(o), 'Content-Type: multipart/mixed; boundary="s"'],
      `${Array.from({ length: 5000 }, (_, i) => `--s${CRLF}Content-Type: text/plain${CRLF}${CRLF}${i}`).join(CRLF)}${CRLF}--s--`,
    ),
    text(
      '30 attachments',
      (o) => [...standard(o), 'Content-Type: multipart/mixed; boundary="a"'],
      `${Array.from({ length: 30 }, (_, i) => `--a${CRLF}Content-Type: application/octet-stream${CRLF}Content-Disposition: attachment; filename="f${i}.bin"${CRLF}${CRLF}AAAA`).join(CRLF)}${CRLF}--a--`,
    ),
    text(
      'boundary never closed',
      (o) => [...standard(o), 'Content-Type: multipart/mixed; boundary="open"'],
      `--open${CRLF}Content-Type: text/plain${CRLF}${CRLF}no end`,
    ),
    text('multipart without a boundary', (o) => [...standard(o), 'Content-Type: multipart/mixed'], 'just text'),
    text(
      'invalid base64 attachment',
      (o) => [...standard(o), 'Content-Type: multipart/mixed; boundary="x"'],
      `--x${CRLF}Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet${CRLF}Content-Transfer-Encoding: base64${CRLF}Content-Disposition: attachment; filename="form.xlsx"${CRLF}${CRLF}!!!not base64 at all***${CRLF}--x--`,
    ),
    text(
      'unknown charset and encoding',
      (o) => [...standard(o), 'Content-Type: text/plain; charset="x-nonexistent-42"', 'Content-Transfer-Encoding: x-weird'],
      'body',
    ),
    text('no From header', (o) => standard(o).filter((line) => !line.startsWith('From:'))),
    text('From is not an address', (o) => [...standard(o).filter((line) => !line.startsWith('From:')), 'From: not an address at all']),
    text('no Message-ID', (o) => standard(o).filter((line) => !line.startsWith('Message-ID:'))),
    text('two Message-IDs', (o) => [...standard(o), `Message-ID: <${o.corpusId}-second@corpus.example>`]),
    text('Message-ID of 5,000 characters', (o) => [
      ...standard(o).filter((line) => !line.startsWith('Message-ID:')),
      `Message-ID: <${'m'.repeat(5000)}@corpus.example>`,
    ]),
    text('Subject of 100 KB', (o) => standard(o, 'S'.repeat(100_000))),
    text('raw 8-bit bytes in headers', (o) => standard(o, 'Regi\xe9stration \xff\xfe \x80')),
    text('broken encoded words', (o) => standard(o, '=?UTF-8?B?####?= =?x-unknown?Q?abc?= =?UTF-8?Q?=ZZ?=')),
    text('header line without a colon', (o) => [...standard(o), 'This is not a header', '  continued oddly']),
    text('NUL bytes in headers and body', (o) => standard(o, 'Reg\0istration'), 'body\0with\0nuls'),
    text('no blank line before the body', (o) => standard(o), ''),
    text('bare LF line endings', (o) => [standard(o).join('\n')], 'body with\nbare\nnewlines'),
    text('Date that is not a date', (o) => [...standard(o).filter((line) => !line.startsWith('Date:')), 'Date: the day after tomorrow']),
    text('5,000 headers', (o) => [...standard(o), ...Array.from({ length: 5000 }, (_, i) => `X-Filler-${i}: ${i}`)]),
    text('header folded 5,000 times', (o) => [...standard(o), `X-Folded: a${`${CRLF} a`.repeat(5000)}`]),
    text('Content-Type of 50 KB', (o) => [...standard(o), `Content-Type: text/plain; ${'p=1; '.repeat(10_000)}`]),
    text('header injection by encoded CRLF in the subject', (o) => standard(o, encodedWord('Registration\r\nBcc: victim@attacker.example\r\nX-Injected: yes'))),
    text('header injection by encoded CRLF in the sender name', (o) => [
      ...standard(o).filter((line) => !line.startsWith('From:')),
      `From: ${encodedWord('Clerk\r\nBcc: victim@attacker.example')} <${o.from}>`,
    ]),
    text('Reply-To with several addresses and an injected line', (o) => [
      ...standard(o),
      `Reply-To: ${encodedWord('x\r\nBcc: victim@attacker.example')} <${o.from}>, victim@attacker.example`,
    ]),
    text('In-Reply-To and References with injected lines', (o) => [
      ...standard(o),
      `In-Reply-To: ${encodedWord('<a@b>\r\nBcc: victim@attacker.example')}`,
      `References: <r@b> ${'<ref@x.example> '.repeat(2000)}`,
    ]),
    text('subject with control characters and RTL', (o) => standard(o, encodedWord('Reg\u0007istr\u0000ation \u202Excod.exe\u202C سجل'))),
    withHeaders('Auto-Submitted with a form-like subject', () => ({ 'Auto-Submitted': 'auto-generated' }), 'Registration form'),
    {
      label: 'forwarded email holding a forwarded email holding a form, 6 deep',
      build: async (o) =>
        raw(
          o,
          [...standard(o), 'Content-Type: multipart/mixed; boundary="top"'],
          `--top${CRLF}Content-Type: message/rfc822${CRLF}${CRLF}${forwardedChain(6, await xlsxForm())}${CRLF}--top--`,
        ),
    },
    {
      label: '50 MB attachment',
      build: (o) =>
        composeEmail({
          from: o.from,
          messageId: `<${o.corpusId}@corpus.example>`,
          headers: { 'X-Corpus-Id': o.corpusId },
          attachments: [{ filename: 'form.xlsx', content: randomBytes(50 * 1024 * 1024) }],
        }),
    },
    {
      label: 'body of 20 MB text',
      build: (o) =>
        composeEmail({
          from: o.from,
          messageId: `<${o.corpusId}@corpus.example>`,
          headers: { 'X-Corpus-Id': o.corpusId },
          text: 'registration '.repeat(1_600_000),
        }),
    },
  ];
}
