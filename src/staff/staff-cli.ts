import { ZodError } from 'zod';
import { DEFAULT_STAFF_ROLE, STAFF_ROLES, StaffRoleSchema } from './roles.js';
import type { StaffAccounts } from './staff-accounts.js';

export interface StaffCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The password, from a hidden prompt on a terminal or the first line of standard input otherwise. */
  readPassword: () => Promise<string>;
}

const USAGE = `Usage: npm run staff -- add <username> [--role ${STAFF_ROLES.join('|')}] | role <username> <role> | remove <username> | list
(add reads the password from standard input, or asks for it on a terminal; run add again to change a password.
A new account is a ${DEFAULT_STAFF_ROLE} unless --role says otherwise.)
`;

/** Staff accounts from the command line; returns the exit code. */
export async function runStaffCli(args: readonly string[], io: StaffCliIo, accounts: StaffAccounts): Promise<number> {
  const [command, username, ...rest] = args;
  try {
    if (command === 'list' && !username) {
      const listed = await accounts.list();
      io.out(listed.length > 0 ? listed.map((a) => `${a.username}\t${a.role}\n`).join('') : 'No staff accounts yet\n');
      return 0;
    }
    if (command === 'add' && username && (rest.length === 0 || (rest.length === 2 && rest[0] === '--role'))) {
      const role = rest[1] === undefined ? undefined : StaffRoleSchema.parse(rest[1]);
      const password = await io.readPassword();
      const created = await accounts.set(username, password, role);
      const name = username.trim().toLowerCase();
      io.out(created ? `Added ${name} (${role ?? DEFAULT_STAFF_ROLE})\n` : `Changed the password of ${name}${role ? ` and made it ${role}` : ''}\n`);
      return 0;
    }
    if (command === 'role' && username && rest.length === 1) {
      const role = StaffRoleSchema.parse(rest[0]);
      io.out((await accounts.setRole(username, role)) ? `${username} is now ${role}\n` : `No account ${username}\n`);
      return 0;
    }
    if (command === 'remove' && username && rest.length === 0) {
      io.out((await accounts.remove(username)) ? `Removed ${username}\n` : `No account ${username}\n`);
      return 0;
    }
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    io.err(`Nothing changed: ${error.issues[0]?.message ?? 'not valid'}\n`);
    return 1;
  }
  io.err(USAGE);
  return 2;
}
