import type { Queue } from 'bullmq';
import { Counter, Gauge, Registry } from 'prom-client';
import type { QueueName } from '../queues.js';
import type { EmailStore } from '../emails/email-store.js';
import type { MetricsCounters } from './counters.js';

const DEPTH_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed', 'completed'] as const;
// Which stage results end a submission, and in which outcome.
const SUBMISSION_OUTCOMES: Record<string, Record<string, string>> = {
  validate: { rejected: 'rejected', review: 'review' },
  setup: { accepted: 'accepted', review: 'review' },
};

export interface MetricsSources {
  emails: Pick<EmailStore, 'count'>;
  counters: MetricsCounters;
  queues: Record<QueueName, Queue>;
}

/**
 * The Prometheus view of the service, read afresh at each scrape: counters from Redis (totals of every
 * process), queue depths from BullMQ. Scrapes are serialised because each one resets and refills the metrics.
 */
export function metricsExporter(sources: MetricsSources): { contentType: string; render: () => Promise<string> } {
  const registry = new Registry();
  const counter = (name: string, help: string, labelNames: string[] = []) => new Counter({ name, help, labelNames, registers: [registry] });
  const pickedUp = counter('intake_emails_picked_up_total', 'Emails picked up from the onboarding mailbox');
  const submissions = counter('intake_submissions_total', 'Submissions that reached an outcome', ['outcome']);
  const findings = counter('intake_findings_total', 'Findings reported on forms, by code', ['code', 'severity']);
  const jobs = counter('intake_jobs_total', 'Jobs finished, by queue and result', ['queue', 'result']);
  const durationSum = counter('intake_job_duration_seconds_sum', 'Time spent in jobs', ['queue']);
  const durationCount = counter('intake_job_duration_seconds_count', 'Jobs timed', ['queue']);
  const sent = counter('intake_emails_sent_total', 'Emails sent, by kind', ['kind']);
  const activations = counter('intake_activations_total', 'Accounts activated through their link');
  const authFailures = counter('intake_auth_failures_total', 'Failed mail logins, by stage (token, imap, smtp) and login (mailbox, sender:…)', [
    'stage',
    'connection',
  ]);
  const depth = new Gauge({ name: 'intake_queue_jobs', help: 'Jobs in each queue, by state', labelNames: ['queue', 'state'], registers: [registry] });

  async function refresh(): Promise<void> {
    const [values, emails, depths] = await Promise.all([
      sources.counters.read(),
      sources.emails.count(),
      Promise.all(Object.entries(sources.queues).map(async ([name, queue]) => [name, await queue.getJobCounts(...DEPTH_STATES)] as const)),
    ]);
    registry.resetMetrics();
    pickedUp.inc(emails);
    for (const [queue, counts] of depths) for (const state of DEPTH_STATES) depth.set({ queue, state }, counts[state] ?? 0);
    for (const { name, labels, value } of values) {
      if (name === 'jobs') {
        jobs.inc(labels, value);
        const outcome = SUBMISSION_OUTCOMES[labels.queue ?? '']?.[labels.result ?? ''];
        if (outcome) submissions.inc({ outcome }, value);
      } else if (name === 'job_seconds_sum') durationSum.inc(labels, value);
      else if (name === 'job_seconds_count') durationCount.inc(labels, value);
      else if (name === 'emails_sent') sent.inc(labels, value);
      else if (name === 'findings') findings.inc(labels, value);
      else if (name === 'activations') activations.inc(value);
      else if (name === 'auth_failures') authFailures.inc(labels, value);
    }
  }

  let last: Promise<string> = Promise.resolve('');
  return {
    contentType: registry.contentType,
    render() {
      last = last
        .catch(() => '')
        .then(async () => {
          await refresh();
          return registry.metrics();
        });
      return last;
    },
  };
}
