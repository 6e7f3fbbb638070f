import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { EmailStore } from '../../src/emails/email-store.js';
import { validateForm } from '../../src/form/index.js';
import type { Keys, RedisClient } from '../../src/redis.js';
import { sampleWorkbook } from '../../src/samples/sample-emails.js';
import { GOOD_USERS } from '../../src/form/testing/sample-answers.js';
import { SubmissionStore, type Submission } from '../../src/submissions/submission-store.js';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createRedis, keysFor } from '../../src/redis.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { startService, type RunningService } from '../../services/service.js';
import type { RedisConfig } from '../../src/redis-config.js';
import { waitFor, type TestEnvironment } from '../helpers/environment.js';

/** The session cookie and the CSRF token a page carries, as a browser would keep them. */
export interface Browser {
  cookie: string;
  csrf: string;
}

const cookieOf = (response: LightMyRequestResponse, previous = '') => {
  const set = response.cookies.find((c) => c.name === 'staff_session');
  return set ? `staff_session=${set.value}` : previous;
};
export const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

export async function openSignIn(app: FastifyInstance): Promise<Browser> {
  const page = await app.inject({ method: 'GET', url: '/staff/sign-in' });
  return { cookie: cookieOf(page), csrf: csrfIn(page.body) };
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Browser> {
  const browser = await openSignIn(app);
  const response = await post(app, browser, '/staff/sign-in', { username, password });
  if (response.statusCode !== 303) throw new Error(`Sign-in answered ${response.statusCode}`);
  const signedIn = { cookie: cookieOf(response, browser.cookie), csrf: '' };
  return { ...signedIn, csrf: csrfIn((await get(app, signedIn, '/staff')).body) };
}

export function get(app: FastifyInstance, browser: Browser, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } });
}

export function post(app: FastifyInstance, browser: Browser, url: string, fields: Record<string, string>, withCsrf = true) {
  const body = new URLSearchParams({ ...fields, ...(withCsrf ? { _csrf: browser.csrf } : {}) }).toString();
  return app.inject({ method: 'POST', url, payload: body, headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
}

/** A submission as the pipeline leaves it, made from the sample form: an email with an envelope, a file, a registration. */
export async function seedSubmission(
  redis: RedisClient,
  keys: Keys,
  changes: Partial<Submission> = {},
  sender = 'clerk@kestrelhart.example',
): Promise<Submission> {
  const emailId = randomBytes(16).toString('hex');
  const submissionId = `${emailId}-1`;
  const emails = new EmailStore(redis, keys);
  await emails.recordPickup(
    { emailId, messageId: `<${emailId}@example>`, mailbox: 'INBOX', uidValidity: '1', uid: 1, size: 10, noticedAt: Date.now(), pickedUpAt: Date.now() },
    null,
  );
  await emails.recordEnvelope(emailId, { replyAddress: sender, subject: 'Registration', messageId: null, references: [], senderAuth: null });
  await emails.markInProgress(emailId);
  const content = await sampleWorkbook();
  const result = await validateForm({ filename: 'form.xlsx', content });
  const submissions = new SubmissionStore(redis, keys);
  const reference = `CP-${randomBytes(3).toString('hex').toUpperCase()}`;
  await submissions.create(
    { submissionId, emailId, index: 1, reference, filename: 'form.xlsx', kind: 'xlsx', origin: 'attachment', previousSubmissionId: null },
    content,
  );
  await submissions.update(submissionId, { findings: result.findings, registration: result.registration, ...changes });
  return (await submissions.get(submissionId))!;
}

/**
 * The sample form with its users at a domain of their own, so activation emails from these tests never
 * count towards another test's users in the shared outbox.
 */
export function ownUsersWorkbook(): Promise<Buffer> {
  const domain = `firm-${randomBytes(4).toString('hex')}.example.co.uk`;
  return sampleWorkbook({
    users: GOOD_USERS.map((row) => row.map((cell) => (typeof cell === 'string' ? cell.replace('kestrelhart.example.co.uk', domain) : cell))),
  });
}

export const STAFF_PASSWORD = 'correct horse battery';

/** The web role alone for one file's tests, with a staff account `alice` to sign in as. */
export function withStaffWeb(environment: TestEnvironment): { keys: Keys; redis: RedisClient; web(): FastifyInstance } {
  const keys = keysFor(environment.config.keyPrefix);
  const redis = createRedis(environment.config.redis, 'test');
  let service: RunningService | undefined;
  beforeAll(async () => {
    await new StaffAccounts(redis, keys).set('alice', STAFF_PASSWORD, 'administrator');
    service = await startService(environment.config, ['web'], createLogger(environment.config.log));
  });
  afterAll(async () => {
    await service?.stop();
    await redis.quit();
  });
  return { keys, redis, web: () => service!.web! };
}

const CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every state-changing route the web role has under /staff, read from Fastify's own route table. */
function changingRoutes(app: FastifyInstance): Array<{ method: string; url: string }> {
  const routes: Array<{ method: string; url: string }> = [];
  for (const method of CHANGING) {
    let parent = '';
    for (const line of app.printRoutes({ commonPrefix: false, method }).split('\n')) {
      const match = /^(│\s+)?[├└]── (\S+) \(/.exec(line);
      if (!match) continue;
      const url = match[1] ? parent + match[2] : match[2]!;
      if (!match[1]) parent = url;
      if (url.startsWith('/staff/')) routes.push({ method, url });
    }
  }
  return routes;
}

const ROUTE_PARAMS: Record<string, string> = { queueName: 'intake', queueStatus: 'failed', jobId: '1', schedulerId: 'none', token: 'x' };

/** Every state-changing staff route but signing in and out, its parameters filled in (`:id` as this submission). */
export function changingStaffRoutes(app: FastifyInstance, submissionId: string): Array<{ method: string; url: string }> {
  return changingRoutes(app)
    .filter((r) => !['/staff/sign-in', '/staff/sign-out'].includes(r.url))
    .map((r) => ({ ...r, url: r.url.replace(/:(\w+)/g, (_, name: string) => (name === 'id' ? submissionId : (ROUTE_PARAMS[name] ?? name))) }));
}

/** Makes a queued job fail for good, as a stage that hit an error it cannot retry would, and returns it. */
export async function failForGood(queue: Queue, jobId: string, redis: RedisConfig, prefix: string): Promise<Job> {
  const connection = createRedis(redis, 'failing-worker');
  const worker = new Worker(
    queue.name,
    async () => {
      throw new UnrecoverableError('boom');
    },
    { connection, prefix },
  );
  const job = (await queue.getJob(jobId))!;
  await waitFor(async () => (await job.getState()) === 'failed', 'the job to fail');
  await worker.close();
  await connection.quit();
  return job;
}
