import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthHealthStore } from '../src/mail-auth/auth-health.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import type { RunningService } from '../services/service.js';
import { folderContents, outboxEmails, repliesTo, waitFor, type ReceivedEmail } from './helpers/environment.js';
import { firmForm } from './helpers/forms.js';
import { startOAuthMailStack, startServiceOnStack, type OAuthMailStack, type ServiceOnStack } from './helpers/oauth-mail-stack.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Short-lived tokens, so that they expire several times while emails come and go.
const TOKEN_LIFETIME_SECONDS = 10;

async function formEmail(n: number, messageId: string): Promise<Buffer> {
  return composeEmail({
    messageId,
    from: `Clerk <clerk@firm${n}.example.co.uk>`,
    subject: `Registration for firm ${n}`,
    attachments: [{ filename: `firm ${n}.xlsx`, content: await firmForm(n, 'Southwark Crown Court'), contentType: XLSX_TYPE }],
  });
}

async function sentCopies(mailbox: ImapFlow, folder: string, messageId: string): Promise<number> {
  const lock = await mailbox.getMailboxLock(folder);
  try {
    const found = await mailbox.search({ header: { 'in-reply-to': messageId } }, { uid: true });
    return found ? found.length : 0;
  } finally {
    lock.release();
  }
}

describe('a mailbox that takes only OAuth2 logins, as Microsoft 365 does', () => {
  let stack: OAuthMailStack;
  let run: ServiceOnStack;
  let service: RunningService;
  let mailbox: ImapFlow;
  let authHealth: AuthHealthStore;
  const replies = (messageId: string) => outboxEmails(repliesTo(messageId), 0, stack.outboxDir);

  beforeAll(async () => {
    // Exchange's Sent folder is "Sent Items", found by its \Sent flag rather than by name.
    stack = await startOAuthMailStack({ tokens: { tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS }, sentFolder: 'Sent Items' });
    run = await startServiceOnStack(stack, { AUTH_RETRY_MAX_MS: '2000', WATCHER_STALE_AFTER_MS: '60000' });
    ({ service, mailbox, authHealth } = run);
  });

  afterAll(async () => {
    await run?.stop();
    await stack?.dispose();
  });

  it('answers a form through XOAUTH2 SMTP, files the email and keeps a copy in the flagged Sent folder', async () => {
    const messageId = `<oauth-first-${Date.now()}@firm1.example.co.uk>`;
    await mailbox.append('INBOX', await formEmail(1, messageId));
    const [reply] = await waitFor(
      async () => {
        const found = await replies(messageId);
        return found.length > 0 ? found : null;
      },
      'the acknowledgement sent through XOAUTH2',
      30_000,
    );
    expect(reply?.parsed.subject).toBe('Re: Registration for firm 1');
    await waitFor(async () => (await folderContents(mailbox, ['Accepted'])).Accepted === 1, 'the email filed under Accepted', 30_000);
    await waitFor(async () => (await sentCopies(mailbox, 'Sent Items', messageId)) === 1, 'a copy of the reply in Sent Items', 30_000);
    const folders = (await mailbox.list()).map((entry) => entry.path);
    expect(folders).not.toContain('Sent');
    const ready = await service.web!.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toMatchObject({ status: 'ready', loginFailures: [] });
  });

  it('loses and doubles nothing while tokens expire several times during a run of emails', async () => {
    const tokensBefore = stack.tokens.issued(stack.clientId);
    const started = Date.now();
    const ids: string[] = [];
    // About three token lifetimes of steady mail: the watcher renews its session and the senders their tokens.
    for (let n = 10; Date.now() - started < TOKEN_LIFETIME_SECONDS * 2_500; n += 1) {
      const messageId = `<oauth-run-${n}-${Date.now()}@firm${n}.example.co.uk>`;
      ids.push(messageId);
      const raw =
        n % 2 === 0
          ? await formEmail(n, messageId)
          : await composeEmail({ messageId, from: `Clerk <clerk@firm${n}.example.co.uk>`, subject: `Registration for firm ${n}` });
      await mailbox.append('INBOX', raw);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
    const answered = await waitFor(
      async () => {
        const all: ReceivedEmail[][] = await Promise.all(ids.map((id) => replies(id)));
        return all.every((found) => found.length >= 1) ? all : null;
      },
      'a reply to every email of the run',
      60_000,
    );
    expect(answered.map((found) => found.length)).toEqual(ids.map(() => 1));
    await waitFor(async () => (await folderContents(mailbox, ['INBOX'])).INBOX === 0, 'every email filed out of the inbox', 30_000);
    // Each renewal fetched a new token: at least one per lifetime that passed, for the watcher and the senders.
    expect(stack.tokens.issued(stack.clientId) - tokensBefore).toBeGreaterThanOrEqual(3);
    // Nothing was sent twice after all settled.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const again = await Promise.all(ids.map((id) => replies(id)));
    expect(again.map((found) => found.length)).toEqual(ids.map(() => 1));
  }, 180_000);

  it('fails readiness with the reason when the client is revoked, and recovers by itself once it works again', async () => {
    stack.tokens.removeClient(stack.clientId);
    const notReady = await waitFor(
      async () => {
        const response = await service.web!.inject({ method: 'GET', url: '/readyz' });
        return response.statusCode === 503 ? (response.json() as { loginFailures: unknown[] }) : null;
      },
      'readiness to fail',
      40_000,
    );
    expect(notReady.loginFailures).toEqual(expect.arrayContaining([expect.objectContaining({ login: 'mailbox', stage: 'token', code: 'invalid_client' })]));

    // An email arriving meanwhile waits, and is answered once, after the client is restored.
    const messageId = `<oauth-revoked-${Date.now()}@firm90.example.co.uk>`;
    await mailbox.append('INBOX', await composeEmail({ messageId, from: 'Clerk <clerk@firm90.example.co.uk>', subject: 'During the outage' }));
    stack.tokens.addClient(stack.clientId, [stack.mailbox], { secret: stack.clientSecret });
    await waitFor(async () => (await service.web!.inject({ method: 'GET', url: '/readyz' })).statusCode === 200, 'readiness to return', 40_000);
    await waitFor(async () => (await replies(messageId)).length === 1, 'the reply once the client works again', 40_000);

    const metrics = await service.web!.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/intake_auth_failures_total\{stage="token",connection="mailbox"\} [1-9]/);
  });

  it('backs off while the token service is unreachable, then recovers', async () => {
    await stack.tokens.pause();
    const messageId = `<oauth-down-${Date.now()}@firm91.example.co.uk>`;
    // Long enough for every cached token to need renewing.
    await new Promise((resolve) => setTimeout(resolve, TOKEN_LIFETIME_SECONDS * 1_000));
    await mailbox.append('INBOX', await composeEmail({ messageId, from: 'Clerk <clerk@firm91.example.co.uk>', subject: 'Token service down' }));
    const failing = await waitFor(async () => (await authHealth.read()).find((state) => !state.ok), 'a login failure to be recorded', 30_000);
    expect(failing.failure).toMatchObject({ stage: 'token', permanent: false, code: 'ECONNREFUSED' });
    // A temporary failure does not flap readiness at once (WATCHER_STALE_AFTER_MS of grace).
    expect((await service.web!.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ loginFailures: [] });
    await stack.tokens.resume();
    await waitFor(async () => (await replies(messageId)).length === 1, 'the reply once the token service is back', 60_000);
    await waitFor(async () => (await folderContents(mailbox, ['INBOX'])).INBOX === 0, 'the email filed', 30_000);
  }, 120_000);
});
