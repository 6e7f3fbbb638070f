import type { AuthenticateResult, DNSResolver } from 'mailauth';
import { authenticationResultsHeaders, combineDkim, toVerdict, trustedAuthenticationResults, type AuthVerdict } from './authentication-results.js';

export type { AuthVerdict } from './authentication-results.js';
export type { DNSResolver } from 'mailauth';

export interface SenderAuthResult {
  dmarc: AuthVerdict;
  spf: AuthVerdict;
  dkim: AuthVerdict;
  source: 'headers' | 'mailauth';
  /** In plain words, for staff; names no address. */
  reason: string;
}

export interface SenderAuthOptions {
  /** authserv-ids of receiving servers whose Authentication-Results headers are believed. */
  trustedAuthservIds: string[];
  /** `headers`: believe a trusted server's results; `verify`: check DKIM, SPF and DMARC here. */
  mode: 'headers' | 'verify';
  /** DNS lookups for `verify`; tests pass fixed records. Defaults to the system resolver. */
  resolver?: DNSResolver;
  /** The SMTP client, when known; otherwise read from the topmost Received header (our own server's). */
  envelope?: { ip: string; helo?: string; mailFrom?: string };
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

function reasonFor(dmarc: AuthVerdict, spf: AuthVerdict, dkim: AuthVerdict): string {
  const detail = `SPF ${spf}, DKIM ${dkim}`;
  switch (dmarc) {
    case 'pass':
      return `the sender's domain passed DMARC (${detail})`;
    case 'fail':
      return `the sender's domain failed DMARC: the email may not be from who it says (${detail})`;
    case 'none':
      return `the sender's domain publishes no DMARC policy (${detail})`;
    case 'temperror':
      return `DMARC could not be checked for now (${detail})`;
    default:
      return `DMARC result ${dmarc} (${detail})`;
  }
}

function fromHeaders(raw: Buffer, trustedIds: string[]): SenderAuthResult {
  const results = trustedAuthenticationResults(authenticationResultsHeaders(raw), trustedIds);
  if (!results) {
    return { dmarc: 'none', spf: 'none', dkim: 'none', source: 'headers', reason: 'no Authentication-Results header from a trusted server' };
  }
  const { dmarc, spf, dkim } = results;
  return { dmarc, spf, dkim, source: 'headers', reason: reasonFor(dmarc, spf, dkim) };
}

function fromMailauth(result: AuthenticateResult): SenderAuthResult {
  const dmarc = result.dmarc ? toVerdict(result.dmarc.status.result) : 'none';
  const spf = result.spf ? toVerdict(result.spf.status.result) : 'none';
  const dkim = combineDkim(result.dkim.results.map((row) => toVerdict(row.status.result)));
  return { dmarc, spf, dkim, source: 'mailauth', reason: reasonFor(dmarc, spf, dkim) };
}

async function verify(raw: Buffer, options: SenderAuthOptions): Promise<SenderAuthResult> {
  const { envelope } = options;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  });
  try {
    // Loaded on first use: its DNS, public-suffix and BIMI code cost a worker about 0.3 s of CPU at start-up, and the
    // default mode (`headers`) never needs it.
    const { authenticate } = await import('mailauth');
    const result = await Promise.race([
      authenticate(raw, {
        ...(envelope ? { ip: envelope.ip, helo: envelope.helo, sender: envelope.mailFrom } : { trustReceived: true }),
        mta: options.trustedAuthservIds[0] ?? 'onboarding-intake',
        resolver: options.resolver,
        disableArc: true,
        disableBimi: true,
      }),
      timeout,
    ]);
    return fromMailauth(result);
  } catch {
    return { dmarc: 'temperror', spf: 'temperror', dkim: 'temperror', source: 'mailauth', reason: 'sender authentication could not be checked' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * DKIM, SPF and DMARC results for a raw email: either those a trusted receiving server recorded, or
 * checked here with mailauth. Never throws; a check that cannot be made is a temperror.
 */
export async function authenticateSender(raw: Buffer, options: SenderAuthOptions): Promise<SenderAuthResult> {
  return options.mode === 'headers' ? fromHeaders(raw, options.trustedAuthservIds) : verify(raw, options);
}

/** A form whose sender fails DMARC is never accepted automatically: staff review it. */
export function dmarcBlocksAcceptance(result: Pick<SenderAuthResult, 'dmarc'>): boolean {
  return result.dmarc === 'fail';
}

/**
 * What an operator must know about the sender checks as configured, or null. In `headers` mode with no trusted
 * server every email reads as DMARC `none`, so no form is ever held back for a forged sender.
 */
export function senderAuthWarning(options: Pick<SenderAuthOptions, 'mode' | 'trustedAuthservIds'>): string | null {
  if (options.mode !== 'headers' || options.trustedAuthservIds.length > 0) return null;
  return 'SENDER_AUTH_TRUSTED_SERVERS is empty: no Authentication-Results header is believed, so forms from forged senders are not held for review; name the receiving servers, or set SENDER_AUTH_MODE=verify';
}
