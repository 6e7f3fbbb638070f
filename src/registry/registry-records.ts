import { hash } from 'node:crypto';
import { z } from 'zod';
import { jsonField, parseStored } from '../stored-record.js';
import type {
  ActivationState,
  OrganisationIdentifiers,
  OrganisationRecord,
  OrganisationType,
  RegistrationInput,
  Role,
  UserConflict,
  UserInput,
  UserRecord,
} from './account-registry.js';

/** What the registry keeps of an organisation, in a fixed key order so equal data gives an equal fingerprint. */
export type OrganisationData = Pick<OrganisationRecord, 'name' | 'type' | 'identifiers' | 'courts' | 'address' | 'phone' | 'email' | 'administrator'>;

export interface UserData {
  firstName: string;
  lastName: string;
  email: string;
  mobileE164: string;
  roles: Role[];
}

// One call, no Hash object: a form of 200 users hashes 400 short strings here.
const sha256 = (value: string) => hash('sha256', value, 'hex');

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

const ROLES = ['organisation-administrator', 'advocate', 'defence-lawyer', 'support-staff'] as const satisfies readonly Role[];
const ORGANISATION_TYPES = ['solicitors-firm', 'barristers-chambers', 'sole-barrister'] as const satisfies readonly OrganisationType[];
const ACTIVATION_STATES = ['not-invited', 'invited', 'activated', 'expired'] as const satisfies readonly ActivationState[];

const ContactSchema = z.object({ name: z.string(), jobTitle: z.string(), email: z.string(), phone: z.string() });
const OrganisationDataSchema = z.object({
  name: z.string(),
  type: z.enum(ORGANISATION_TYPES),
  identifiers: z.object({ laa: z.string().optional(), sra: z.string().optional(), bsb: z.string().optional() }),
  courts: z.array(z.string()),
  address: z.object({ line1: z.string(), line2: z.string().nullish(), town: z.string(), postcode: z.string() }).nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  administrator: ContactSchema.nullable(),
}) satisfies z.ZodType<OrganisationData>;
const UserDataSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  mobileE164: z.string(),
  roles: z.array(z.enum(ROLES)),
}) satisfies z.ZodType<UserData>;
const ConflictSchema = jsonField(z.object({ email: z.string(), existingOrganisationId: z.string() })) satisfies z.ZodType<UserConflict>;

// Hashes hold the structured part as one JSON field, `data`; the rest are plain fields.
const OrganisationHashSchema = z.object({
  id: z.string(),
  data: jsonField(OrganisationDataSchema),
  submissionId: z.string().default(''),
  createdAt: z.string().default(''),
  updatedAt: z.string().default(''),
});
const UserHashSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  data: jsonField(UserDataSchema),
  activationState: z.enum(ACTIVATION_STATES).default('not-invited'),
  activationStateAt: z.string().default(''),
  createdAt: z.string().default(''),
  updatedAt: z.string().default(''),
});

/** An organisation's hash and its conflicts hash: null when it holds no record, a CorruptRecordError when it cannot be read. */
export function organisationFromHash(hash: Record<string, string>, conflicts: Record<string, string>): OrganisationRecord | null {
  if (!hash.id || !hash.data) return null;
  const { data, ...record } = parseStored(OrganisationHashSchema, hash, 'organisation record');
  return {
    ...record,
    ...data,
    conflicts: parseStored(z.array(ConflictSchema), Object.values(conflicts), 'organisation conflicts').sort((a, b) => a.email.localeCompare(b.email)),
  };
}

/** A user's hash: null when it holds no record, a CorruptRecordError when it cannot be read. */
export function userFromHash(hash: Record<string, string>): UserRecord | null {
  if (!hash.id || !hash.data || !hash.organisationId) return null;
  const { data, ...record } = parseStored(UserHashSchema, hash, 'user record');
  return { ...record, ...data };
}
