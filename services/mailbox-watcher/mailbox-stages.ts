import type { Worker } from 'bullmq';
import type { MailboxStageDeps } from '../../workers/stage-definition.js';
import type { ShellOptions } from '../../workers/shell.js';
import { startRoleStages } from '../../workers/stages.js';

/**
 * Workers for the mailbox stages (filing, and copies to Sent), one job at a time unless a stage says otherwise: every
 * move and append goes through the watcher's single IMAP connection. They do not run until started: only while this
 * instance holds the watcher lease.
 */
export function createMailboxWorkers(deps: MailboxStageDeps, options: Omit<ShellOptions, 'concurrency' | 'autorun'>): Promise<Worker[]> {
  return startRoleStages('watcher', deps, { ...options, concurrency: 1, autorun: false });
}
