import { expect } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

/** Reads files from `files` only, failing as the file system would for any other path. */
export const readFrom = (files: Record<string, string>) => (path: string) => {
  if (path in files) return files[path]!;
  throw Object.assign(new Error('missing'), { code: 'ENOENT' });
};

/** The one-line message a configuration is refused with; fails the test if it is accepted. */
export function configRefusal(env: Record<string, string>, files: Record<string, string> = {}): string {
  try {
    loadConfig(env, false, readFrom(files));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}
