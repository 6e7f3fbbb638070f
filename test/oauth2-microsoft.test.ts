import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceProcess, type ServiceProcess } from '../bench/service-process.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { folderContents, outboxEmails, repliesTo, testEnvironment, waitFor } from './helpers/environment.js';
import { startOAuthMailStack, type OAuthMailStack } from './helpers/oauth-mail-stack.js';
import { makeTestCertificates } from './helpers/test-certificates.js';

const TENANT = 'contoso-tenant';

/**
 * The Microsoft path end to end: MSAL's ConfidentialClientApplication discovers the tenant's endpoints and gets an
 * app-only token for Exchange's scope from an Entra-shaped authority (a real OpenID provider at
 * https://…/<tenant>/v2.0 with a certificate from a test CA), and the service logs in to IMAP and SMTP with it.
 */
describe('OAUTH_PROVIDER=microsoft through MSAL', () => {
  let dir: string;
  let stack: OAuthMailStack;
  let service: ServiceProcess;
  let mailbox: ImapFlow;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'intake-msal-'));
    const certificates = makeTestCertificates(dir);
    stack = await startOAuthMailStack({
      tokens: { tls: certificates.server, mountPath: `/${TENANT}/v2.0`, tokenLifetimeSeconds: 30 },
      // MSAL sends the secret in the form.
      clientAuthMethod: 'client_secret_post',
    });
    const authorityHost = new URL(stack.tokens.url).origin;
    const environment = testEnvironment({
      ...stack.env,
      OAUTH_PROVIDER: 'microsoft',
      OAUTH_TENANT_ID: TENANT,
      OAUTH_AUTHORITY_HOST: authorityHost,
      OAUTH_TOKEN_URL: '',
      OAUTH_SCOPE: '',
      LOG_LEVEL: 'info',
      LOG_PRETTY: 'false',
    });
    const env = Object.fromEntries(Object.entries(environment.env).filter(([, value]) => value !== ''));
    service = startServiceProcess({ ...env, NODE_EXTRA_CA_CERTS: certificates.caFile }, ['watcher', 'worker', 'web']);
    mailbox = await stack.imap();
  });

  afterAll(async () => {
    await mailbox?.logout();
    await service?.kill();
    await stack?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gets Exchange-scoped tokens from the tenant and answers a form through them', async () => {
    const messageId = `<msal-${Date.now()}@firm7.example.co.uk>`;
    await mailbox.append('INBOX', await composeEmail({ messageId, from: 'Clerk <clerk@firm7.example.co.uk>', subject: 'Registration' }));
    const reply = await waitFor(
      async () => (await outboxEmails(repliesTo(messageId), 0, stack.outboxDir))[0],
      'the reply sent with an MSAL token',
      45_000,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; service output:\n${service.output().slice(-3000)}`);
    });
    expect(reply.parsed.subject).toBe('Re: Registration');
    await waitFor(async () => (await folderContents(mailbox, ['INBOX'])).INBOX === 0, 'the email filed', 30_000);
    expect(stack.tokens.issued(stack.clientId)).toBeGreaterThanOrEqual(1);
    // The service never logs a token or the secret.
    expect(service.output()).not.toContain(stack.clientSecret);
  });
});
