import { describe, expect, it } from 'vitest';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { SubmissionStore } from '../../src/submissions/submission-store.js';
import { testEnvironment } from '../helpers/environment.js';
import { changingStaffRoutes, get, post, seedSubmission, signIn, withStaffWeb, type Browser } from './staff-helpers.js';

const PASSWORD = 'a long staff password';

describe('staff roles', () => {
  const web = withStaffWeb(testEnvironment());
  const as = async (name: string, role: 'viewer' | 'caseworker') => {
    await new StaffAccounts(web.redis, web.keys).set(name, PASSWORD, role);
    return signIn(web.web(), name, PASSWORD);
  };
  const send = (browser: Browser, method: string, url: string) =>
    web.web().inject({
      method: method as 'POST',
      url,
      payload: new URLSearchParams({ _csrf: browser.csrf, action: 'retry', code: '404', goLiveDate: '' }).toString(),
      headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });

  it('refuses a viewer every state-changing route, tried directly, while letting them read', async () => {
    const viewer = await as('vera', 'viewer');
    const submission = await seedSubmission(web.redis, web.keys, { state: 'review' });
    const routes = changingStaffRoutes(web.web(), submission.submissionId);
    expect(routes.length).toBeGreaterThan(40);
    for (const { method, url } of routes) expect((await send(viewer, method, url)).statusCode, `${method} ${url}`).toBe(403);
    for (const action of ['accept', 'reject', 'priority', 'resend', 'retry', 'looked-at']) {
      const refused = await post(web.web(), viewer, `/staff/submissions/${submission.submissionId}/actions`, {
        action,
        note: 'n',
        level: 'first',
        userId: 'u',
      });
      expect(refused.statusCode, action).toBe(403);
      expect(refused.body).toContain('You do not have permission to do that');
    }
    expect((await new SubmissionStore(web.redis, web.keys).get(submission.submissionId))?.state).toBe('review');
    for (const url of [
      '/staff',
      '/staff/attention',
      '/staff/submissions',
      `/staff/submissions/${submission.submissionId}`,
      '/staff/organisations',
      '/staff/courts',
      '/staff/audit',
      '/staff/queues',
    ]) {
      expect((await get(web.web(), viewer, url)).statusCode, url).toBe(200);
    }
    expect((await get(web.web(), viewer, '/staff/queues-admin')).statusCode).toBe(403);
    const page = (await get(web.web(), viewer, `/staff/submissions/${submission.submissionId}`)).body;
    expect(page).not.toContain('Reject with this note');
    // The list of work shows a viewer what waits, with no controls to act on it.
    const attention = (await get(web.web(), viewer, '/staff/attention')).body;
    expect(attention).toContain(submission.reference);
    expect(attention).not.toContain('Reject with this note');
    expect(attention).not.toContain('<form method="post" action="/staff/attention');
    expect(page).toContain('Signed in as <strong>vera</strong> (viewer)');
  });

  it('lets a caseworker act on submissions, but not on courts or the queue board', async () => {
    const caseworker = await as('carl', 'caseworker');
    const submission = await seedSubmission(web.redis, web.keys, { state: 'review' });
    const rejected = await post(web.web(), caseworker, `/staff/submissions/${submission.submissionId}/actions`, {
      action: 'reject',
      note: 'the firm asked us to',
    });
    expect(rejected.statusCode).toBe(303);
    expect(rejected.headers.location).toContain('done=Rejected');
    expect((await post(web.web(), caseworker, '/staff/courts', { code: '404', goLiveDate: '' })).statusCode).toBe(403);
    expect((await send(caseworker, 'PUT', '/staff/queues-admin/api/queues/intake/pause')).statusCode).toBe(403);
    expect((await get(web.web(), caseworker, '/staff/courts')).body).not.toContain('Upload go-live dates');
  });

  it('takes a lowered role or a removed account into account at the next request', async () => {
    const accounts = new StaffAccounts(web.redis, web.keys);
    const caseworker = await as('cleo', 'caseworker');
    await accounts.setRole('cleo', 'viewer');
    const submission = await seedSubmission(web.redis, web.keys, { state: 'review' });
    expect((await post(web.web(), caseworker, `/staff/submissions/${submission.submissionId}/actions`, { action: 'reject', note: 'x' })).statusCode).toBe(403);
    await accounts.remove('cleo');
    expect((await get(web.web(), caseworker, '/staff')).statusCode).toBe(302);
  });
});
