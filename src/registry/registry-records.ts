import { createHash } from 'node:crypto';
import type { ActivationState, OrganisationIdentifiers, OrganisationRecord, RegistrationInput, Role, UserInput, UserRecord } from './account-registry.js';

/** What the registry keeps of an organisation, in a fixed key order so equal data gives an equal fingerprint. */
export type OrganisationData = Pick<OrganisationRecord, 'name' | 'type' | 'identifiers' | 'courts' | 'address' | 'phone' | 'email' | 'administrator'>;

export interface UserData {
  firstName: string;
  lastName: string;
  email: string;
  mobileE164: string;
  roles: Role[];
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
/** Emails appear in key names only hashed, so key listings and slow logs carry no personal data. */
export const emailKey = (email: string) => sha256(normaliseEmail(email)).slice(0, 32);
export const fingerprint = (data: unknown) => sha256(JSON.stringify(data));

/** `laa:0A123B`: upper case without spaces, so "0a 123b" on a re-submission finds the same organisation. */
export function identifierKeys(identifiers: OrganisationIdentifiers): string[] {
  const keys: string[] = [];
  for (const kind of ['laa', 'sra', 'bsb'] as const) {
    const value = identifiers[kind]?.replace(/\s+/g, '').toUpperCase();
    if (value) keys.push(`${kind}:${value}`);
  }
  return keys;
}

export function organisationData(registration: RegistrationInput): OrganisationData {
  const o = registration.organisation;
  const admin = registration.administrator ?? o.administrator ?? null;
  const identifiers: OrganisationIdentifiers = {};
  for (const kind of ['laa', 'sra', 'bsb'] as const) {
    const value = o.identifiers[kind]?.replace(/\s+/g, '').toUpperCase();
    if (value) identifiers[kind] = value;
  }
  return {
    name: o.name.trim(),
    type: o.type,
    identifiers,
    courts: [...new Set(o.courts)].sort(),
    address: o.address ? { line1: o.address.line1, line2: o.address.line2 ?? null, town: o.address.town, postcode: o.address.postcode } : null,
    phone: o.phone ?? null,
    email: o.email ? normaliseEmail(o.email) : null,
    administrator: admin ? { name: admin.name, jobTitle: admin.jobTitle, email: normaliseEmail(admin.email), phone: admin.phone } : null,
  };
}

export function userData(user: UserInput): UserData {
  return {
    firstName: user.firstName.trim(),
    lastName: user.lastName.trim(),
    email: normaliseEmail(user.email),
    mobileE164: user.mobileE164,
    roles: [...new Set(user.roles)].sort(),
  };
}

/** Redis hash fields → record. Hashes hold the structured part as one JSON field, `data`. */
export function organisationFromHash(hash: Record<string, string>, conflicts: Record<string, string>): OrganisationRecord | null {
  if (!hash.id || !hash.data) return null;
  const data = JSON.parse(hash.data) as OrganisationData;
  return {
    id: hash.id,
    ...data,
    submissionId: hash.submissionId ?? '',
    createdAt: hash.createdAt ?? '',
    updatedAt: hash.updatedAt ?? '',
    conflicts: Object.values(conflicts)
      .map((value) => JSON.parse(value) as OrganisationRecord['conflicts'][number])
      .sort((a, b) => a.email.localeCompare(b.email)),
  };
}

export function userFromHash(hash: Record<string, string>): UserRecord | null {
  if (!hash.id || !hash.data || !hash.organisationId) return null;
  const data = JSON.parse(hash.data) as UserData;
  return {
    id: hash.id,
    organisationId: hash.organisationId,
    ...data,
    activationState: (hash.activationState ?? 'not-invited') as ActivationState,
    activationStateAt: hash.activationStateAt ?? '',
    createdAt: hash.createdAt ?? '',
    updatedAt: hash.updatedAt ?? '',
  };
}
