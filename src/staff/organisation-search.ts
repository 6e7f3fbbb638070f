import { z } from 'zod';
import { ACTIVATION_STATES, type OrganisationSummary } from '../registry/account-registry.js';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const ORGANISATION_SORTS = ['newest', 'name', 'waiting'] as const;

export const OrganisationQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  court: z.preprocess(blankToUndefined, z.string().trim().max(20).optional()),
  /** Organisations with at least one user in this activation state. */
  activation: z.preprocess(blankToUndefined, z.enum(ACTIVATION_STATES as [string, ...string[]]).optional()),
  sort: z.preprocess(blankToUndefined, z.enum(ORGANISATION_SORTS).default('newest')),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type OrganisationQuery = z.infer<typeof OrganisationQuerySchema>;

export const ORGANISATION_PAGE_SIZE = 25;

/** A term matches the name, or a users' email domain ("firm.example", "@firm.example" or a part of either). */
function matches(organisation: OrganisationSummary, term: string): boolean {
  const domainTerm = term.replace(/^@/, '');
  return organisation.name.toLowerCase().includes(term) || organisation.emailDomains.some((domain) => domain.includes(domainTerm));
}

const SORTS: Record<OrganisationQuery['sort'], (a: OrganisationSummary, b: OrganisationSummary) => number> = {
  newest: () => 0, // already newest first
  name: (a, b) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }),
  // Those with the most users still to activate first: where a phone call helps most.
  waiting: (a, b) => b.activation.expired + b.activation.invited - (a.activation.expired + a.activation.invited),
};

/** Filters, sorts and pages organisations (given newest first) as staff asked. */
export function searchOrganisations(organisations: readonly OrganisationSummary[], query: OrganisationQuery) {
  const term = query.q?.toLowerCase();
  const found = organisations.filter(
    (o) =>
      (!term || matches(o, term)) &&
      (!query.court || o.courts.includes(query.court)) &&
      (!query.activation || o.activation[query.activation as keyof OrganisationSummary['activation']] > 0),
  );
  const sorted = [...found].sort(SORTS[query.sort]);
  const pages = Math.max(1, Math.ceil(sorted.length / ORGANISATION_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return { total: sorted.length, page, pages, items: sorted.slice((page - 1) * ORGANISATION_PAGE_SIZE, page * ORGANISATION_PAGE_SIZE) };
}
