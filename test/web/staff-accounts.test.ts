import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/staff/audit-log.js';
import { StaffAccounts } from '../../src/staff/staff-accounts.js';
import { SubmissionStore } from '../../src/submissions/submission-store.js';
import { testEnvironment } from '../helpers/environment.js';
import { changingStaffRoutes, get, post, signIn, STAFF_PASSWORD, withStaffWeb } from './staff-helpers.js';

const PASSWORD = 'a long staff password';

describe('the staff accounts page', () => {
  const web = withStaffWeb(testEnvironment());
  const accounts = () => new StaffAccounts(web.redis, web.keys);
  const newestAudit = async () => (await new AuditLog(web.redis, web.keys, new SubmissionStore(web.redis, web.keys)).newest(1))[0];

  it('lets an administrator add an account, change its role and remove it, each audited under their name', async () => {
    const alice = await signIn(web.web(), 'alice', STAFF_PASSWORD);
    const listed = await get(web.web(), alice, '/staff/accounts');
    expect(listed.statusCode).toBe(200);
    expect(listed.body).toContain('href="/staff/accounts"');
    expect(listed.body).toContain('alice (you)');

    const added = await post(web.web(), alice, '/staff/accounts', { username: 'Bob', role: 'caseworker', password: PASSWORD });
    expect([added.statusCode, added.headers.location]).toEqual([303, `/staff/accounts?done=${encodeURIComponent('Added bob as caseworker')}`]);
    expect(await accounts().roleOf('bob')).toBe('caseworker');
    expect(await newestAudit()).toMatchObject({ actor: 'alice', action: 'staff-account-added', detail: 'bob as caseworker' });
    const bob = await signIn(web.web(), 'bob', PASSWORD);
    const page = (await get(web.web(), alice, '/staff/accounts')).body;
    const bobRow = /<td class="govuk-table__cell">bob<\/td>[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '';
    expect(bobRow).toContain('Change role of bob');
    expect(bobRow).not.toContain('Not yet');
    expect((await accounts().list()).find((a) => a.username === 'bob')?.lastSignedInAt).toBeGreaterThan(0);

    const again = await post(web.web(), alice, '/staff/accounts', { username: 'bob', role: 'viewer', password: 'another long password' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('There is already an account called bob');
    expect(await accounts().verify('bob', PASSWORD)).not.toBeNull();

    const changed = await post(web.web(), alice, '/staff/accounts/bob/role', { role: 'viewer' });
    expect(changed.headers.location).toContain('done=');
    expect(await accounts().roleOf('bob')).toBe('viewer');
    expect(await newestAudit()).toMatchObject({ actor: 'alice', action: 'staff-account-role-changed', detail: 'bob from caseworker to viewer' });

    const confirm = await get(web.web(), alice, '/staff/accounts/bob/remove');
    expect(confirm.body).toContain('Remove the account bob?');
    expect(await accounts().roleOf('bob')).toBe('viewer');
    const removed = await post(web.web(), alice, '/staff/accounts/bob/remove', {});
    expect(removed.headers.location).toContain('done=Removed%20bob');
    expect(await accounts().roleOf('bob')).toBeNull();
    expect(await newestAudit()).toMatchObject({ actor: 'alice', action: 'staff-account-removed', detail: 'bob (was viewer)' });
    // The removed account's session ends at once.
    expect((await get(web.web(), bob, '/staff')).statusCode).toBe(302);
  });

  it('explains what is wrong with an account to add, and adds nothing', async () => {
    const alice = await signIn(web.web(), 'alice', STAFF_PASSWORD);
    const refused = await post(web.web(), alice, '/staff/accounts', { username: 'x', role: 'owner', password: 'short' });
    expect(refused.statusCode).toBe(400);
    for (const text of ['A username is 2-40 letters', 'Choose a role', 'A password must be at least 12 characters']) expect(refused.body).toContain(text);
    expect(refused.body).toContain('href="#password"');
    expect((await accounts().list()).map((a) => a.username)).not.toContain('x');
  });

  it('refuses to let an administrator remove or demote their own account', async () => {
    await accounts().set('ada', PASSWORD, 'administrator');
    const ada = await signIn(web.web(), 'ada', PASSWORD);
    const demote = await post(web.web(), ada, '/staff/accounts/ada/role', { role: 'viewer' });
    expect(decodeURIComponent(demote.headers.location as string)).toContain('You cannot change your own role');
    const remove = await post(web.web(), ada, '/staff/accounts/ada/remove', {});
    expect(decodeURIComponent(remove.headers.location as string)).toContain('You cannot remove your own account');
    expect((await get(web.web(), ada, '/staff/accounts/ada/remove')).statusCode).toBe(303);
    expect(await accounts().roleOf('ada')).toBe('administrator');
    // Another administrator may.
    const alice = await signIn(web.web(), 'alice', STAFF_PASSWORD);
    expect((await post(web.web(), alice, '/staff/accounts/ada/remove', {})).headers.location).toContain('done=');
    expect(await accounts().roleOf('ada')).toBeNull();
  });

  it('refuses viewers and caseworkers the page and every change, and offers them no link to it', async () => {
    await accounts().set('vic', PASSWORD, 'viewer');
    await accounts().set('cass', PASSWORD, 'caseworker');
    const routes = changingStaffRoutes(web.web(), 'none').filter((route) => route.url.startsWith('/staff/accounts'));
    expect(routes.map((r) => r.url).sort()).toEqual(['/staff/accounts', '/staff/accounts/username/remove', '/staff/accounts/username/role']);
    for (const name of ['vic', 'cass']) {
      const browser = await signIn(web.web(), name, PASSWORD);
      expect((await get(web.web(), browser, '/staff')).body).not.toContain('href="/staff/accounts"');
      for (const url of ['/staff/accounts', '/staff/accounts/alice/remove'])
        expect((await get(web.web(), browser, url)).statusCode, `${name} GET ${url}`).toBe(403);
      for (const { url } of routes) {
        const target = url.replace('username', 'alice');
        const refused = await post(web.web(), browser, target, { username: 'mallory', role: 'administrator', password: PASSWORD });
        expect(refused.statusCode, `${name} POST ${target}`).toBe(403);
      }
    }
    expect(await accounts().roleOf('alice')).toBe('administrator');
    expect(await accounts().roleOf('mallory')).toBeNull();
  });
});
