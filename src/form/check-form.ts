import { locateForm } from './extract/locate-form.js';
import { hasErrors, makeFinding, NOWHERE, type Finding } from './findings.js';
import { sortFindings } from './findings-order.js';
import { TABS } from './form-schema.js';
import { readCsv } from './read/csv-reader.js';
import type { Grid } from './read/grid.js';
import { UnreadableFileError } from './read/read-errors.js';
import { sniff } from './read/sniff.js';
import { unreadableFinding } from './read/unreadable-findings.js';
import { readXlsx } from './read/xlsx-reader.js';
import { RegistrationSchema, type Registration } from './registration.js';
import { checkOrganisation } from './rules/organisation-rules.js';
import { AnswerReader } from './rules/read-answer.js';
import { checkAdministratorListed, checkUsers } from './rules/user-rules.js';
import type { Language } from './messages/catalogue.js';
import { identifyTabs, isWelshTabName } from './tab-names.js';

export interface FormResult {
  valid: boolean;
  readable: boolean;
  findings: Finding[];
  registration: Registration | null;
  formVersion: string | null;
  /** The form's own language: 'cy' for the Welsh form (its tabs named in Welsh), else 'en'. */
  language: Language;
}

export interface FormInput {
  filename: string;
  content: Buffer;
}

/** Reads the file into a grid of the input tabs; throws UnreadableFileError for anything else. */
export function readGrid(input: FormInput): Grid {
  const kind = sniff(input.filename, input.content);
  if (kind.kind === 'csv') return readCsv(input.content);
  return readXlsx(
    input.content,
    (names) => {
      const tabs = identifyTabs(names);
      return [tabs[TABS.organisation], tabs[TABS.users]].filter((n): n is string => n !== null);
    },
    kind.entries,
  );
}

export function unreadable(error: unknown): FormResult {
  // Anything but a classified reason is a gap in the readers: say so rather than blame the sender's file.
  const code = error instanceof UnreadableFileError ? error.code : 'FILE_CHECK_FAILED';
  return { valid: false, readable: false, findings: [unreadableFinding(code)], registration: null, formVersion: null, language: 'en' };
}

// A reply listing thousands of cells helps nobody; the first few hundred show what is wrong.
const MAX_FINDINGS = 300;

function capFindings(findings: Finding[]): Finding[] {
  if (findings.length <= MAX_FINDINGS) return findings;
  const rest = findings.length - MAX_FINDINGS;
  return [...findings.slice(0, MAX_FINDINGS), makeFinding('error', 'MORE_PROBLEMS', NOWHERE, { count: rest })];
}

// A CSV has sections rather than tabs, and its findings say so; cell names stay those a spreadsheet program shows for the file.
const inCsvTerms = (finding: Finding): Finding => ({ ...finding, inCsv: true });

/** The whole check in this thread: read, locate, apply the rules. Never throws. */
export function checkForm(input: FormInput, now: Date): FormResult {
  let grid: Grid;
  try {
    grid = readGrid(input);
  } catch (error) {
    return unreadable(error);
  }
  const located = locateForm(grid);
  const language: Language = grid.sheetNames.some(isWelshTabName) ? 'cy' : 'en';
  if (!located.form) {
    const findings = grid.source === 'csv' ? located.findings.map(inCsvTerms) : located.findings;
    return { valid: false, readable: true, findings, registration: null, formVersion: located.version, language };
  }
  const form = located.form;
  const reader = new AnswerReader(form.date1904);
  const { organisation, identifiers, courts, administrator, terms } = checkOrganisation(form, reader, now);
  const users = checkUsers(form, reader, organisation.type);
  checkAdministratorListed(form, reader, administrator.email);
  const sorted = capFindings(sortFindings([...located.findings, ...reader.findings]));
  const findings = grid.source === 'csv' ? sorted.map(inCsvTerms) : sorted;
  const candidate = { formVersion: form.version, organisation, identifiers, courts, administrator, terms, users };
  const parsed = hasErrors(findings) ? null : RegistrationSchema.safeParse(candidate);
  if (parsed && !parsed.success) {
    // Every rule passed yet the result does not fit: a gap in the rules, reported rather than hidden.
    findings.push(makeFinding('error', 'INTERNAL_CHECK_FAILED', NOWHERE, {}));
  }
  const registration = parsed?.success ? parsed.data : null;
  return { valid: !hasErrors(findings), readable: true, findings, registration, formVersion: form.version, language };
}
