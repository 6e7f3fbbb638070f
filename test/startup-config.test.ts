import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.js';

function start(env: Record<string, string>, args: string[] = []) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'services/main.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('start-up with bad configuration', () => {
  it('stops with one line naming the missing setting', () => {
    const run = start({});
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('Invalid configuration: REDIS_URL is required but not set');
  });

  it('stops with one line naming a malformed setting', () => {
    const run = start({ REDIS_URL: 'redis://127.0.0.1:1', IMAP_URL: 'imap://u:p@127.0.0.1:1', SMTP_URL: 'smtp://127.0.0.1:1', HTTP_PORT: 'eighty' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^Invalid configuration: HTTP_PORT /);
  });

  it('refuses an unknown role', () => {
    const run = start({}, ['mailman']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('Unknown role "mailman": choose from watcher, worker, web');
  });
});
