import type { Logger } from '../src/logger.js';

/**
 * Stops the service cleanly on SIGTERM or SIGINT and exits 0. Jobs still running when the time is up are
 * released by BullMQ's lock expiry and picked up again elsewhere; exactly-once sending covers the retry.
 */
export function runUntilSignalled(service: { stop(): Promise<void> }, timeoutMs: number, logger: Logger): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.warn({ timeoutMs }, 'shutdown took too long; exiting');
      process.exit(0);
    }, timeoutMs);
    deadline.unref();
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(0);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
