import { ORGANISATION_FIELDS, TABS, USER_COLUMNS } from '../form-schema.js';
import { WELSH_ORGANISATION_FIELDS, WELSH_PLACE_NAMES, WELSH_TABS, WELSH_USER_COLUMNS } from '../form-schema-cy.js';

const TAB_NAMES = new Map<string, string>(Object.entries(TABS).map(([key, name]) => [name, WELSH_TABS[key as keyof typeof TABS]]));
const FIELD_NAMES = new Map<string, string>([
  ...ORGANISATION_FIELDS.map((f) => [f.label, WELSH_ORGANISATION_FIELDS[f.key]?.label ?? f.label] as const),
  ...USER_COLUMNS.map((f) => [f.label, WELSH_USER_COLUMNS[f.key]?.label ?? f.label] as const),
  ...Object.entries(WELSH_PLACE_NAMES),
]);

/** A tab of the English template by its name in the Welsh form; a name it does not know is shown as it is. */
export const welshTabName = (tab: string): string => TAB_NAMES.get(tab) ?? tab;
export const welshFieldName = (field: string): string => FIELD_NAMES.get(field) ?? field;

export function welshHelp(tab: string | null, key: string): string | null {
  return (tab === TABS.users ? WELSH_USER_COLUMNS : WELSH_ORGANISATION_FIELDS)[key]?.help || null;
}
