import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../../../src/config.js';
import type { CourtDirectory } from '../../../src/courts/court-directory.js';
import type { EmailStore } from '../../../src/emails/email-store.js';
import type { Logger } from '../../../src/logger.js';
import type { MetricsCounters } from '../../../src/metrics/counters.js';
import type { PriorityOverrides } from '../../../src/priority/priority-overrides.js';
import type { QueueName } from '../../../src/queues.js';
import type { Keys } from '../../../src/redis.js';
import type { AccountRegistry } from '../../../src/registry/account-registry.js';
import type { AuditLog } from '../../../src/staff/audit-log.js';
import type { StaffAccounts } from '../../../src/staff/staff-accounts.js';
import type { SubmissionStore } from '../../../src/submissions/submission-store.js';

/** What the staff pages read and act on: the same stores and queues the pipeline uses. */
export interface StaffDeps {
  config: Config;
  redis: Redis;
  keys: Keys;
  emails: EmailStore;
  submissions: SubmissionStore;
  registry: AccountRegistry;
  overrides: PriorityOverrides;
  courts: CourtDirectory;
  queues: Record<QueueName, Queue>;
  accounts: StaffAccounts;
  audit: AuditLog;
  metrics: MetricsCounters;
  logger: Logger;
}
