import { renderFinding, type FormResult } from '../form/index.js';

/** Findings as a person reads them in a terminal: one block per finding, then a one-line verdict. */
export function formatResult(filename: string, result: FormResult): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    const where = [f.tab, f.cell].filter(Boolean).join(' ');
    lines.push(`${f.severity.toUpperCase()} ${f.code}${where ? ` [${where}]` : ''}`);
    const text = renderFinding(f);
    lines.push(`  ${text.message}`);
    if (text.suggestion) lines.push(`  Fix: ${text.suggestion}`);
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  if (!result.readable) lines.push(`${filename}: could not be read.`);
  else if (result.valid) {
    const users = result.registration?.users.length ?? 0;
    lines.push(
      `${filename}: valid (form version ${result.formVersion ?? 'unknown'}, ${users} user${users === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}).`,
    );
  } else lines.push(`${filename}: ${errors} problem${errors === 1 ? '' : 's'} to fix${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`);
  return `${lines.join('\n')}\n`;
}
