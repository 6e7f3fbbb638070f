import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { composeEmail, faultyWorkbook } from '../../src/samples/sample-emails.js';
import { ROLES, startService, type RunningService } from '../../services/service.js';
import { ownUsersWorkbook } from './staff-helpers.js';
import { folderContents, outboxEmails, testEnvironment, waitFor } from '../helpers/environment.js';

/** Reads one sample's value from the Prometheus text, or 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('/metrics: service-wide counters for Prometheus', () => {
  const environment = testEnvironment();
  let service: RunningService;
  let mailbox: ImapFlow;

  beforeAll(async () => {
    service = await startService(environment.config, ROLES, createLogger(environment.config.log));
    mailbox = await environment.imap();
  });
  afterAll(async () => {
    await mailbox?.logout();
    await service?.stop();
  });

  it('counts pickups, outcomes, findings, emails sent by kind, activations, job durations and queue depths', async () => {
    // Tests run one file at a time, so activation emails dated from now on are this test's.
    const since = Date.now() - 1_000;
    const valid = `<metrics-valid-${Date.now()}@kestrelhart.example>`;
    await mailbox.append('INBOX', await composeEmail({ messageId: valid, attachments: [{ filename: 'form.xlsx', content: await ownUsersWorkbook() }] }));
    await mailbox.append(
      'INBOX',
      await composeEmail({
        messageId: `<metrics-faulty-${Date.now()}@hughes.example>`,
        from: 'clerk@hughes.example',
        attachments: [{ filename: 'ours.xlsx', content: await faultyWorkbook() }],
      }),
    );
    const activations = await waitFor(
      async () => {
        const found = await outboxEmails((e) => e.parsed.from?.value[0]?.address === 'noreply@cjscp.org.uk' && (e.parsed.date?.getTime() ?? 0) >= since);
        return found.length >= 3 ? found : null;
      },
      'activation emails',
      30_000,
    );
    await waitFor(
      async () => {
        const folders = await folderContents(mailbox, ['Accepted', 'Rejected']);
        return folders.Accepted === 1 && folders.Rejected === 1;
      },
      'both emails filed',
      30_000,
    );
    const link = /\/activate\/([A-Za-z0-9_-]+)/.exec(activations.at(-1)!.parsed.text ?? '')![1];
    await service.web!.inject({ method: 'POST', url: `/activate/${link}` });

    const response = await service.web!.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    const text = response.body;
    expect(sample(text, 'intake_emails_picked_up_total')).toBe(2);
    expect(sample(text, 'intake_submissions_total{outcome="accepted"}')).toBe(1);
    expect(sample(text, 'intake_submissions_total{outcome="rejected"}')).toBe(1);
    expect(sample(text, 'intake_emails_sent_total{kind="acknowledgement"}')).toBe(1);
    expect(sample(text, 'intake_emails_sent_total{kind="rejection"}')).toBe(1);
    expect(sample(text, 'intake_emails_sent_total{kind="activation"}')).toBe(3);
    expect(sample(text, 'intake_activations_total')).toBe(1);
    expect(text).toMatch(/^intake_findings_total\{code="[A-Z_]+",severity="error"\} [1-9]/m);
    expect(sample(text, 'intake_job_duration_seconds_count{queue="validate"}')).toBe(2);
    expect(sample(text, 'intake_job_duration_seconds_sum{queue="validate"}')).toBeGreaterThan(0);
    expect(sample(text, 'intake_queue_jobs{queue="intake",state="completed"}')).toBe(2);
    expect(text).toContain('# TYPE intake_queue_jobs gauge');
  });
});

describe('/metrics access', () => {
  it('wants the bearer token when one is configured, even from the private network', async () => {
    const environment = testEnvironment({ METRICS_TOKEN: 'a-long-metrics-token' });
    const service = await startService(environment.config, ['web'], createLogger(environment.config.log));
    try {
      expect((await service.web!.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(403);
      const allowed = await service.web!.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer a-long-metrics-token' } });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toContain('intake_emails_picked_up_total 0');
    } finally {
      await service.stop();
    }
  });

  it('without a token, refuses a scraper outside the private network', async () => {
    const environment = testEnvironment();
    const service = await startService(environment.config, ['web'], createLogger(environment.config.log));
    try {
      expect((await service.web!.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(403);
      expect((await service.web!.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
    } finally {
      await service.stop();
    }
  });
});
