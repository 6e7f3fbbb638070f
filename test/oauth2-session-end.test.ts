import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthHealthStore } from '../src/mail-auth/auth-health.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import type { RunningService } from '../services/service.js';
import { folderContents, outboxEmails, repliesTo, waitFor } from './helpers/environment.js';
import { startImapSessionCutter, type ImapSessionCutter } from './helpers/imap-session-cutter.js';
import { startOAuthMailStack, startServiceOnStack, type OAuthMailStack, type ServiceOnStack } from './helpers/oauth-mail-stack.js';

describe('Exchange ending the session at token expiry', () => {
  let stack: OAuthMailStack;
  let cutter: ImapSessionCutter;
  let run: ServiceOnStack;
  let service: RunningService;
  let mailbox: ImapFlow;
  let authHealth: AuthHealthStore;

  beforeAll(async () => {
    // Tokens that outlive the test: every session end here is the server's doing, not a planned renewal.
    stack = await startOAuthMailStack({ tokens: { tokenLifetimeSeconds: 3600 } });
    cutter = await startImapSessionCutter({ host: '127.0.0.1', port: stack.dovecot.port });
    run = await startServiceOnStack(stack, { IMAP_URL: `imap://127.0.0.1:${cutter.port}`, IMAP_POLL_INTERVAL_MS: '60000' });
    ({ service, mailbox, authHealth } = run);
  });

  afterAll(async () => {
    await run?.stop();
    await cutter?.stop();
    await stack?.dispose();
  });

  it('reconnects as after any dropped session: every email answered once and filed, no login counted as failed', async () => {
    await waitFor(
      async () => cutter.sessions() >= 1 && (await authHealth.read()).some((state) => state.connection === 'mailbox' && state.ok),
      'the watcher to log in',
      20_000,
    );
    const ids: string[] = [];
    for (let n = 0; n < 9; n += 1) {
      const messageId = `<bye-${n}-${Date.now()}@firm${n}.example.co.uk>`;
      ids.push(messageId);
      await mailbox.append('INBOX', await composeEmail({ messageId, from: `Clerk <clerk@bye${n}.example.co.uk>`, subject: 'Registration' }));
      // Every third email, Exchange ends the session as it does when a token expires.
      if (n % 3 === 1) expect(cutter.cutAll('Session invalidated - AccessTokenExpired')).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const counts = await waitFor(
      async () => {
        const found = await Promise.all(ids.map((id) => outboxEmails(repliesTo(id), 0, stack.outboxDir)));
        return found.every((replies) => replies.length >= 1) ? found.map((replies) => replies.length) : null;
      },
      'a reply to every email',
      60_000,
    );
    expect(counts).toEqual(ids.map(() => 1));
    await waitFor(async () => (await folderContents(mailbox, ['INBOX'])).INBOX === 0, 'every email filed', 30_000);
    expect(cutter.sessions()).toBeGreaterThanOrEqual(4);
    const mailboxLogin = (await authHealth.read()).find((state) => state.connection === 'mailbox');
    expect(mailboxLogin).toMatchObject({ ok: true, failure: null });
    const metrics = await service.web!.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).not.toMatch(/intake_auth_failures_total\{[^}]*connection="mailbox"\} [1-9]/);
  });
});
