import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root (where package.json is), whether running from source through tsx or from dist/. */
function findProjectRoot(start: string): string {
  let dir = start;
  const isRoot = (candidate: string) => existsSync(join(candidate, 'package.json')) && existsSync(join(candidate, 'tsconfig.build.json'));
  while (!isRoot(dir)) {
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const TEMPLATES_DIR = join(PROJECT_ROOT, 'templates');
