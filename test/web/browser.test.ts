import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { ImapFlow } from 'imapflow';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createRedis, keysFor } from '../../src/redis.js';
import { composeEmail } from '../../src/samples/sample-emails.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { SubmissionStore } from '../../src/submissions/submission-store.js';
import { ROLES, startService, type RunningService } from '../../services/service.js';
import { EmailStore } from '../../src/emails/email-store.js';
import { ownUsersWorkbook, seedSubmission } from './staff-helpers.js';
import { folderContents, outboxEmails, repliesTo, testEnvironment, waitFor } from '../helpers/environment.js';
import { ARTIFACTS, CHROMIUM, expectAccessible, screenshot } from '../helpers/staff-browser.js';
import { STAFF_PEOPLE, startStaffIdentityProvider } from '../helpers/staff-identity-provider.js';
import { freePort } from '../../src/local-servers/free-port.js';

// The dashboard as a department runs it: staff sign in through the identity provider, and one local
// administrator account is kept as the break-glass (STAFF_LOCAL_SIGN_IN). The provider must know the
// dashboard's address before the service starts.
const base = `http://127.0.0.1:${await freePort()}`;
const idp = await startStaffIdentityProvider(base);

describe('the staff dashboard in a real browser', () => {
  const environment = testEnvironment({ HTTP_PORT: new URL(base).port, PUBLIC_BASE_URL: base, ...idp.env, STAFF_LOCAL_SIGN_IN: 'true' });
  const keys = keysFor(environment.config.keyPrefix);
  const redis = createRedis(environment.config.redis, 'test');
  const profile = mkdtempSync(join(tmpdir(), 'staff-chromium-'));
  let service: RunningService;
  let mailbox: ImapFlow;
  let context: BrowserContext;
  let page: Page;
  // Tests run one file at a time, so emails dated from here on are this file's.
  const startedAt = Date.now() - 1_000;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await new StaffAccounts(redis, keys).set('alice', 'alice has a long password', 'administrator');
    service = await startService(environment.config, ROLES, createLogger(environment.config.log));
    mailbox = await environment.imap();
    await mailbox.append(
      'INBOX',
      await composeEmail({
        messageId: `<browser-${Date.now()}@kestrelhart.example>`,
        attachments: [{ filename: 'form.xlsx', content: await ownUsersWorkbook() }],
      }),
    );
    await waitFor(async () => (await folderContents(mailbox, ['Accepted'])).Accepted === 1, 'the form to be accepted', 30_000);
    context = await chromium.launchPersistentContext(profile, { ...CHROMIUM, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    await mailbox?.logout();
    await service?.stop();
    await idp.stop();
    await redis.quit();
  });

  it('signs the break-glass administrator in with a dashboard account, returning to the page asked for', async () => {
    await page.goto(`${base}/staff/submissions`);
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
    await expectAccessible(page, 'sign-in');
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in with a dashboard account' }).click();
    await expect(page.getByText('Enter a correct username and password').first().isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'sign-in with an error');
    await screenshot(page, '01-sign-in-error');
    await page.getByLabel('Password', { exact: true }).fill('alice has a long password');
    await page.getByRole('button', { name: 'Sign in with a dashboard account' }).click();
    await page.waitForURL(`${base}/staff/submissions`);
    expect(await page.getByText('Signed in as').textContent()).toContain('alice');
  });

  it('shows the overview', async () => {
    await page.goto(`${base}/staff`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
    await expectAccessible(page, 'overview');
    await screenshot(page, '02-overview');
  });

  it('searches for the firm and opens its submission', async () => {
    await page.goto(`${base}/staff/submissions`);
    await page.getByLabel('Search').fill('kestrel');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=kestrel/);
    expect(await page.locator('#result-count').textContent()).toContain('1 submission');
    await expectAccessible(page, 'submissions');
    await screenshot(page, '03-search');
    await page.getByRole('link', { name: /^CP-/ }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^CP-/);
    await expectAccessible(page, 'submission');
  });

  it('re-sends an activation email, and the timeline says who did it', async () => {
    const [userId] = await page.getByLabel('User').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Resend activation email' }).click();
    await page.getByText('A new activation email is on its way').waitFor();
    // Not necessarily the newest entry: the worker may have sent the new email before the page was drawn.
    expect(await page.locator('#timeline').textContent()).toContain('Activation email re-sent by staff by alice');
    await expectAccessible(page, 'submission after an action');
    await screenshot(page, '04-submission-action');
    const [submission] = (await new SubmissionStore(redis, keys).listNewest(0, 1)).submissions;
    const timeline = () => new SubmissionStore(redis, keys).timeline(submission!.submissionId);
    await waitFor(async () => (await timeline()).filter((e) => e.event === 'activation-sent').length === 4, 'the new activation email to go out', 20_000);
    const events = await timeline();
    const asked = events.findIndex((e) => e.event === 'staff-resend-activation');
    const resent = events.findLastIndex((e) => e.event === 'activation-sent' && e.detail === `user ${userId}`);
    expect(asked).toBeGreaterThanOrEqual(0);
    expect(resent).toBeGreaterThan(asked);
  });

  it('shows the public activation page in the same GOV.UK style, accessibly', async () => {
    const sent = await outboxEmails((e) => e.parsed.from?.value[0]?.address === 'noreply@cjscp.org.uk' && (e.parsed.date?.getTime() ?? 0) >= startedAt);
    const newest = sent.sort((a, b) => (a.parsed.date?.getTime() ?? 0) - (b.parsed.date?.getTime() ?? 0)).at(-1)!;
    const token = /\/activate\/([A-Za-z0-9_-]+)/.exec(newest.parsed.text ?? '')![1];
    const visitor = await context.newPage();
    await visitor.goto(`${base}/activate/${token}`);
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Activate your account');
    await expectAccessible(visitor, 'activation');
    await visitor.getByRole('button', { name: 'Activate my account' }).click();
    await visitor.getByText('Account activated').waitFor();
    await expectAccessible(visitor, 'activated');
    await screenshot(visitor, '05-activated');
    await visitor.close();
  });

  it('lists organisations, courts and staff activity accessibly', async () => {
    await page.goto(`${base}/staff/organisations`);
    await page.getByRole('link', { name: 'Kestrel & Hart Solicitors LLP' }).click();
    await expectAccessible(page, 'organisation');
    await screenshot(page, '06-organisation');
    await page.goto(`${base}/staff/courts`);
    await expectAccessible(page, 'courts');
    await screenshot(page, '07-courts');
    await page.goto(`${base}/staff/organisations?q=kestrel&sort=name`);
    await expectAccessible(page, 'organisations search');
    await screenshot(page, '06-organisations');
    await page.goto(`${base}/staff/audit`);
    expect(await page.locator('#audit').textContent()).toContain('Activation email re-sent by staff');
    await expectAccessible(page, 'staff activity');
    await screenshot(page, '07-activity');
    await new StaffAccounts(redis, keys).set('bea', 'bea has a long password', 'caseworker');
    await page.goto(`${base}/staff/accounts`);
    expect(await page.locator('#role-map').textContent()).toContain('→ administrator');
    await expectAccessible(page, 'staff accounts');
    await screenshot(page, '07-staff-accounts');
  });

  it('opens the queue board behind the same sign-in', async () => {
    await page.goto(`${base}/staff/queues`);
    await page.getByText('validate', { exact: true }).first().waitFor({ timeout: 15_000 });
    await page
      .getByText('Loading...')
      .waitFor({ state: 'hidden', timeout: 15_000 })
      .catch(() => undefined);
    await screenshot(page, '08-queue-board');
    await page.goto(`${base}/staff`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/staff/sign-in`);
    const signedOut = await context.newPage();
    await signedOut.goto(`${base}/staff/queues`);
    expect(new URL(signedOut.url()).pathname).toBe('/staff/sign-in');
  });

  it('lets a caseworker signed in through the identity provider clear a form held for review, a bounced reply and a failed job from the needs-attention page alone', async () => {
    await page.goto(`${base}/staff/attention`);
    await page.getByRole('button', { name: 'Sign in with Justice Example' }).click();
    await page.getByLabel('Username').fill(STAFF_PEOPLE.caseworker.email.split('@')[0]!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${base}/staff/attention`);
    expect(await page.getByText('Signed in as').textContent()).toContain(STAFF_PEOPLE.caseworker.name);

    const held = await seedSubmission(redis, keys, { state: 'review', reason: 'the identifiers match two organisations' });
    const bounced = await bounceOfOurReply();
    const notify = new Queue('notify', { connection: redis, prefix: keys.bullPrefix });
    const job = await notify.add(
      'activation',
      { kind: 'activation', userId: 'usr_gone', submissionId: 'not-a-submission', round: 'first' },
      { jobId: `browser-broken-${Date.now()}`, attempts: 1 },
    );
    await waitFor(async () => (await job.getState()) === 'failed', 'the job to fail for good');
    await notify.close();

    await page.goto(`${base}/staff/attention`);
    const card = (key: string) => page.locator(`[data-key="${key}"]`);
    await card(`form:${held.submissionId}`).waitFor();
    await expectAccessible(page, 'needs attention');
    await screenshot(page, '09-needs-attention');

    await card(`form:${held.submissionId}`).getByLabel('Why it is rejected (sent to the firm)').fill('Send one form per firm');
    await card(`form:${held.submissionId}`).getByRole('button', { name: 'Reject with this note' }).click();
    await page.getByText('Rejected', { exact: true }).first().waitFor();
    expect(await card(`form:${held.submissionId}`).count()).toBe(0);

    await card(`email:${bounced}`).getByRole('button', { name: 'Reply sent by hand' }).click();
    await page.getByText('Recorded that a reply was sent by hand').waitFor();
    expect(await card(`email:${bounced}`).count()).toBe(0);

    await card(`job:notify:${job.id}`).getByRole('button', { name: 'Dismiss' }).click();
    await page.getByText('Dismissed: the job stays failed and is off the list').waitFor();
    expect(await card(`job:notify:${job.id}`).count()).toBe(0);
    await expectAccessible(page, 'needs attention after clearing');
    await screenshot(page, '10-needs-attention-cleared');
    await page.goto(`${base}/staff/audit`);
    const audit = await page.locator('#audit').textContent();
    expect(audit).toContain('Reply sent by hand');
    expect(audit).toContain(STAFF_PEOPLE.caseworker.name);
  });

  /** Our reply to an email without a form, returned by the firm's server with a real-looking DSN; the report's email id. */
  async function bounceOfOurReply(): Promise<string> {
    const messageId = `<browser-bounced-${Date.now()}@smith-law.example>`;
    await mailbox.append('INBOX', await composeEmail({ messageId, subject: 'Hello', from: 'gone@smith-law.example' }));
    const reply = await waitFor(async () => (await outboxEmails(repliesTo(messageId), startedAt))[0], 'our reply', 30_000);
    const dsnId = `<browser-dsn-${Date.now()}@mx.firm.example>`;
    const dsn = readFileSync(new URL('../fixtures/mail/bounce-postfix.eml', import.meta.url), 'utf8')
      .replace(/<0123456789abcdef0123456789abcdef\.form-received\.fedcba9876543210@justice\.gov\.uk>/, reply.parsed.messageId ?? '')
      .replace('<20250303101502.3F2A1C0123@mx.firm.example>', dsnId);
    await mailbox.append('INBOX', Buffer.from(dsn));
    const emails = new EmailStore(redis, keys);
    const report = await waitFor(
      async () => (await emails.listSince(startedAt)).find((e) => e.messageId === dsnId && e.outcome === 'review'),
      'the bounce to be held for review',
      30_000,
    );
    return report.emailId;
  }
});
