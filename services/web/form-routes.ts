import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { TEMPLATE_PATHS, WELSH_TEMPLATE_PATHS } from '../../src/form/index.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORMS = [
  { url: '/forms/registration.xlsx', path: TEMPLATE_PATHS.xlsx, type: XLSX, name: 'Common Platform registration form.xlsx' },
  { url: '/forms/registration.csv', path: TEMPLATE_PATHS.csv, type: 'text/csv; charset=utf-8', name: 'Common Platform registration form.csv' },
  // The Welsh form: the same cells in Welsh, read by the same checker.
  { url: '/forms/cofrestru.xlsx', path: WELSH_TEMPLATE_PATHS.xlsx, type: XLSX, name: 'Ffurflen gofrestru Platfform Cyffredin.xlsx' },
  { url: '/forms/cofrestru.csv', path: WELSH_TEMPLATE_PATHS.csv, type: 'text/csv; charset=utf-8', name: 'Ffurflen gofrestru Platfform Cyffredin.csv' },
];

/** The current registration form, in English and in Welsh, as a workbook and as CSV, for firms to download. */
export function registerFormRoutes(app: FastifyInstance): void {
  for (const form of FORMS) {
    app.get(form.url, async (_request, reply) =>
      reply.type(form.type).header('Content-Disposition', `attachment; filename="${form.name}"`).send(createReadStream(form.path)),
    );
  }
}
