import { describe, expect, it } from 'vitest';
import type { OrganisationSummary } from '../registry/account-registry.js';
import { ORGANISATION_PAGE_SIZE, OrganisationQuerySchema, searchOrganisations } from './organisation-search.js';

const organisation = (name: string, changes: Partial<OrganisationSummary> = {}) =>
  ({
    id: `org_${name}`,
    name,
    courts: ['429'],
    emailDomains: [`${name.toLowerCase().replace(/\W/g, '')}.example`],
    userCount: 1,
    activation: { 'not-invited': 0, invited: 1, activated: 0, expired: 0 },
    ...changes,
  }) as unknown as OrganisationSummary;

const search = (all: OrganisationSummary[], query: Record<string, unknown>) =>
  searchOrganisations(all, OrganisationQuerySchema.parse(query)).items.map((o) => o.name);

describe('searching organisations', () => {
  const all = [
    organisation('Kestrel Hart', { courts: ['429', '100'] }),
    organisation('Abbott Chambers', { activation: { 'not-invited': 0, invited: 0, activated: 2, expired: 1 } }),
    organisation('Bell & Co', { emailDomains: ['bell-law.co.uk'] }),
  ];

  it('matches the name or a users’ email domain, with or without the @', () => {
    expect(search(all, { q: 'kestrel' })).toEqual(['Kestrel Hart']);
    expect(search(all, { q: '@bell-law.co.uk' })).toEqual(['Bell & Co']);
    expect(search(all, { q: 'bell-law' })).toEqual(['Bell & Co']);
  });

  it('filters by court and activation state, and sorts', () => {
    expect(search(all, { court: '100' })).toEqual(['Kestrel Hart']);
    expect(search(all, { activation: 'expired' })).toEqual(['Abbott Chambers']);
    expect(search(all, { sort: 'name' })).toEqual(['Abbott Chambers', 'Bell & Co', 'Kestrel Hart']);
    expect(search(all, { sort: 'newest' })).toEqual(['Kestrel Hart', 'Abbott Chambers', 'Bell & Co']);
  });

  it('pages with a bounded page size, and a page past the end shows the last', () => {
    const many = Array.from({ length: ORGANISATION_PAGE_SIZE * 2 + 3 }, (_, i) => organisation(`Firm ${i}`));
    const last = searchOrganisations(many, OrganisationQuerySchema.parse({ page: '99' }));
    expect(last).toMatchObject({ page: 3, pages: 3, total: many.length });
    expect(last.items).toHaveLength(3);
    expect(OrganisationQuerySchema.parse({ page: 'x' }).page).toBe(1);
    expect(OrganisationQuerySchema.safeParse({ sort: 'nonsense' }).success).toBe(false);
  });
});
