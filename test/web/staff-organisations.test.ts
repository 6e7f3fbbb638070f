import { describe, expect, it } from 'vitest';
import { courtDirectoryFor } from '../../src/courts/court-directory.js';
import { validateForm } from '../../src/form/index.js';
import { RedisAccountRegistry } from '../../src/registry/redis-account-registry.js';
import { registryInput } from '../../workers/setup/handler.js';
import { testEnvironment } from '../helpers/environment.js';
import { get, ownUsersWorkbook, signIn, STAFF_PASSWORD, withStaffWeb } from './staff-helpers.js';

describe('staff: finding organisations', () => {
  const web = withStaffWeb(testEnvironment());

  it('searches by name and by users’ email domain, filters by court and activation, on the server', async () => {
    const form = await ownUsersWorkbook();
    const { registration } = await validateForm({ filename: 'form.xlsx', content: form });
    const registry = new RedisAccountRegistry(web.redis, web.keys);
    const setup = await registry.upsertOrganisation(registryInput(registration!), 'seeded-1');
    if (setup.outcome === 'identifier-conflict') throw new Error('unexpected conflict');
    const domain = registration!.users[0]!.email.split('@')[1]!;
    const court = registration!.courts[0]!;
    const browser = await signIn(web.web(), 'alice', STAFF_PASSWORD);
    const count = async (query: string) =>
      /id="result-count">(\d+) organisation/.exec((await get(web.web(), browser, `/staff/organisations?${query}`)).body)?.[1];

    expect(await count(`q=${encodeURIComponent(`@${domain}`)}`)).toBe('1');
    expect(await count('q=kestrel')).toBe('1');
    expect(await count('q=no-such-firm.example')).toBe('0');
    expect(await count(`court=${court}&sort=name`)).toBe('1');
    expect(await count('court=NOPE')).toBe('0');
    expect(await count('activation=not-invited')).toBe('1');
    expect(await count('activation=expired')).toBe('0');
    const page = (await get(web.web(), browser, `/staff/organisations/${setup.organisationId}`)).body;
    const courtName = (await courtDirectoryFor(web.redis, web.keys).list()).find((c) => c.code === court)!.name;
    expect(page).toContain(courtName.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
  });
});
