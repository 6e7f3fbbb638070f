import type { Logger } from '../../../src/logger.js';
import type { AuthHealthStore } from '../../../src/mail-auth/auth-health.js';
import type { MetricsCounters } from '../../../src/metrics/counters.js';
import type { RedisClient } from '../../../src/redis.js';
import type { Stores } from '../../../src/stores.js';
import type { ActionDeps } from '../../../src/staff/submission-actions.js';
import type { SignInAttempts } from '../../../src/staff/sign-in-attempts.js';
import type { StaffAccounts } from '../../../src/staff/staff-accounts.js';
import type { IdentityProvider } from './identity-provider.js';

/** What the staff pages read and act on: the same stores and queues the pipeline uses. */
export interface StaffDeps extends ActionDeps, Pick<Stores, 'sentTexts' | 'attentionMarks' | 'userSubmissions' | 'sessions' | 'sessionSecret'> {
  /** The sign-in rate limiter keeps its own counters in Redis, under this name space. */
  rateLimit: { redis: RedisClient; nameSpace: string };
  accounts: StaffAccounts;
  signInAttempts: SignInAttempts;
  metrics: MetricsCounters;
  /** The mail logins' last known state, shown on the overview. */
  authHealth: AuthHealthStore;
  logger: Logger;
  /** The organisation's OpenID provider, when staff sign in with single sign-on. */
  identityProvider: IdentityProvider | null;
}
