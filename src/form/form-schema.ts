/**
 * The registration form, described once. The templates, the readers, the rules and the messages are all
 * derived from this file: change a label or a row here and everything else follows.
 */
import { WELSH_ORGANISATION_TYPES, WELSH_ROLES } from './form-schema-cy.js';

export const FORM_VERSION = '2026.1';
export const FORM_DOWNLOAD_PATH = '/forms/registration.xlsx';
export const VERSION_LABEL = 'Form version';

export const TABS = {
  instructions: 'Instructions',
  organisation: 'Organisation details input',
  users: 'User details input',
  terms: 'Terms and conditions',
  officeUse: 'Office use only',
  lists: 'Lists (office use)',
} as const;
export type InputTab = typeof TABS.organisation | typeof TABS.users;

export type FieldKind = 'text' | 'organisation-type' | 'postcode' | 'phone' | 'email' | 'laa' | 'sra' | 'bsb' | 'court' | 'date';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  help: string;
  /** Older or looser wordings of the label that still identify the field. */
  aliases?: readonly string[];
}

export type OrganisationRow = { heading: string } | FieldSpec;

const field = (key: string, label: string, kind: FieldKind, required: boolean, help: string, aliases?: string[]): FieldSpec => ({
  key,
  label,
  kind,
  required,
  help,
  ...(aliases ? { aliases } : {}),
});

export const COURT_SLOTS = 10;
const courtFields = Array.from({ length: COURT_SLOTS }, (_, i) =>
  field(`court${i + 1}`, `Court ${i + 1}`, 'court', i === 0, i === 0 ? 'Choose from the list. Add one court per row.' : ''),
);

export const ORGANISATION_ROWS: readonly OrganisationRow[] = [
  { heading: 'About your organisation' },
  field('organisationName', 'Organisation name', 'text', true, 'The name the Legal Aid Agency, the SRA or the Bar Standards Board knows you by.', [
    'Name of organisation',
  ]),
  field('organisationType', 'Organisation type', 'organisation-type', true, 'Choose from the list.', ['Type of organisation']),
  field('addressLine1', 'Head office address line 1', 'text', true, 'Building and street.', ['Address line 1']),
  field('addressLine2', 'Head office address line 2', 'text', false, 'Optional.', ['Address line 2']),
  field('town', 'Town or city', 'text', true, '', ['Town']),
  field('postcode', 'Postcode', 'postcode', true, 'A UK postcode, for example SW1A 1AA.', ['Post code']),
  field('phone', 'Organisation phone number', 'phone', true, 'A UK phone number, for example 020 7946 0000.', ['Phone number']),
  field('email', 'Organisation email address', 'email', true, 'A shared mailbox is best, for example office@firm.co.uk.', ['Email address']),
  { heading: 'Registration numbers: give at least one' },
  field('laa', 'LAA account number', 'laa', false, 'Legal Aid Agency office account number: 6 characters, for example 2A123B.', [
    'Legal Aid Agency account number',
  ]),
  field('sra', 'SRA number', 'sra', false, 'Solicitors Regulation Authority number: 5 to 7 digits, for example 612345.', ['SRA ID']),
  field('bsb', 'Bar Standards Board number', 'bsb', false, 'Bar Standards Board number: up to 6 digits, optionally after a letter, for example A12345.', [
    'BSB number',
  ]),
  { heading: 'Courts you work at' },
  ...courtFields,
  { heading: 'Account administrator: you will be named as accountable for Common Platform in your organisation' },
  field('adminName', 'Administrator full name', 'text', true, 'First name and last name.'),
  field('adminJobTitle', 'Administrator job title', 'text', true, 'For example Practice manager.'),
  field('adminEmail', 'Administrator email address', 'email', true, 'Their own work email address.'),
  field('adminPhone', 'Administrator phone number', 'phone', true, 'A UK phone number.'),
  { heading: 'Terms and conditions: read the Terms and conditions tab, then sign below' },
  field('signatureName', 'Signature: type your full name', 'text', true, 'Typing your full name is your digital signature.', ['Signature', 'Signed']),
  field('signatureDate', 'Date signed', 'date', true, "Today's date, for example 25/11/2026.", ['Date']),
];

export const ORGANISATION_FIELDS: readonly FieldSpec[] = ORGANISATION_ROWS.filter((row): row is FieldSpec => 'key' in row);

