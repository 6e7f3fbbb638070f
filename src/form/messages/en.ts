import { FORM_DOWNLOAD_PATH, IDENTIFIER_FORMATS, ORGANISATION_FIELDS, ORGANISATION_TYPES, ROLES, TABS, USER_COLUMNS, type Choice } from '../form-schema.js';
import { describeCells } from '../findings.js';
import { ukDate } from '../values/form-date.js';
import type { FindingLanguage, MessageCatalogue, MessageContext } from './catalogue.js';
import { fileMessages } from './en-file.js';

const quoted = (choices: readonly Choice<string>[]) => choices.map((c) => `"${c.label}"`).join(', ');
const labelOf = <T extends string>(choices: readonly Choice<T>[], value: T) => choices.find((c) => c.value === value)?.label ?? value;
const ROLE_LIST = quoted(ROLES);
const getCurrent = (c: MessageContext) => `Download the current form from ${c.formUrl}, copy your answers into its two input tabs and send it back.`;
const tabList = (tabs: string[], more: number) => tabs.join(', ') + (more ? ` and ${more} more` : '');
const didYouMean = (names: string[]) => `Did you mean ${names.map((n) => `"${n}"`).join(' or ')}? Choose the court from the list.`;
const CHARACTER_NAMES: Record<string, string> = { '\t': 'a Tab character', '\r': 'a line break' };
const characterName = (start: string) => CHARACTER_NAMES[start] ?? `'${start}'`;

function identifier(kind: keyof typeof IDENTIFIER_FORMATS) {
  return ({ value }: { value: string }, c: MessageContext) => {
    const format = IDENTIFIER_FORMATS[kind];
    return { problem: `${value} is not in the format of a ${c.field}, which is ${format.description}.`, suggestion: `For example ${format.example}.` };
  };
}

function helpFor(tab: string | null, key: string): string | null {
  const fields = tab === TABS.users ? USER_COLUMNS : ORGANISATION_FIELDS;
  return fields.find((f) => f.key === key)?.help || null;
}

