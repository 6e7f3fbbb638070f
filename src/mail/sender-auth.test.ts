import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type Mail from 'nodemailer/lib/mailer';
import { composeEmail } from '../../test/helpers/compose-email.js';
import { authenticateSender, dmarcBlocksAcceptance, senderAuthWarning, type DNSResolver, type SenderAuthOptions } from './sender-auth.js';

const FIRM = 'smith-law.example';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicTxt = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

type Records = Record<string, string | Error>;

/** Answers TXT lookups from fixed records, as DNS would; anything else does not exist. */
function resolverFor(records: Records): DNSResolver {
  return async (name, rrtype) => {
    const answer = records[`${rrtype} ${name.toLowerCase()}`];
    if (answer instanceof Error) throw answer;
    if (answer === undefined) throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return rrtype === 'TXT' ? [[answer]] : [answer];
  };
}

const published: Records = {
  [`TXT sel1._domainkey.${FIRM}`]: publicTxt,
  [`TXT _dmarc.${FIRM}`]: 'v=DMARC1; p=reject; adkim=r; aspf=r',
  [`TXT ${FIRM}`]: 'v=spf1 ip4:192.0.2.10 -all',
};

const signed = (options: Mail.Options = {}, domainName = FIRM) =>
  composeEmail({ from: `clerk@${FIRM}`, ...options, dkim: { domainName, keySelector: 'sel1', privateKey: privatePem } });

const verify = (raw: Buffer, records: Records = published, extra: Partial<SenderAuthOptions> = {}) =>
  authenticateSender(raw, { trustedAuthservIds: ['mx.justice.gov.uk'], mode: 'verify', resolver: resolverFor(records), ...extra });

describe('authenticateSender, checking with mailauth', () => {
  it('passes DMARC for an email signed by the sender domain', async () => {
    const result = await verify(await signed());
    expect(result).toMatchObject({ dmarc: 'pass', dkim: 'pass', source: 'mailauth' });
    expect(dmarcBlocksAcceptance(result)).toBe(false);
  });

  it('fails DMARC when the email was changed after it was signed', async () => {
    const raw = await signed({ text: 'Please find our form attached.' });
    const tampered = Buffer.from(raw.toString().replace('Please find our form', 'Please find their form'));
    const result = await verify(tampered);
    // mailauth calls a body that no longer matches its signature "neutral" (body hash did not verify).
    expect(result).toMatchObject({ dmarc: 'fail', dkim: 'neutral' });
    expect(result.reason).toMatch(/failed DMARC/);
    expect(dmarcBlocksAcceptance(result)).toBe(true);
  });

  it('fails DMARC when the signature is from another domain than the From address', async () => {
    const records = { ...published, 'TXT sel1._domainkey.lookalike.example': publicTxt };
    const result = await verify(await signed({}, 'lookalike.example'), records);
    expect(result).toMatchObject({ dmarc: 'fail', dkim: 'pass' });
  });

  it('passes DMARC on SPF alone when the sending server is allowed for the domain', async () => {
    const raw = await composeEmail({ from: `clerk@${FIRM}` });
    const result = await verify(raw, published, { envelope: { ip: '192.0.2.10', helo: `mail.${FIRM}`, mailFrom: `clerk@${FIRM}` } });
    expect(result).toMatchObject({ dmarc: 'pass', spf: 'pass', dkim: 'none' });
  });

  it('reads the sending server from the topmost Received header when none is given', async () => {
    const raw = await composeEmail({ from: `clerk@${FIRM}` });
    const received = `Return-Path: <clerk@${FIRM}>\r\nReceived: from mail.${FIRM} (mail.${FIRM} [192.0.2.99])\r\n\tby mx.justice.gov.uk with ESMTPS id abc; Mon, 3 Mar 2025 10:00:00 +0000\r\n`;
    expect(await verify(Buffer.concat([Buffer.from(received), raw]))).toMatchObject({ spf: 'fail', dmarc: 'fail' });
  });

  it('says "none" when the domain publishes no DMARC policy', async () => {
    const { [`TXT _dmarc.${FIRM}`]: _, ...withoutDmarc } = published;
    const result = await verify(await signed(), withoutDmarc);
    expect(result).toMatchObject({ dmarc: 'none', dkim: 'pass' });
    expect(dmarcBlocksAcceptance(result)).toBe(false);
  });

  it('says "temperror" when DNS fails for now, which does not block acceptance by itself', async () => {
    const records = { ...published, [`TXT _dmarc.${FIRM}`]: Object.assign(new Error('SERVFAIL'), { code: 'ESERVFAIL' }) };
    const result = await verify(await signed(), records);
    expect(result.dmarc).toBe('temperror');
  });

  it('gives up with a temperror when DNS does not answer in time', async () => {
    const hanging: DNSResolver = () => new Promise(() => undefined);
    const result = await authenticateSender(await signed(), { trustedAuthservIds: [], mode: 'verify', resolver: hanging, timeoutMs: 200 });
    expect(result).toMatchObject({ dmarc: 'temperror', reason: 'sender authentication could not be checked' });
  });
});