/** Template layout of both input tabs: rows 1-3 title, version and guidance, row 4 column headings. */
export const LAYOUT = {
  titleRow: 1,
  versionRow: 2,
  guidanceRow: 3,
  headerRow: 4,
  firstBodyRow: 5,
  organisation: { labelColumn: 1, answerColumn: 2, helpColumn: 3 },
  templateUserRows: 200,
} as const;
export const ORGANISATION_HEADERS = ['Field', 'Your answer', 'Help'] as const;

export const USER_COLUMNS: readonly FieldSpec[] = [
  field('firstName', 'First name', 'text', true, '', ['Forename', 'Given name']),
  field('lastName', 'Last name', 'text', true, '', ['Surname', 'Family name']),
  field('email', 'Email address', 'email', true, 'Their own work email address; each user needs a different one.', ['Email']),
  field('mobile', 'Mobile number', 'phone', true, 'A UK mobile number: the activation passcode is sent to it by text message.', [
    'Mobile',
    'Mobile phone number',
  ]),
  field('role', 'Role', 'text', true, 'Choose from the list.', ['Role 1', 'Roles']),
  field('otherRoles', 'Other roles', 'text', false, 'Optional: a second role from the list.', ['Role 2', 'Second role', 'Additional role']),
];

/** `labelCy`: the label in the Welsh form's lists, read as exactly as the English one. */
export interface Choice<T extends string> {
  value: T;
  label: string;
  labelCy: string;
  aliases: readonly string[];
}

export type OrganisationType = 'solicitors-firm' | 'barristers-chambers' | 'sole-barrister';
export const ORGANISATION_TYPES: readonly Choice<OrganisationType>[] = [
  {
    value: 'solicitors-firm',
    label: "Solicitors' firm",
    labelCy: WELSH_ORGANISATION_TYPES['solicitors-firm'],
    aliases: ['Solicitors', 'Firm of solicitors', 'Law firm', 'Solicitor firm'],
  },
  {
    value: 'barristers-chambers',
    label: "Barristers' chambers",
    labelCy: WELSH_ORGANISATION_TYPES['barristers-chambers'],
    aliases: ['Chambers', 'Barrister chambers'],
  },
  {
    value: 'sole-barrister',
    label: 'Self-employed, freelance or direct-access barrister',
    labelCy: WELSH_ORGANISATION_TYPES['sole-barrister'],
    aliases: ['Self-employed barrister', 'Freelance barrister', 'Direct access barrister', 'Sole barrister', 'Barrister'],
  },
];

export type Role = 'organisation-administrator' | 'advocate' | 'defence-lawyer' | 'support-staff';
export const ROLES: readonly Choice<Role>[] = [
  {
    value: 'organisation-administrator',
    label: 'Organisation administrator',
    labelCy: WELSH_ROLES['organisation-administrator'],
    aliases: ['Organisation admin', 'Org admin', 'Administrator', 'Admin'],
  },
  { value: 'advocate', label: 'Advocate', labelCy: WELSH_ROLES.advocate, aliases: ['Counsel', 'Solicitor advocate', 'Barrister'] },
  { value: 'defence-lawyer', label: 'Defence lawyer', labelCy: WELSH_ROLES['defence-lawyer'], aliases: ['Defence solicitor', 'Solicitor', 'Lawyer'] },
  { value: 'support-staff', label: 'Support staff', labelCy: WELSH_ROLES['support-staff'], aliases: ['Support', 'Legal support', 'Paralegal', 'Secretary'] },
];

/** Formats of the registration numbers, as the reply explains them. */
export const IDENTIFIER_FORMATS = {
  laa: { pattern: /^\d[A-Z]\d{3}[A-Z]$/, description: 'a digit, a letter, 3 digits and a letter', example: '2A123B' },
  sra: { pattern: /^\d{5,7}$/, description: '5 to 7 digits', example: '612345' },
  bsb: { pattern: /^[A-Z]?\d{1,6}$/, description: 'up to 6 digits, optionally after one letter', example: 'A12345' },
} as const;

/** Limits that keep one hostile or broken file from taking the service down. */
export const LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 60 * 1024 * 1024,
  maxPartBytes: 40 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxZipEntries: 1000,
  maxRows: 5000,
  maxColumns: 200,
  maxUsers: 1000,
  maxCellChars: 2000,
  timeoutMs: 15_000,
  memoryMb: 128,
} as const;
