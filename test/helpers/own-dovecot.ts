import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalDovecot, type DovecotOptions, type LocalDovecot } from '../../src/local-servers/dovecot.js';

export interface OwnDovecot {
  dovecot: LocalDovecot;
  /** The one mailbox user, whose password is its name. */
  user: string;
  imapUrl: string;
  /** Stops the server and removes its directory. */
  dispose(): Promise<void>;
}

/** A Dovecot of the test's own, for tests that stop, restart or reconfigure the IMAP server. */
export async function startOwnDovecot(user: string, options: DovecotOptions = {}): Promise<OwnDovecot> {
  const dir = mkdtempSync(join(tmpdir(), `intake-${user}-`));
  // mkdtemp makes the directory 0700; Dovecot's unprivileged processes must reach the mail store inside it.
  chmodSync(dir, 0o755);
  const dovecot = await startLocalDovecot(join(dir, 'dovecot'), options);
  dovecot.addUser(user, user);
  return {
    dovecot,
    user,
    imapUrl: dovecot.imapUrl(user, user),
    async dispose() {
      await dovecot.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
