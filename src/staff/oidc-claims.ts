import { STAFF_ROLES, type StaffRole } from './roles.js';

type Claims = Record<string, unknown>;

/** Who signed in, as the identity provider names them: a name for people to read, a subject that never changes. */
export interface SignedInPerson {
  name: string;
  subject: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

export function personFromClaims(claims: Claims): SignedInPerson {
  const subject = text(claims.sub) ?? '';
  return { name: text(claims.name) ?? text(claims.preferred_username) ?? text(claims.email) ?? subject, subject };
}

/**
 * The highest dashboard role any of the claim's values maps to, or null. Entra sends app roles and groups as
 * arrays; other providers may send one string, or a space-separated one.
 */
export function roleFromClaims(claims: Claims, claim: string, roleMap: ReadonlyMap<string, StaffRole>): StaffRole | null {
  const raw = claims[claim];
  const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : typeof raw === 'string' ? raw.split(/\s+/) : [];
  let best = -1;
  for (const value of values) {
    const role = roleMap.get(value);
    if (role) best = Math.max(best, STAFF_ROLES.indexOf(role));
  }
  return best >= 0 ? STAFF_ROLES[best]! : null;
}
