import { ORGANISATION_HEADERS, ORGANISATION_ROWS, ORGANISATION_TYPES, ROLES, TABS, USER_COLUMNS, VERSION_LABEL, type FieldSpec } from '../form-schema.js';
import {
  WELSH_HEADINGS,
  WELSH_ORGANISATION_FIELDS,
  WELSH_ORGANISATION_HEADERS,
  WELSH_TABS,
  WELSH_USER_COLUMNS,
  WELSH_VERSION_LABEL,
} from '../form-schema-cy.js';
import type { Language } from '../messages/catalogue.js';
import { INSTRUCTIONS, OFFICE_USE_FIELDS, ORGANISATION_GUIDANCE, TERMS, USER_GUIDANCE } from './template-text.js';
import { WELSH_INSTRUCTIONS, WELSH_OFFICE_USE_FIELDS, WELSH_ORGANISATION_GUIDANCE, WELSH_TERMS, WELSH_USER_GUIDANCE } from './template-text-cy.js';

export type FormRow = { heading: string } | (FieldSpec & { shownLabel: string; shownHelp: string });
export type FormColumn = FieldSpec & { shownLabel: string; shownHelp: string };

/** Every word a template shows, in one language; the rows, columns and cells are the schema's, the same in each. */
export interface FormWords {
  tabs: Record<keyof typeof TABS, string>;
  versionLabel: string;
  headers: readonly string[];
  rows: FormRow[];
  columns: FormColumn[];
  typeLabels: string[];
  roleLabels: string[];
  instructions: string[];
  terms: string[];
  organisationGuidance: string;
  userGuidance: string;
  officeTitle: string;
  officeFields: string[];
  listHeaders: string[];
  chooseFromList: string;
  enterDate: string;
}

function english(): FormWords {
  return {
    tabs: TABS,
    versionLabel: VERSION_LABEL,
    headers: ORGANISATION_HEADERS,
    rows: ORGANISATION_ROWS.map((row) => ('key' in row ? { ...row, shownLabel: row.label, shownHelp: row.help } : row)),
    columns: USER_COLUMNS.map((c) => ({ ...c, shownLabel: c.label, shownHelp: c.help })),
    typeLabels: ORGANISATION_TYPES.map((t) => t.label),
    roleLabels: ROLES.map((r) => r.label),
    instructions: INSTRUCTIONS,
    terms: TERMS,
    organisationGuidance: ORGANISATION_GUIDANCE,
    userGuidance: USER_GUIDANCE,
    officeTitle: 'For the onboarding team only',
    officeFields: OFFICE_USE_FIELDS,
    listHeaders: ['Organisation types', 'Roles', 'Courts'],
    chooseFromList: 'Choose a value from the list.',
    enterDate: 'Enter a date, for example 25/11/2026.',
  };
}

function welsh(): FormWords {
  let heading = 0;
  const text = (words: Record<string, { label: string; help: string }>, f: FieldSpec) => ({
    shownLabel: words[f.key]?.label ?? f.label,
    shownHelp: words[f.key]?.help ?? f.help,
  });
  return {
    tabs: WELSH_TABS,
    versionLabel: WELSH_VERSION_LABEL,
    headers: WELSH_ORGANISATION_HEADERS,
    rows: ORGANISATION_ROWS.map((row) =>
      'key' in row ? { ...row, ...text(WELSH_ORGANISATION_FIELDS, row) } : { heading: WELSH_HEADINGS[heading++] ?? row.heading },
    ),
    columns: USER_COLUMNS.map((c) => ({ ...c, ...text(WELSH_USER_COLUMNS, c) })),
    typeLabels: ORGANISATION_TYPES.map((t) => t.labelCy),
    roleLabels: ROLES.map((r) => r.labelCy),
    instructions: WELSH_INSTRUCTIONS,
    terms: WELSH_TERMS,
    organisationGuidance: WELSH_ORGANISATION_GUIDANCE,
    userGuidance: WELSH_USER_GUIDANCE,
    officeTitle: 'Ar gyfer y tîm cofrestru yn unig',
    officeFields: WELSH_OFFICE_USE_FIELDS,
    listHeaders: ['Mathau o sefydliad', 'Rolau', 'Llysoedd'],
    chooseFromList: "Dewiswch werth o'r rhestr.",
    enterDate: 'Rhowch ddyddiad, er enghraifft 25/11/2026.',
  };
}

export const formWords = (language: Language): FormWords => (language === 'cy' ? welsh() : english());
