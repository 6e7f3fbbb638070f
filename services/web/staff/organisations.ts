import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StaffDeps } from './deps.js';
import { showProblem } from './error-pages.js';
import { page } from './render.js';

const PAGE_SIZE = 25;
const PageSchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });

/** Organisations and their users, with where each user is in activation. */
export function registerOrganisations(app: FastifyInstance, deps: StaffDeps): void {
  app.get('/staff/organisations', { config: { role: 'viewer' } }, async (request, reply) => {
    const { page: number } = PageSchema.parse(request.query ?? {});
    const { total, organisations } = await deps.registry.listOrganisations({ offset: (number - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    return page(request, reply, 'organisations', {
      title: 'Organisations',
      total,
      organisations,
      pagination: {
        previous: number > 1 ? { href: `/staff/organisations?page=${number - 1}` } : undefined,
        next: number < pages ? { href: `/staff/organisations?page=${number + 1}` } : undefined,
      },
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
