import { join } from 'node:path';
import { TEMPLATES_DIR } from '../../paths.js';

/** The committed templates that the web service serves at /forms/registration.xlsx and .csv. */
export const TEMPLATE_PATHS = {
  xlsx: join(TEMPLATES_DIR, 'forms', 'registration.xlsx'),
  csv: join(TEMPLATES_DIR, 'forms', 'registration.csv'),
} as const;
