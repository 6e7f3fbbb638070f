import type { OrganisationType, Role } from '../form-schema.js';
import type { UnreadableCode } from '../read/read-errors.js';

/**
 * Every finding code and the parameters its message needs. Text the sender wrote is stored already quoted
 * (quote() in text.ts), so it is shown safely and the same in every language.
 */
export type FindingParams = { [C in UnreadableCode]: Record<string, never> } & {
  FORM_NOT_RECOGNISED: { tabs: string[]; moreTabs: number };
  FORM_OUTDATED: { version: string; accepted: string };
  FORM_LAYOUT_CHANGED: Record<string, never>;
  TAB_MISSING: { missing: string; tabs: string[]; moreTabs: number };
  FORM_VERSION_MISSING: Record<string, never>;
  FIELD_LABEL_MISSING: Record<string, never>;
  COLUMN_MISSING: { headerRow: number };
  /** `fieldKey`: the field on the finding's tab, whose help is the suggestion. */
  REQUIRED: { fieldKey: string };
  /** `start`: the character a spreadsheet takes for the start of a formula. */
  STARTS_LIKE_FORMULA: { start: string };
  HIDDEN_CHARACTERS: Record<string, never>;
  TOO_LONG: { length: number; max: number };
  INVALID_POSTCODE: { value: string };
  INVALID_PHONE: { value: string };
  INVALID_MOBILE: { value: string };
  INVALID_EMAIL: { value: string };
  INVALID_LAA_NUMBER: { value: string };
  INVALID_SRA_NUMBER: { value: string };
  INVALID_BSB_NUMBER: { value: string };
  INVALID_ORGANISATION_TYPE: { value: string; nearest: OrganisationType | null };
  INVALID_DATE: { value: string };
  /** `date`: ISO yyyy-mm-dd. */
  DATE_IN_FUTURE: { date: string };
  SIGNATURE_NOT_ADMINISTRATOR: { signedName: string; administratorName: string };
  IDENTIFIER_MISSING: Record<string, never>;
  COURT_REPEATED: { court: string };
  COURT_AMBIGUOUS: { value: string; candidates: string[] };
  COURT_UNKNOWN: { value: string; suggestions: string[] };
  COURT_MISSING: Record<string, never>;
  NO_USERS: Record<string, never>;
  TOO_MANY_USERS: { count: number; max: number };
  DUPLICATE_EMAIL: { value: string; firstRow: number };
  MOBILE_REPEATED: { firstRow: number };
  NO_ORGANISATION_ADMINISTRATOR: Record<string, never>;
  ADMINISTRATOR_NOT_A_USER: Record<string, never>;
  SOLE_BARRISTER_USERS: { count: number };
  ROLE_READ_AS: { value: string; role: Role };
  INVALID_ROLE: { value: string; nearest: Role | null };
  MORE_PROBLEMS: { count: number };
  INTERNAL_CHECK_FAILED: Record<string, never>;
};

export type FindingCode = keyof FindingParams;
