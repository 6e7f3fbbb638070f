import { ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { runUntilSignalled } from './run-until-signalled.js';
import { ROLES, startService, type Role } from './service.js';

// Usage: main.ts (which loads this module) [watcher] [worker] [web]; with no role named, every role runs in this one process.
function parseRoles(args: string[]): Role[] {
  if (args.length === 0) return [...ROLES];
  const unknown = args.filter((arg) => !(ROLES as readonly string[]).includes(arg));
  if (unknown.length > 0) throw new ConfigError(`Unknown role "${unknown[0]}": choose from ${ROLES.join(', ')}`);
  return args as Role[];
}

try {
  const roles = parseRoles(process.argv.slice(2));
  const config = loadConfig(process.env, process.stdout.isTTY === true);
  const logger = createLogger(config.log);
  const service = await startService(config, roles, logger);
  runUntilSignalled(service, config.shutdownTimeoutMs, logger);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
