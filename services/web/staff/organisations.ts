import type { FastifyInstance } from 'fastify';
import type { OrganisationSummary } from '../../../src/registry/account-registry.js';
import { OrganisationQuerySchema, searchOrganisations } from '../../../src/staff/organisation-search.js';
import type { StaffDeps } from './deps.js';
import { showProblem } from './error-pages.js';
import { pagination } from './pagination.js';
import { page } from './render.js';

/** How many organisations a search reads, newest first; a few hundred firms a year stay far below it. */
const SCAN_LIMIT = 2_000;
const READ_PAGE = 500;

async function newestOrganisations(deps: StaffDeps): Promise<{ organisations: OrganisationSummary[]; total: number }> {
  const organisations: OrganisationSummary[] = [];
  let total = 0;
  for (let offset = 0; offset < SCAN_LIMIT; offset += READ_PAGE) {
    const read = await deps.registry.listOrganisations({ offset, limit: READ_PAGE });
    total = read.total;
    organisations.push(...read.organisations);
    if (read.organisations.length < READ_PAGE) break;
  }
  return { organisations, total };
}

/** Organisations and their users, with where each user is in activation. */
export function registerOrganisations(app: FastifyInstance, deps: StaffDeps): void {
  app.get('/staff/organisations', { config: { role: 'viewer' } }, async (request, reply) => {
    const query = OrganisationQuerySchema.safeParse(request.query ?? {});
    const filters = query.success ? query.data : OrganisationQuerySchema.parse({});
    const [{ organisations, total }, courts] = await Promise.all([newestOrganisations(deps), deps.courts.list()]);
    const result = searchOrganisations(organisations, filters);
    return page(request, reply, 'organisations', {
      title: 'Organisations',
      filters,
      invalid: !query.success,
      result,
      scanned: organisations.length,
      scannedAll: organisations.length >= total,
      courts: [...courts].sort((a, b) => a.name.localeCompare(b.name)),
      pagination: pagination('/staff/organisations', filters, result),
    });
  });

  app.get<{ Params: { id: string } }>('/staff/organisations/:id', { config: { role: 'viewer' } }, async (request, reply) => {
    const organisation = /^[\w-]{1,100}$/.test(request.params.id) ? await deps.registry.getOrganisation(request.params.id) : null;
    if (!organisation) return showProblem(request, reply, 'not-found');
    const [users, courts] = await Promise.all([deps.registry.listUsers(organisation.id), deps.courts.list()]);
    const courtNames = organisation.courts.map((code) => courts.find((court) => court.code === code)?.name ?? code);
    return page(request, reply, 'organisation', { title: organisation.name, organisation, users, courtNames });
  });
}
