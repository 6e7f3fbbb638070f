import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { requireProgram, startProcess, stopProcess, waitForPort, type ServerProcess } from './process.js';

export interface LocalDovecot {
  host: string;
  port: number;
  dir: string;
  /** Adds a mailbox user; Dovecot reads the passwd-file afresh, so this works while it runs. */
  addUser(user: string, password: string): string;
  imapUrl(user: string, password: string): string;
  stop(): Promise<void>;
  /** Stops and starts again on the same port and mail store (an IMAP connection drop for clients). */
  restart(): Promise<void>;
}

function configText(dir: string, port: number, runAsRoot: boolean, oauth2: boolean, sentFolder: string): string {
  // As root, Dovecot refuses to run mail processes as root: they run as the packaged "dovecot" user.
  const owner = runAsRoot ? 'dovecot' : userInfo().username;
  return `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${oauth2 ? ' xoauth2' : ''}
default_internal_user = ${runAsRoot ? 'dovecot' : owner}
default_login_user = ${runAsRoot ? 'dovenull' : owner}
mail_uid = ${owner}
mail_gid = ${runAsRoot ? 'dovecot' : owner}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
mail_max_userip_connections = 1000
namespace inbox {
  inbox = yes
  separator = /
  mailbox "${sentFolder}" {
    special_use = \\Sent
    auto = subscribe
  }
}
${
  oauth2
    ? `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/oauth2.conf
}
`
    : ''
}passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${owner} gid=${runAsRoot ? 'dovecot' : owner} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

// Dovecot POSTs token=… and wants {"active":true,"username":"…"}; every login is checked afresh.
const oauth2Settings = (introspectionUrl: string) => `introspection_mode = post
introspection_url = ${introspectionUrl}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
`;

/** A throwaway Dovecot IMAP server on loopback, its config, users and mail all under `dir`. */
export interface DovecotOptions {
  port?: number;
  /** Lines appended to the configuration, such as an `imap_capability` without IDLE. */
  extraConfig?: string;
  /**
   * OAuth2 logins (XOAUTH2 only, as Exchange Online offers): each token is checked at this introspection
   * endpoint, whose answer must name the mailbox as `username`. Password logins keep working beside it.
   */
  oauth2?: { introspectionUrl: string };
  /** The folder flagged \\Sent (made at first login): Exchange calls it "Sent Items". */
  sentFolder?: string;
}

export async function startLocalDovecot(dir: string, options: DovecotOptions = {}): Promise<LocalDovecot> {
  const program = requireProgram('dovecot', 'dovecot-imapd');
  const runAsRoot = process.getuid?.() === 0;
  for (const sub of ['', 'run', 'state', 'mail']) mkdirSync(join(dir, sub), { recursive: true });
  // Dovecot's unprivileged processes must be able to reach the config and the mail store.
  chmodSync(dir, 0o755);
  if (runAsRoot) {
    // The packaged user's ids differ between machines; `id` reads them from the system.
    const id = (flag: string) => Number(execFileSync('id', [flag, 'dovecot'], { encoding: 'utf8' }).trim());
    chownSync(join(dir, 'mail'), id('-u'), id('-g'));
  }
  const chosenPort = options.port ?? (await freePort());
  const configPath = join(dir, 'dovecot.conf');
  const usersPath = join(dir, 'users');
  writeFileSync(configPath, configText(dir, chosenPort, runAsRoot, options.oauth2 !== undefined, options.sentFolder ?? 'Sent') + (options.extraConfig ?? ''));
  if (options.oauth2) writeFileSync(join(dir, 'oauth2.conf'), oauth2Settings(options.oauth2.introspectionUrl));
  appendFileSync(usersPath, '');
  chmodSync(usersPath, 0o644);
  let server: ServerProcess;
  const launch = async () => {
    server = startProcess(program, ['-F', '-c', configPath]);
    await waitForPort(chosenPort, server, 'dovecot');
  };
  await launch();
  return {
    host: '127.0.0.1',
    port: chosenPort,
    dir,
    addUser(user, password) {
      const line = `${user}:{PLAIN}${password}::::::`;
      if (!readFileSync(usersPath, 'utf8').split('\n').includes(line)) appendFileSync(usersPath, `${line}\n`);
      return user;
    },
    imapUrl: (user, password) => `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}`,
    stop: () => stopProcess(server),
    async restart() {
      await stopProcess(server);
      await launch();
    },
  };
}
