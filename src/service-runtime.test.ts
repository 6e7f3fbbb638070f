import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './paths.js';
import { SERVICE_ENTRY, SERVICE_NODE_FLAGS } from './service-runtime.js';

const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const expected = `node ${SERVICE_NODE_FLAGS.join(' ')} ${SERVICE_ENTRY}`;

describe('how services are started', () => {
  it.each([
    ['start', ''],
    ['start:watcher', ' watcher'],
    ['start:worker', ' worker'],
    ['start:web', ' web'],
  ])('npm run %s runs the compiled service under the heap limit', (script, role) => {
    // node itself, not a shell list: SIGTERM from npm or a supervisor must reach the service to stop it in order.
    expect(packageJson.scripts[script]).toBe(`${expected}${role}`);
  });

  it('the container image runs the same command', () => {
    const dockerfile = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(entrypoint ?? '[]')).toEqual(['node', ...SERVICE_NODE_FLAGS, SERVICE_ENTRY]);
    expect(dockerfile).toMatch(/^RUN npm run build/m);
  });

  it('runs on Node.js 24 LTS: these tests, the node they start, and both stages of the container image', () => {
    expect(process.version).toMatch(/^v24\./);
    expect(execFileSync('node', ['--version'], { encoding: 'utf8' }).trim()).toMatch(/^v24\./);
    const dockerfile = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM \S+/gm)).toEqual(['FROM node:24-bookworm-slim', 'FROM node:24-bookworm-slim']);
  });
});