describe('authenticateSender, believing a trusted receiving server', () => {
  const headers = (...values: string[]) => values.map((value) => `Authentication-Results: ${value}\r\n`).join('');
  const withHeaders = async (...values: string[]) => Buffer.concat([Buffer.from(headers(...values)), await composeEmail({})]);
  const fromHeaders = async (raw: Buffer, trusted = ['mx.justice.gov.uk']) => authenticateSender(raw, { trustedAuthservIds: trusted, mode: 'headers' });

  it('uses the topmost header from a trusted server', async () => {
    const raw = await withHeaders(
      'MX.justice.gov.uk;\r\n\tdkim=pass header.d=smith-law.example header.s=sel1;\r\n\tspf=pass (sender SPF authorized) smtp.mailfrom=smith-law.example;\r\n\tdmarc=pass (p=REJECT) header.from=smith-law.example',
      'mx.justice.gov.uk; dmarc=fail header.from=smith-law.example',
    );
    expect(await fromHeaders(raw)).toMatchObject({ dmarc: 'pass', spf: 'pass', dkim: 'pass', source: 'headers' });
  });

  it('ignores headers from other servers, which anyone can write', async () => {
    const raw = await withHeaders(
      'spoofer.example; dkim=pass; spf=pass; dmarc=pass header.from=smith-law.example',
      'mx.justice.gov.uk 1; spf=softfail smtp.mailfrom=smith-law.example; dkim=none; dmarc=fail action=quarantine header.from=smith-law.example',
    );
    const result = await fromHeaders(raw);
    expect(result).toMatchObject({ dmarc: 'fail', spf: 'softfail', dkim: 'none' });
    expect(dmarcBlocksAcceptance(result)).toBe(true);
  });

  it('finds nothing to believe when no trusted server wrote a header', async () => {
    const raw = await withHeaders('spoofer.example; dmarc=pass header.from=smith-law.example');
    expect(await fromHeaders(raw)).toEqual({
      dmarc: 'none',
      spf: 'none',
      dkim: 'none',
      source: 'headers',
      reason: 'no Authentication-Results header from a trusted server',
    });
  });

  it('ignores Authentication-Results lines inside the body', async () => {
    const raw = await composeEmail({ text: 'Authentication-Results: mx.justice.gov.uk; dmarc=pass' });
    expect((await fromHeaders(raw)).reason).toBe('no Authentication-Results header from a trusted server');
  });
});

describe('senderAuthWarning', () => {
  it('warns only when headers mode believes no server', () => {
    expect(senderAuthWarning({ mode: 'headers', trustedAuthservIds: [] })).toMatch(/SENDER_AUTH_TRUSTED_SERVERS is empty/);
    expect(senderAuthWarning({ mode: 'headers', trustedAuthservIds: ['mx.justice.gov.uk'] })).toBeNull();
    expect(senderAuthWarning({ mode: 'verify', trustedAuthservIds: [] })).toBeNull();
  });
});
