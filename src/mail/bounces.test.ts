import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeEmail } from '../../test/helpers/compose-email.js';
import { emailIdFromReplyMessageId, matchBounce } from './bounces.js';
import { readEmail } from './read-email.js';
import { replyMessageId } from './reply-headers.js';

const limits = { maxBytes: 1024 * 1024, maxParts: 100, maxDepth: 10, timeoutMs: 5_000 };

async function bounceOf(raw: Buffer) {
  const read = await readEmail(raw, limits);
  if (!read.ok) throw new Error(read.reason);
  return matchBounce(read.email, raw);
}

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/mail/${name}`, import.meta.url));

describe('emailIdFromReplyMessageId', () => {
  it('reads the submission back from the Message-ID our replies carry', () => {
    const emailId = '0123456789abcdef0123456789abcdef';
    expect(emailIdFromReplyMessageId(replyMessageId(emailId, 'form-received', 'clerk@firm.example', 'cp@justice.gov.uk'))).toBe(emailId);
  });

  it('finds nothing in other Message-IDs', () => {
    expect(emailIdFromReplyMessageId('<CAF=abc123@mail.gmail.com>')).toBeNull();
    expect(emailIdFromReplyMessageId('<0123456789abcdef.form-received.fedcba9876543210@justice.gov.uk>')).toBeNull();
  });
});

describe('matchBounce', () => {
  it('reads a standard report whose original headers come as text/rfc822-headers (Postfix)', async () => {
    expect(await bounceOf(fixture('bounce-postfix.eml'))).toEqual({
      originalMessageId: '<0123456789abcdef0123456789abcdef.form-received.fedcba9876543210@justice.gov.uk>',
      emailId: '0123456789abcdef0123456789abcdef',
      replyKind: 'form-received',
      recipient: 'clerk@smith-law.example',
      status: '5.1.1',
      action: 'failed',
    });
  });

  it('reads a standard report with the whole original attached (Exchange Online)', async () => {
    expect(await bounceOf(fixture('bounce-exchange.eml'))).toMatchObject({
      emailId: '0123456789abcdef0123456789abcdef',
      replyKind: 'no-form',
      recipient: 'jane.doe@smith-law.example',
      status: '5.1.10',
      action: 'failed',
    });
  });

  it('reads a non-standard bounce that quotes the original in its text (Exim)', async () => {
    expect(await bounceOf(fixture('bounce-exim.eml'))).toEqual({
      originalMessageId: '<fedcba9876543210fedcba9876543210.form-received.0011223344556677@justice.gov.uk>',
      emailId: 'fedcba9876543210fedcba9876543210',
      replyKind: 'form-received',
      recipient: 'clerks@chambers.example',
      status: null,
      action: null,
    });
  });

  it('still reports a bounce of an email that was not ours, without a submission', async () => {
    const raw = Buffer.from(
      fixture('bounce-postfix.eml')
        .toString('latin1')
        .replace(/<0123456789abcdef[^>]+>/, '<other@firm.example>'),
      'latin1',
    );
    expect(await bounceOf(raw)).toMatchObject({ originalMessageId: '<other@firm.example>', emailId: null, recipient: 'clerk@smith-law.example' });
  });

  it('is null for an ordinary email, even one about an undeliverable form', async () => {
    expect(await bounceOf(await composeEmail({ subject: 'Undeliverable: our form', text: 'Message-ID: <x@y>' }))).toBeNull();
  });
});
