import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** Loopback and private (RFC 1918, RFC 4193) addresses: a scraper inside the deployment's own network. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  if (isIP(ip) === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (isIP(ip) === 6) return ip === '::1' || /^f[cd][0-9a-f]{2}:/i.test(ip);
  return false;
}

/**
 * Who may read /metrics. With a token configured, only a request carrying it (from anywhere); without one,
 * only the private network, so the counters never leak to the internet by default.
 */
export function mayScrape(token: string | null, authorization: string | undefined, address: string): boolean {
  if (!token) return isPrivateAddress(address);
  const given = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
