import { fileURLToPath } from 'node:url';

const folder = new URL('../../../templates/forms/', import.meta.url);

/** The committed templates that the web service serves at /forms/registration.xlsx and .csv. */
export const TEMPLATE_PATHS = {
  xlsx: fileURLToPath(new URL('registration.xlsx', folder)),
  csv: fileURLToPath(new URL('registration.csv', folder)),
} as const;
