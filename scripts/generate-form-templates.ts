import { dirname, resolve } from 'node:path';
import { TEMPLATE_PATHS } from '../src/form/template/template-paths.js';
import { writeTemplates } from '../src/form/template/write-templates.js';

/** Regenerates templates/forms from the form schema: `npx tsx scripts/generate-form-templates.ts [DIR]`. */
const folder = resolve(process.argv[2] ?? dirname(TEMPLATE_PATHS.xlsx));
for (const path of await writeTemplates(folder)) process.stdout.write(`wrote ${path}\n`);
