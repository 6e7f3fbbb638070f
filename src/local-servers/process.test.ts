import { describe, expect, it } from 'vitest';
import { requireProgram } from './process.js';

describe('requireProgram', () => {
  it('finds an installed program', () => {
    expect(requireProgram('sh', 'dash')).toMatch(/\/sh$/);
  });

  it('fails with one line naming the program and the package to install', () => {
    expect(() => requireProgram('no-such-server-here', 'no-such-package')).toThrow(
      /^no-such-server-here is not installed: run "apt-get install -y no-such-package"$/,
    );
  });
});