const messages: MessageCatalogue = {
  ...fileMessages,
  FORM_NOT_RECOGNISED: ({ tabs, moreTabs }, c) => ({
    problem: `This file is not the Common Platform registration form: it has no Organisation details input or User details input tab${tabs.length ? ` (its tabs are ${tabList(tabs, moreTabs)})` : ''}.`,
    suggestion: getCurrent(c),
  }),
  FORM_OUTDATED: ({ version, accepted }, c) => ({
    problem: `This is an older or different version of the registration form (version ${version}); we can only accept version ${accepted}.`,
    suggestion: getCurrent(c),
  }),
  FORM_LAYOUT_CHANGED: (_, c) => ({
    problem: 'Most of the labels on this tab have been changed or removed, so your answers cannot be found. This is probably an older version of the form.',
    suggestion: getCurrent(c),
  }),
  TAB_MISSING: ({ missing, tabs, moreTabs }, c) => ({
    problem: `The form has no "${missing}" tab${tabs.length ? ` (its tabs are ${tabList(tabs, moreTabs)})` : ''}, so it cannot be checked.`,
    suggestion: `Use the form from ${c.formUrl} and keep its tabs and their names as they are.`,
  }),
  FORM_VERSION_MISSING: (_, c) => ({
    problem: 'The form version has been removed from the form, so we could not confirm it is the current version.',
    suggestion: `Next time, please use the form from ${c.formUrl} without changing its layout.`,
  }),
  FIELD_LABEL_MISSING: (_, c) => ({
    problem: `The row labelled "${c.field}" is missing, so this answer could not be found.`,
    suggestion: `Put the label "${c.field}" back in the first column, with your answer beside it.`,
  }),
  COLUMN_MISSING: ({ headerRow }, c) => ({
    problem: `The column headed "${c.field}" is missing, so it could not be read for any user.`,
    suggestion: `Put the heading "${c.field}" back in row ${headerRow}, above that column.`,
  }),
  REQUIRED: ({ fieldKey }, c) => ({ problem: 'This must be filled in, but it is blank.', suggestion: helpFor(c.place.tab, fieldKey) }),
  STARTS_LIKE_FORMULA: ({ start }) => ({
    problem: `This starts with ${characterName(start)}, which spreadsheets can take for the start of a formula.`,
    suggestion: `Type it again without ${characterName(start)} at the start.`,
  }),
  HIDDEN_CHARACTERS: () => ({
    problem: 'This contains hidden characters that change how text is shown.',
    suggestion: 'Type it again rather than copying and pasting it.',
  }),
  TOO_LONG: ({ length, max }) => ({ problem: `This is ${length} characters long; the most we can take is ${max}.`, suggestion: 'Shorten it.' }),
  INVALID_POSTCODE: ({ value }) => ({ problem: `${value} is not a valid UK postcode.`, suggestion: 'Enter the full postcode, for example SW1A 1AA.' }),
  INVALID_PHONE: ({ value }) => ({
    problem: `${value} is not a UK phone number.`,
    suggestion: 'Enter a UK number with its area code, for example 020 7946 0000.',
  }),
  INVALID_MOBILE: ({ value }) => ({
    problem: `${value} is not a UK mobile number, and the activation passcode is sent to it by text message.`,
    suggestion: 'Enter a UK mobile number starting 07, for example 07700 900123.',
  }),
  INVALID_EMAIL: ({ value }) => ({ problem: `${value} is not an email address.`, suggestion: 'Enter one email address, for example name@firm.co.uk.' }),
  INVALID_LAA_NUMBER: identifier('laa'),
  INVALID_SRA_NUMBER: identifier('sra'),
  INVALID_BSB_NUMBER: identifier('bsb'),
  INVALID_ORGANISATION_TYPE: ({ value, nearest }) => {
    const choices = quoted(ORGANISATION_TYPES);
    return {
      problem: `${value} is not one of the organisation types.`,
      suggestion: nearest ? `Did you mean "${labelOf(ORGANISATION_TYPES, nearest)}"? Choose from the list: ${choices}.` : `Choose from the list: ${choices}.`,
    };
  },
  INVALID_DATE: ({ value }) => ({ problem: `${value} is not a date.`, suggestion: 'Enter the date as day/month/year, for example 25/11/2026.' }),
  DATE_IN_FUTURE: ({ date }) => ({
    problem: `The date signed, ${ukDate(date)}, is in the future.`,
    suggestion: 'Enter the date you signed the form, which is today or earlier.',
  }),
  SIGNATURE_NOT_ADMINISTRATOR: ({ signedName, administratorName }) => ({
    problem: `The form is signed by ${signedName}, not by the account administrator, ${administratorName}.`,
    suggestion: 'The account administrator should sign, as they are accountable for Common Platform in your organisation.',
  }),
  IDENTIFIER_MISSING: () => ({
    problem: 'Give at least one of your LAA account number, SRA number or Bar Standards Board number.',
    suggestion: 'Fill in whichever of the three your organisation has.',
  }),
  COURT_REPEATED: ({ court }) => ({ problem: `${court} is listed more than once.`, suggestion: 'You can leave the repeat out.' }),
  COURT_AMBIGUOUS: ({ value, candidates }) => ({ problem: `${value} could be more than one court.`, suggestion: didYouMean(candidates) }),
  COURT_UNKNOWN: ({ value, suggestions }) => ({
    problem: `${value} is not a court on our list of courts.`,
    suggestion: suggestions.length ? didYouMean(suggestions) : 'Choose the court from the list in the form.',
  }),
  COURT_MISSING: () => ({ problem: 'Name at least one court you work at.', suggestion: 'Choose each court from the list, one per row.' }),
  NO_USERS: () => ({ problem: 'No users are listed.', suggestion: 'Add one row for each person who needs an account.' }),
  TOO_MANY_USERS: ({ count, max }) => ({
    problem: `${count} users are listed; one form can register at most ${max}.`,
    suggestion: 'Split the users across two forms.',
  }),
  DUPLICATE_EMAIL: ({ value, firstRow }) => ({
    problem: `${value} is also the email address of the user in row ${firstRow}.`,
    suggestion: 'Each user needs their own email address.',
  }),
  MOBILE_REPEATED: ({ firstRow }) => ({
    problem: `This is also the mobile number of the user in row ${firstRow}.`,
    suggestion: 'Check it: each user receives their own activation passcode by text message.',
  }),
  NO_ORGANISATION_ADMINISTRATOR: () => ({
    problem: 'No user has the role "Organisation administrator"; at least one is needed to manage your users.',
    suggestion: 'Give that role to at least one user.',
  }),
  ADMINISTRATOR_NOT_A_USER: () => ({
    problem: 'The account administrator is not listed on the User details input tab, so they will not get an account.',
    suggestion: 'If they need one, add them as a user with the role "Organisation administrator".',
  }),
  SOLE_BARRISTER_USERS: ({ count }) => ({
    problem: `A self-employed, freelance or direct-access barrister registers as an organisation of one person, but ${count} users are listed.`,
    suggestion: 'List only yourself, or choose a different organisation type.',
  }),
  ROLE_READ_AS: ({ value, role }) => {
    const label = labelOf(ROLES, role);
    return {
      problem: `${value} is not one of the roles, so we have read it as "${label}". The role decides what this person can see on Common Platform.`,
      suggestion: `If "${label}" is not right, choose their role from the list: ${ROLE_LIST}.`,
    };
  },
  INVALID_ROLE: ({ value, nearest }) => ({
    problem: `${value} is not one of the roles.`,
    suggestion: nearest ? `Did you mean "${labelOf(ROLES, nearest)}"? The roles are ${ROLE_LIST}.` : `Choose from the list: ${ROLE_LIST}.`,
  }),
  MORE_PROBLEMS: ({ count }) => ({
    problem: `There are ${count} more problems like these, not listed here.`,
    suggestion: 'Fix the problems above, check the rest of the form the same way, and send it again.',
  }),
  INTERNAL_CHECK_FAILED: () => ({ problem: 'The form could not be checked completely. The onboarding team will look at it.', suggestion: null }),
};

const cellWords = { to: 'to', and: () => 'and', more: (count: number) => `${count} more` };
const cellsText = (cells: string[]) => (cells.length === 0 ? '' : cells.length === 1 ? `cell ${cells[0]}` : `cells ${describeCells(cells, cellWords)}`);

export const english: FindingLanguage = {
  messages,
  formPath: FORM_DOWNLOAD_PATH,
  tabName: (tab) => tab,
  fieldName: (field) => field,
  cellWords,
  cellsText,
  placePrefix({ tab, cells, field }, csv) {
    if (!tab) return '';
    const where = cellsText(cells);
    return `${csv ? `In the ${tab} section` : `On the ${tab} tab`}${where ? `, ${where}` : ''}${field ? ` (${field})` : ''}: `;
  },
  // A CSV has sections rather than tabs: every mention of a tab in the problem is said as a section.
  inCsvTerms: (problem) => problem.replace(/\btabs\b/g, 'sections').replace(/\btab\b/g, 'section'),
};
