import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis, keysFor } from '../../src/redis.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { testEnvironment } from '../helpers/environment.js';

const run = promisify(execFile);

describe('npm run staff: staff accounts from the command line', () => {
  const environment = testEnvironment();
  const redis = createRedis(environment.config.redis, 'test');
  const accounts = new StaffAccounts(redis, keysFor(environment.config.keyPrefix));
  afterAll(() => redis.quit());

  function staff(args: string[], input = '') {
    const child = run('npx', ['tsx', 'scripts/staff.ts', ...args], { env: { ...process.env, ...environment.env } });
    child.child.stdin?.end(input);
    return child.then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  }

  it('adds an account with the password from standard input, stored only as an argon2id hash', async () => {
    const added = await staff(['add', 'Carol'], 'a good long password\n');
    expect(added.stdout).toBe('Added carol (viewer)\n');
    expect(await accounts.verify('carol', 'a good long password')).toEqual({ username: 'carol', role: 'viewer' });
    expect(await accounts.verify('carol', 'a good long passwore')).toBeNull();
    const stored = await redis.hget(keysFor(environment.config.keyPrefix).staff('account', 'carol'), 'passwordHash');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(stored).not.toContain('a good long password');
    expect((await staff(['list'])).stdout).toBe('carol\tviewer\n');
    expect((await staff(['role', 'carol', 'caseworker'])).stdout).toBe('carol is now caseworker\n');
    expect(await accounts.roleOf('carol')).toBe('caseworker');
  });

  it('refuses a short password and a malformed name, and explains its usage', async () => {
    const short = await staff(['add', 'dave'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('A password must be at least 12 characters');
    expect(await accounts.list()).not.toContain('dave');
    expect((await staff(['add', 'no spaces allowed'], 'a good long password\n')).stderr).toContain('A username is');
    expect((await staff(['add', 'erin', '--role', 'owner'], 'a good long password\n')).code).toBe(1);
    const usage = await staff(['frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run staff -- add <username>');
  });

  it('needs only the Redis settings, not the mailbox ones', async () => {
    const { REDIS_URL, KEY_PREFIX } = environment.env;
    const child = run('npx', ['tsx', 'scripts/staff.ts', 'list'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, REDIS_URL, KEY_PREFIX } });
    child.child.stdin?.end();
    const { stdout } = await child;
    expect(stdout).toMatch(/carol|No staff accounts yet/);
  });
});
