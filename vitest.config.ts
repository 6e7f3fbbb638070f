import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code and need no servers; integration tests in test/ run against a real
// redis-server, Dovecot and SMTP listener that the global setup starts on free loopback ports.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Property tests and form checks in worker threads take seconds on a busy 2-core machine.
          testTimeout: 30_000,
          include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'services/**/*.test.ts', 'bin/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
