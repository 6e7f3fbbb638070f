import { join } from 'node:path';
import { TEMPLATES_DIR } from '../../paths.js';

/** The committed templates that the web service serves at /forms/registration.xlsx and .csv. */
export const TEMPLATE_PATHS = {
  xlsx: join(TEMPLATES_DIR, 'forms', 'registration.xlsx'),
  csv: join(TEMPLATES_DIR, 'forms', 'registration.csv'),
} as const;

/** The Welsh form, the same cells in Welsh words, served at /forms/cofrestru.xlsx and .csv. */
export const WELSH_TEMPLATE_PATHS = {
  xlsx: join(TEMPLATES_DIR, 'forms', 'cofrestru.xlsx'),
  csv: join(TEMPLATES_DIR, 'forms', 'cofrestru.csv'),
} as const;
