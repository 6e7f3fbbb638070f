import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderFinding, validateForm } from '../form/index.js';
import { writeTemplates } from '../form/template/write-templates.js';
import { formatResult } from './format-findings.js';

/** Exit codes are a contract for scripts: 0 valid, 1 invalid, 2 unreadable file or bad usage. */
export const EXIT = { valid: 0, invalid: 1, unreadable: 2 } as const;

const USAGE = `Usage:
  intake validate FILE [--json]   check a registration form (exit 0 valid, 1 invalid, 2 unreadable)
  intake template --out DIR       write the Excel and CSV templates, English and Welsh, into DIR
`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'validate') return await validate(rest, io);
    if (command === 'template') return await template(rest, io);
  } catch (error) {
    io.err(`intake: ${(error as Error).message}\n${USAGE}`);
    return EXIT.unreadable;
  }
  io.err(USAGE);
  return EXIT.unreadable;
}

async function validate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new Error('validate needs exactly one FILE');
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'error';
    io.err(`intake: cannot read ${file}: ${reason}\n`);
    // Scripts reading --json still get the promised shape on stdout.
    const finding = {
      severity: 'error',
      tab: null,
      cell: null,
      field: null,
      code: 'FILE_NOT_OPENED',
      message: `The file could not be opened (${reason}).`,
      suggestion: null,
    };
    if (values.json) io.out(`${JSON.stringify({ valid: false, findings: [finding], registration: null }, null, 2)}\n`);
    return EXIT.unreadable;
  }
  const result = await validateForm({ filename: basename(file), content });
  // Each finding keeps its code and parameters, with its English sentence beside them for scripts that show it.
  const findings = result.findings.map((f) => {
    const { message, suggestion } = renderFinding(f);
    return { ...f, message, suggestion };
  });
  if (values.json) io.out(`${JSON.stringify({ valid: result.valid, findings, registration: result.registration }, null, 2)}\n`);
  else io.out(formatResult(basename(file), result));
  if (!result.readable) return EXIT.unreadable;
  return result.valid ? EXIT.valid : EXIT.invalid;
}

async function template(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: false });
  if (!values.out) throw new Error('template needs --out DIR');
  for (const path of await writeTemplates(resolve(values.out))) io.out(`wrote ${path}\n`);
  return EXIT.valid;
}
