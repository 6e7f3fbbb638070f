// Deliberately practical: one @, a dotted domain, no spaces; the activation email is the real test.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Strips a mailto: link's scheme and query, lower-cases; null when it is not an email address. */
export function normaliseEmail(input: string): string | null {
  let text = input.trim();
  if (/^mailto:/i.test(text)) text = decodeMailto(text.slice(7));
  text = text.replace(/^<(.*)>$/, '$1').trim();
  if (text.length > 254 || !EMAIL.test(text) || text.includes('..')) return null;
  return text.toLowerCase();
}

function decodeMailto(value: string): string {
  const address = value.split('?')[0] ?? '';
  try {
    return decodeURIComponent(address);
  } catch {
    return address;
  }
}
