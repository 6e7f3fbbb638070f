import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../../../src/staff/audit-log.js';

/** The signed-in person as the audit log records them: their name, and their identity provider subject if any. */
export function actorOf(request: FastifyRequest): AuditActor {
  const subject = request.session.subject;
  return { actor: request.session.staff ?? 'unknown', ...(subject ? { subject } : {}) };
}
