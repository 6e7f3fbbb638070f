import { z } from 'zod';

/**
 * What a staff member may do, each role including the one before: a viewer reads everything; a caseworker also
 * acts on submissions (retry, accept, reject, priority, re-send); an administrator also edits courts, manages
 * staff accounts and uses the queue board's destructive actions.
 */
export const STAFF_ROLES = ['viewer', 'caseworker', 'administrator'] as const;
export const StaffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** Accounts made without a role, and accounts from before roles, may only read. */
export const DEFAULT_STAFF_ROLE: StaffRole = 'viewer';

export function roleAllows(held: StaffRole, needed: StaffRole): boolean {
  return STAFF_ROLES.indexOf(held) >= STAFF_ROLES.indexOf(needed);
}
