import type { FastifyInstance } from 'fastify';
import type { StaffDeps } from './deps.js';
import { page } from './render.js';

const SHOWN = 200;

/** What staff did, newest first: sign-ins, court edits, queue board changes and actions on submissions. */
export function registerAuditPage(app: FastifyInstance, deps: StaffDeps): void {
  app.get('/staff/audit', { config: { role: 'viewer' } }, async (request, reply) =>
    page(request, reply, 'audit', { title: 'Staff activity', entries: await deps.audit.newest(SHOWN), shown: SHOWN }),
  );
}
