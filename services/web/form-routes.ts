import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { TEMPLATE_PATHS } from '../../src/form/index.js';

/** The current registration form, as a workbook and as CSV, for firms to download. */
export function registerFormRoutes(app: FastifyInstance): void {
  app.get('/forms/registration.xlsx', async (_request, reply) =>
    reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', 'attachment; filename="Common Platform registration form.xlsx"')
      .send(createReadStream(TEMPLATE_PATHS.xlsx)));
  app.get('/forms/registration.csv', async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="Common Platform registration form.csv"')
      .send(createReadStream(TEMPLATE_PATHS.csv)));
}
