import type { Worker } from 'bullmq';
import type { StagesRunIn } from '../../src/queues.js';
import { startStageWorkers, type ShellOptions, type StageHandlers } from '../../workers/shell.js';
import { fileEmail, type FilingDeps } from './filing.js';
import { copyToSent, type SentCopyDeps } from './sent-copies.js';

/** The handler of every stage that needs the watcher's IMAP connection: filing, and copies to Sent. */
function mailboxStages(deps: { filing: FilingDeps; sentCopy: SentCopyDeps }): StageHandlers<StagesRunIn<'watcher'>> {
  return {
    filing: { describe: (p) => ({ emailId: p.emailId }), handle: (p) => fileEmail(p, deps.filing) },
    'sent-copy': { describe: (p) => ({ copyId: p.copyId }), handle: (p) => copyToSent(p, deps.sentCopy) },
  };
}

/**
 * Workers for the mailbox stages, one job at a time (every move and append goes through the watcher's single
 * IMAP connection). They do not run until started: only while this instance holds the watcher lease.
 */
export function createMailboxWorkers(deps: { filing: FilingDeps; sentCopy: SentCopyDeps }, options: Omit<ShellOptions, 'concurrency' | 'autorun'>): Worker[] {
  return startStageWorkers(mailboxStages(deps), { ...options, concurrency: 1, autorun: false });
}
