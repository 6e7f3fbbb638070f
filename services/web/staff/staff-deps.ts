import { courtDirectoryFor } from '../../../src/courts/court-directory.js';
import { AuthHealthStore } from '../../../src/mail-auth/auth-health.js';
import { MetricsCounters } from '../../../src/metrics/counters.js';
import { PriorityOverrides } from '../../../src/priority/priority-overrides.js';
import { RedisAccountRegistry } from '../../../src/registry/redis-account-registry.js';
import { AuditLog } from '../../../src/staff/audit-log.js';
import { SignInAttempts } from '../../../src/staff/sign-in-attempts.js';
import { StaffAccounts } from '../../../src/staff/staff-accounts.js';
import { SubmissionStore } from '../../../src/submissions/submission-store.js';
import type { StaffDeps } from './deps.js';
import { IdentityProvider } from './identity-provider.js';
import { ACCOUNT_FAILURE_LIMIT } from './sign-in.js';

/** Builds the stores the dashboard uses over the web role's Redis connection and queues. */
export function staffDepsFor(base: Pick<StaffDeps, 'config' | 'redis' | 'keys' | 'emails' | 'queues' | 'logger'>): StaffDeps {
  const { redis, keys } = base;
  const submissions = new SubmissionStore(redis, keys, { fileRetentionDays: base.config.formFileRetentionDays });
  return {
    ...base,
    submissions,
    registry: new RedisAccountRegistry(redis, keys),
    overrides: new PriorityOverrides(redis, keys),
    courts: courtDirectoryFor(redis, keys),
    accounts: new StaffAccounts(redis, keys),
    signInAttempts: new SignInAttempts(redis, keys, ACCOUNT_FAILURE_LIMIT),
    audit: new AuditLog(redis, keys, submissions),
    metrics: new MetricsCounters(redis, keys),
    authHealth: new AuthHealthStore(redis, keys.authHealth),
    identityProvider: base.config.staff.oidc ? new IdentityProvider(base.config.staff.oidc, base.logger) : null,
  };
}
