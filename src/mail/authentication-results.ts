/** Outcomes RFC 8601 records for SPF, DKIM and DMARC, as far as this service cares. */
export type AuthVerdict = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

const VERDICTS = new Set<AuthVerdict>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);

export interface AuthenticationResults {
  authservId: string;
  spf: AuthVerdict;
  dkim: AuthVerdict;
  dmarc: AuthVerdict;
  /** header.from of the DMARC result, when given. */
  dmarcDomain: string | null;
}

const ALIASES: Record<string, AuthVerdict> = { temperr: 'temperror', permerr: 'permerror', hardfail: 'fail' };

export function toVerdict(value: string | undefined): AuthVerdict {
  const lower = (value ?? '').toLowerCase();
  return ALIASES[lower] ?? (VERDICTS.has(lower as AuthVerdict) ? (lower as AuthVerdict) : 'none');
}

/** With several DKIM signatures, one that passes is enough (RFC 6376 §6.1); otherwise the first says why. */
export function combineDkim(verdicts: AuthVerdict[]): AuthVerdict {
  if (verdicts.includes('pass')) return 'pass';
  return verdicts[0] ?? 'none';
}

function withoutComments(value: string): string {
  let result = value;
  for (let previous = ''; previous !== result;) {
    previous = result;
    result = result.replace(/\([^()]*\)/g, ' ');
  }
  return result;
}

/** Parses one Authentication-Results header value (RFC 8601). */
export function parseAuthenticationResults(value: string): AuthenticationResults | null {
  const [head, ...resinfos] = withoutComments(value.replace(/\r?\n[ \t]+/g, ' ')).split(';');
  const authservId = head?.trim().split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return null;
  const found: Record<'spf' | 'dkim' | 'dmarc', AuthVerdict[]> = { spf: [], dkim: [], dmarc: [] };
  let dmarcDomain: string | null = null;
  for (const resinfo of resinfos) {
    const match = /^\s*(spf|dkim|dmarc)\s*=\s*([a-z]+)/i.exec(resinfo);
    if (!match) continue;
    const method = match[1]!.toLowerCase() as keyof typeof found;
    found[method].push(toVerdict(match[2]));
    if (method === 'dmarc') dmarcDomain = /header\.from\s*=\s*([^\s;]+)/i.exec(resinfo)?.[1]?.toLowerCase() ?? null;
  }
  return { authservId, spf: found.spf[0] ?? 'none', dkim: combineDkim(found.dkim), dmarc: found.dmarc[0] ?? 'none', dmarcDomain };
}

/**
 * The results written by the topmost Authentication-Results header whose authserv-id is a server we trust.
 * Anyone can write this header, so headers from other ids are ignored; the receiving server adds its own
 * on top of whatever the message arrived with.
 */
export function trustedAuthenticationResults(headerValues: string[], trustedIds: string[]): AuthenticationResults | null {
  const trusted = new Set(trustedIds.map((id) => id.toLowerCase()));
  for (const value of headerValues) {
    const parsed = parseAuthenticationResults(value);
    if (parsed && trusted.has(parsed.authservId)) return parsed;
  }
  return null;
}

/** Every Authentication-Results header of a raw email, top first, read from its header block only. */
export function authenticationResultsHeaders(raw: Buffer): string[] {
  const text = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const headerBlock = (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, ' ');
  return [...headerBlock.matchAll(/^authentication-results:[ \t]*(.*)$/gim)].map((match) => match[1] ?? '');
}
