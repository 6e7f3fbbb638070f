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

type TabText = Omit<FormWords, 'rows' | 'columns' | 'typeLabels' | 'roleLabels'>;

/** The words that are whole tabs, headings and lists, per language. */
const TAB_TEXT: Record<Language, TabText> = {
  en: {
    tabs: TABS,
    versionLabel: VERSION_LABEL,
    headers: ORGANISATION_HEADERS,
    instructions: INSTRUCTIONS,
    terms: TERMS,
    organisationGuidance: ORGANISATION_GUIDANCE,
    userGuidance: USER_GUIDANCE,
    officeTitle: 'For the onboarding team only',
    officeFields: OFFICE_USE_FIELDS,
    listHeaders: ['Organisation types', 'Roles', 'Courts'],
    chooseFromList: 'Choose a value from the list.',
    enterDate: 'Enter a date, for example 25/11/2026.',
  },
  cy: {
    tabs: WELSH_TABS,
    versionLabel: WELSH_VERSION_LABEL,
    headers: WELSH_ORGANISATION_HEADERS,
    instructions: WELSH_INSTRUCTIONS,
    terms: WELSH_TERMS,
    organisationGuidance: WELSH_ORGANISATION_GUIDANCE,
    userGuidance: WELSH_USER_GUIDANCE,
    officeTitle: 'Ar gyfer y tîm cofrestru yn unig',
    officeFields: WELSH_OFFICE_USE_FIELDS,
    listHeaders: ['Mathau o sefydliad', 'Rolau', 'Llysoedd'],
    chooseFromList: "Dewiswch werth o'r rhestr.",
    enterDate: 'Rhowch ddyddiad, er enghraifft 25/11/2026.',
  },
};

// The schema's own labels, help and headings are English: another language names only what it translates.
type FieldText = Record<string, { label: string; help: string }>;
const FIELD_TEXT: Record<Language, { fields: FieldText; columns: FieldText; headings: readonly string[] }> = {
  en: { fields: {}, columns: {}, headings: [] },
  cy: { fields: WELSH_ORGANISATION_FIELDS, columns: WELSH_USER_COLUMNS, headings: WELSH_HEADINGS },
};

/** Every word a template shows in `language`: the schema's rows and columns, each with its words. */
export function formWords(language: Language): FormWords {
  const { fields, columns, headings } = FIELD_TEXT[language];
  const shown = (words: FieldText, f: FieldSpec) => ({ shownLabel: words[f.key]?.label ?? f.label, shownHelp: words[f.key]?.help ?? f.help });
  let heading = 0;
  const inLanguage = (choice: { label: string; labelCy: string }) => (language === 'cy' ? choice.labelCy : choice.label);
  return {
    ...TAB_TEXT[language],
    rows: ORGANISATION_ROWS.map((row) => ('key' in row ? { ...row, ...shown(fields, row) } : { heading: headings[heading++] ?? row.heading })),
    columns: USER_COLUMNS.map((c) => ({ ...c, ...shown(columns, c) })),
    typeLabels: ORGANISATION_TYPES.map(inLanguage),
    roleLabels: ROLES.map(inLanguage),
  };
}
