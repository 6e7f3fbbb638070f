import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchBounce } from './bounces.js';
import { automaticMessageReason } from './loop-rules.js';
import { readEmail } from './read-email.js';

const person = 'clerk@smith-law.example';
const limits = { maxBytes: 1024 * 1024, maxParts: 100, maxDepth: 10, timeoutMs: 5_000 };

function email(entries: Record<string, string | string[]>, from: string | null = person, subject = 'Common Platform registration') {
  const headers = new Map(Object.entries(entries).map(([name, value]) => [name, Array.isArray(value) ? value : [value]]));
  return { headers, from, subject };
}

async function fixture(name: string) {
  const raw = readFileSync(new URL(`../../test/fixtures/mail/${name}`, import.meta.url));
  const read = await readEmail(raw, limits);
  if (!read.ok) throw new Error(read.reason);
  return { email: read.email, raw };
}

describe('automaticMessageReason', () => {
  it('allows a reply to an ordinary email', () => {
    expect(automaticMessageReason(email({ subject: 'Registration', 'auto-submitted': 'no' }))).toBeNull();
  });

  it.each([
    [{ 'auto-submitted': 'auto-replied' }, person, /Auto-Submitted/],
    [{ 'auto-submitted': 'auto-replied (vacation)' }, person, /Auto-Submitted/],
    [{ precedence: 'bulk' }, person, /bulk/],
    [{ precedence: 'list' }, person, /bulk or list/],
    [{ precedence: 'auto_reply' }, person, /automatic reply/],
    [{ 'list-id': '<law.lists.example>' }, person, /mailing list/],
    [{ 'return-path': '<>' }, person, /bounce/],
    [{ 'content-type': 'multipart/report; report-type=delivery-status' }, person, /delivery status/],
    [{}, 'MAILER-DAEMON@mx.example', /does not accept replies/],
    [{}, 'no-reply@firm.example', /does not accept replies/],
    [{}, 'postmaster@firm.example', /does not accept replies/],
    [{}, null, /no sender/],
  ])('refuses to answer %o from %s', (entries, from, reason) => {
    expect(automaticMessageReason(email(entries, from))).toMatch(reason);
  });

  it('does not mistake a person whose name starts like a robot for one', () => {
    expect(automaticMessageReason(email({}, 'norris@firm.example'))).toBeNull();
  });

  it('reads a repeated header in every occurrence: any Auto-Submitted but "no" is automatic', () => {
    expect(automaticMessageReason(email({ 'auto-submitted': ['no', 'auto-generated'] }))).toMatch(/Auto-Submitted/);
    expect(automaticMessageReason(email({ precedence: ['normal', 'bulk'] }))).toMatch(/bulk/);
    expect(automaticMessageReason(email({ 'auto-submitted': ['no', 'No (sent by a person)'] }))).toBeNull();
  });

  it('takes the topmost Return-Path, the one our own server wrote, as the envelope sender', () => {
    expect(automaticMessageReason(email({ 'return-path': ['<clerk@gmail.com>', '<clerk@gmail.com>'] }))).toBeNull();
    expect(automaticMessageReason(email({ 'return-path': ['<>', '<clerk@gmail.com>'] }))).toMatch(/bounce/);
  });
});

describe('automatic mail without RFC 3834 markers', () => {
  it.each([
    [{ 'x-autoreply': 'yes' }, /automatic reply \(X-Autoreply\)/],
    [{ 'x-autorespond': 'Out of office' }, /automatic reply \(X-Autorespond\)/],
    [{ 'x-apple-action': 'VACATION' }, /iCloud vacation reply/],
    [{ 'content-type': 'multipart/report; report-type="disposition-notification"; boundary="b"' }, /^it is a read receipt$/],
  ])('refuses to answer %o', (entries, reason) => {
    expect(automaticMessageReason(email(entries))).toMatch(reason);
  });

  it.each([
    ['Automatic reply: Common Platform registration', 'it is an automatic reply (its subject starts "Automatic reply")'],
    ['Out of Office', 'it is an automatic reply (its subject starts "Out of Office")'],
    ['Out of office reply - back on Monday', 'it is an automatic reply (its subject starts "Out of office reply")'],
    ['Abwesend: Common Platform registration', 'it is an automatic reply (its subject starts "Abwesend")'],
    ['Automatische Antwort: Registrierung', 'it is an automatic reply (its subject starts "Automatische Antwort")'],
    ['Réponse automatique\u00a0: Common Platform registration', 'it is an automatic reply (its subject starts "Réponse automatique")'],
    ['Respuesta automática: Common Platform registration', 'it is an automatic reply (its subject starts "Respuesta automática")'],
    ['AutoReply: Common Platform registration', 'it is an automatic reply (its subject starts "AutoReply")'],
    ['Read: Your registration form needs some changes', 'it is a read receipt (its subject starts "Read")'],
    ['Not read: Your registration form needs some changes', 'it is a read receipt (its subject starts "Not read")'],
    ['Gelesen: Registrierung', 'it is a read receipt (its subject starts "Gelesen")'],
  ])('refuses to answer an email with the subject %j', (subject, reason) => {
    expect(automaticMessageReason(email({}, person, subject))).toBe(reason);
  });

  it.each([
    'Out of office hours contact for our registration',
    'Reading chambers registration',
    'Re: Automatic reply settings on our form',
    'Registration (auto-reply off)',
  ])('answers a person whose subject only mentions such words: %j', (subject) => {
    expect(automaticMessageReason(email({}, person, subject))).toBeNull();
  });
});

describe('loop rules on mail as mail software writes it', () => {
  it('does not answer a read receipt from Outlook (an RFC 8098 report)', async () => {
    const { email: read, raw } = await fixture('read-receipt-outlook.eml');
    expect(matchBounce(read, raw)).toBeNull();
    expect(automaticMessageReason(read)).toBe('it is a read receipt');
  });

  it('does not answer an iCloud vacation reply, which carries no Auto-Submitted', async () => {
    const { email: read } = await fixture('vacation-icloud.eml');
    expect(automaticMessageReason(read)).toBe('it is an automatic reply (an iCloud vacation reply)');
  });

  it('does not answer an auto-reply that carries Auto-Submitted twice (Exchange, then the firm’s gateway)', async () => {
    const { email: read } = await fixture('auto-reply-repeated-auto-submitted.eml');
    expect(read.headers.get('auto-submitted')).toEqual(['auto-replied', 'auto-replied']);
    expect(automaticMessageReason(read)).toBe('it was sent automatically (Auto-Submitted)');
  });

  it('answers a person’s email with two Return-Path headers (iPhone Mail through Gmail), and does not take it for a bounce', async () => {
    const { email: read, raw } = await fixture('gmail-iphone-two-return-paths.eml');
    expect(read.headers.get('return-path')).toEqual(['<jane.clerk.smithlaw@gmail.com>', '<jane.clerk.smithlaw@gmail.com>']);
    expect(matchBounce(read, raw)).toBeNull();
    expect(automaticMessageReason(read)).toBeNull();
  });

  it('still refuses a standard bounce', async () => {
    const { email: read } = await fixture('bounce-postfix.eml');
    expect(automaticMessageReason(read)).not.toBeNull();
  });
});
