import type { Config } from '../../../src/config.js';
import type { Logger } from '../../../src/logger.js';
import type { Stores } from '../../../src/stores.js';
import type { StaffDeps } from './deps.js';
import { IdentityProvider } from './identity-provider.js';

/** What the dashboard uses: the shared stores and queues, and the organisation's sign-in provider if any. */
export function staffDepsFor(
  base: Pick<StaffDeps, 'config' | 'queues' | 'logger' | 'rateLimit'> & { config: Config; logger: Logger; stores: Stores },
): StaffDeps {
  const { stores, ...rest } = base;
  return {
    ...rest,
    ...stores,
    identityProvider: base.config.staff.oidc ? new IdentityProvider(base.config.staff.oidc, base.logger) : null,
  };
}
