/**
 * Where organisations and their users are set up. The service ships with a Redis implementation
 * (`redis-account-registry.ts`); the real platform can be reached through an adapter that implements the
 * same interface over HTTP.
 *
 * What an HTTP adapter must guarantee:
 * - `upsertOrganisation` is idempotent: the same registration sent twice (a retried job) changes nothing the
 *   second time and reports `unchanged`. Match organisations on any of LAA, SRA or Bar number, never on name.
 *   If the platform cannot do this in one call, send an idempotency key (the submission id) with each call.
 * - A user's email belongs to one organisation. An email already registered elsewhere is reported as
 *   `conflict` with the other organisation's id and left alone; it is never moved.
 * - Users missing from a re-submission are reported in `usersNotInForm`, not removed: staff decide.
 * - Activation states only move forward from `activated`: a late `invited` or `expired` is refused.
 * - Failures are thrown as `IntakeError`: a timeout, 5xx or 429 as a retryable code, a 4xx the platform will
 *   never accept as a permanent one. Error messages carry ids only, never names, emails or phone numbers.
 * - Lists are paged (`offset`, `limit`) so the dashboard never loads every organisation at once.
 */

export type Role = 'organisation-administrator' | 'advocate' | 'defence-lawyer' | 'support-staff';
export type OrganisationType = 'solicitors-firm' | 'barristers-chambers' | 'sole-barrister';
/** `not-invited`: set up, no link sent yet; `invited`: a link is out; `expired`: the link ran out unused. */
export type ActivationState = 'not-invited' | 'invited' | 'activated' | 'expired';
export const ACTIVATION_STATES: readonly ActivationState[] = ['not-invited', 'invited', 'activated', 'expired'];

export interface OrganisationIdentifiers {
  /** Legal Aid Agency account number. */
  laa?: string | undefined;
  /** Solicitors Regulation Authority number. */
  sra?: string | undefined;
  /** Bar Standards Board (Bar) number. */
  bsb?: string | undefined;
}

export interface OrganisationAddress {
  line1: string;
  line2?: string | null | undefined;
  town: string;
  postcode: string;
}

export interface ContactPerson {
  name: string;
  jobTitle: string;
  email: string;
  phone: string;
}

/** The part of a checked registration the registry keeps; a full registration fits it as it is. */
export interface RegistrationInput {
  organisation: {
    name: string;
    type: OrganisationType;
    identifiers: OrganisationIdentifiers;
    courts: readonly string[];
    address?: OrganisationAddress | undefined;
    phone?: string | undefined;
    email?: string | undefined;
    administrator?: ContactPerson | undefined;
  };
  administrator?: ContactPerson | undefined;
  users: ReadonlyArray<UserInput>;
}

export interface UserInput {
  firstName: string;
  lastName: string;
  email: string;
  mobileE164: string;
  roles: readonly Role[];
}

export interface OrganisationRecord {
  id: string;
  name: string;
  type: OrganisationType;
  identifiers: OrganisationIdentifiers;
  courts: string[];
  address: OrganisationAddress | null;
  phone: string | null;
  email: string | null;
  administrator: ContactPerson | null;
  /** The submission (email id) that last changed this organisation. */
  submissionId: string;
  createdAt: string;
  updatedAt: string;
  /** Emails in the latest form that belong to another organisation, for staff to sort out. */
  conflicts: UserConflict[];
}

export interface UserRecord {
  id: string;
  organisationId: string;
  firstName: string;
  lastName: string;
  /** Lower case. */
  email: string;
  mobileE164: string;
  roles: Role[];
  activationState: ActivationState;
  activationStateAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface UserConflict {
  email: string;
  existingOrganisationId: string;
}

export type ChangeOutcome = 'created' | 'updated' | 'unchanged';

export type UserOutcome =
  { email: string; outcome: ChangeOutcome; userId: string } | { email: string; outcome: 'conflict'; existingUserId: string; existingOrganisationId: string };

export type UpsertResult =
  | {
      outcome: ChangeOutcome;
      organisationId: string;
      users: UserOutcome[];
      /** Users of the organisation the form no longer lists; kept, for staff to review. */
      usersNotInForm: string[];
    }
  /** The identifiers point at two different organisations: nothing was changed, staff must decide. */
  | { outcome: 'identifier-conflict'; organisationIds: string[] };

export interface OrganisationSummary extends OrganisationRecord {
  userCount: number;
  activation: Record<ActivationState, number>;
  /** The domains of its users' email addresses, lower case, for staff searching by domain. */
  emailDomains: string[];
}

export interface Page {
  offset?: number;
  limit?: number;
}

export interface AccountRegistry {
  /** Adds or updates the organisation matched by any of its identifiers, with its users. */
  upsertOrganisation(registration: RegistrationInput, submissionId: string): Promise<UpsertResult>;
  getOrganisation(organisationId: string): Promise<OrganisationRecord | null>;
  /** Newest first, for the staff dashboard. */
  listOrganisations(page?: Page): Promise<{ total: number; organisations: OrganisationSummary[] }>;
  listUsers(organisationId: string): Promise<UserRecord[]>;
  getUser(userId: string): Promise<UserRecord | null>;
  /** Several users in one round trip, in the order asked (null where there is none). */
  getUsers(userIds: string[]): Promise<(UserRecord | null)[]>;
  findUserByEmail(email: string): Promise<UserRecord | null>;
  /** Returns `changed: false` when the user is missing or already activated (activation is final). */
  setActivationState(userId: string, state: ActivationState, at?: Date): Promise<{ changed: boolean; user: UserRecord | null }>;
}
