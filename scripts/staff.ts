import { createInterface } from 'node:readline';
import { loadRedisConfig } from '../src/config.js';
import { createRedis, keysFor } from '../src/redis.js';
import { runStaffCli } from '../src/staff/staff-cli.js';
import { StaffAccounts } from '../src/staff/staff-accounts.js';

/** Asks on the terminal without echoing what is typed. */
function promptHidden(): Promise<string> {
  process.stderr.write('Password: ');
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') reject(new Error('Cancelled'));
        else if (char === '\u007f') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** From a pipe (`echo … | npm run staff -- add alice`), the first line of standard input. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) return promptHidden();
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

// Staff accounts live in the service's Redis: only its settings (REDIS_*, KEY_PREFIX) are needed here.
const config = loadRedisConfig(process.env);
const redis = createRedis(config.redis, `${config.keyPrefix}:staff-cli`);
try {
  const io = { out: (t: string) => process.stdout.write(t), err: (t: string) => process.stderr.write(t), readPassword };
  process.exitCode = await runStaffCli(process.argv.slice(2), io, new StaffAccounts(redis, keysFor(config.keyPrefix)));
} finally {
  await redis.quit();
}
