import { ZodError } from 'zod';
import type { StaffAccounts } from './staff-accounts.js';

export interface StaffCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The password, from a hidden prompt on a terminal or the first line of standard input otherwise. */
  readPassword: () => Promise<string>;
}

const USAGE = 'Usage: npm run staff -- add <username> | remove <username> | list\n(add reads the password from standard input, or asks for it on a terminal; run add again to change a password)\n';

/** Staff accounts from the command line; returns the exit code. */
export async function runStaffCli(args: readonly string[], io: StaffCliIo, accounts: StaffAccounts): Promise<number> {
  const [command, username] = args;
  try {
    if (command === 'list' && !username) {
      const names = await accounts.list();
      io.out(names.length > 0 ? `${names.join('\n')}\n` : 'No staff accounts yet\n');
      return 0;
    }
    if (command === 'add' && username) {
      const password = await io.readPassword();
      const created = await accounts.set(username, password);
      io.out(created ? `Added ${username.trim().toLowerCase()}\n` : `Changed the password of ${username.trim().toLowerCase()}\n`);
      return 0;
    }
    if (command === 'remove' && username) {
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
