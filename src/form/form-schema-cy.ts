/**
 * The registration form's words in Welsh (cofrestru.xlsx and .csv): the same tabs, rows, columns and cells as
 * the English form, so one reader and one set of rules read both. Keyed like form-schema.ts; a test checks
 * every field, heading and choice has its Welsh. Listed for a translator's review in templates/WELSH-REVIEW.md.
 */
import type { OrganisationType, Role, TABS } from './form-schema.js';

export interface WelshText {
  label: string;
  help: string;
}

export const WELSH_FORM_DOWNLOAD_PATH = '/forms/cofrestru.xlsx';
export const WELSH_VERSION_LABEL = 'Fersiwn y ffurflen';

export const WELSH_TABS: Record<keyof typeof TABS, string> = {
  instructions: 'Cyfarwyddiadau',
  organisation: 'Manylion y sefydliad',
  users: 'Manylion defnyddwyr',
  terms: 'Telerau ac amodau',
  officeUse: 'At ddefnydd y swyddfa yn unig',
  lists: 'Rhestrau (defnydd swyddfa)',
};

export const WELSH_ORGANISATION_HEADERS = ['Maes', 'Eich ateb', 'Cymorth'] as const;

/** The organisation tab's section headings, in the order form-schema.ts lists them. */
export const WELSH_HEADINGS = [
  'Am eich sefydliad',
  'Rhifau cofrestru: rhowch o leiaf un',
  'Y llysoedd rydych yn gweithio ynddynt',
  "Gweinyddwr y cyfrif: byddwch yn cael eich enwi fel yr unigolyn sy'n atebol am Platfform Cyffredin yn eich sefydliad",
  'Telerau ac amodau: darllenwch y tab Telerau ac amodau, yna llofnodwch isod',
];

const courts = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => [
    `court${i + 1}`,
    { label: `Llys ${i + 1}`, help: i === 0 ? "Dewiswch o'r rhestr. Ychwanegwch un llys ym mhob rhes." : '' },
  ]),
);

export const WELSH_ORGANISATION_FIELDS: Record<string, WelshText> = {
  organisationName: { label: "Enw'r sefydliad", help: "Yr enw y mae'r Asiantaeth Cymorth Cyfreithiol, yr SRA neu Fwrdd Safonau'r Bar yn eich adnabod wrtho." },
  organisationType: { label: 'Math o sefydliad', help: "Dewiswch o'r rhestr." },
  addressLine1: { label: 'Cyfeiriad y brif swyddfa llinell 1', help: 'Adeilad a stryd.' },
  addressLine2: { label: 'Cyfeiriad y brif swyddfa llinell 2', help: 'Dewisol.' },
  town: { label: 'Tref neu ddinas', help: '' },
  postcode: { label: 'Cod post', help: 'Cod post yn y DU, er enghraifft SW1A 1AA.' },
  phone: { label: 'Rhif ffôn y sefydliad', help: 'Rhif ffôn yn y DU, er enghraifft 020 7946 0000.' },
  email: { label: 'Cyfeiriad e-bost y sefydliad', help: 'Blwch post a rennir sydd orau, er enghraifft swyddfa@cwmni.co.uk.' },
  laa: { label: 'Rhif cyfrif LAA', help: "Rhif cyfrif swyddfa'r Asiantaeth Cymorth Cyfreithiol: 6 nod, er enghraifft 2A123B." },
  sra: { label: 'Rhif SRA', help: 'Rhif yr Awdurdod Rheoleiddio Cyfreithwyr: 5 i 7 digid, er enghraifft 612345.' },
  bsb: { label: "Rhif Bwrdd Safonau'r Bar", help: "Rhif Bwrdd Safonau'r Bar: hyd at 6 digid, a llythyren o'u blaen weithiau, er enghraifft A12345." },
  ...courts,
  adminName: { label: 'Enw llawn y gweinyddwr', help: 'Enw cyntaf a chyfenw.' },
  adminJobTitle: { label: 'Teitl swydd y gweinyddwr', help: 'Er enghraifft Rheolwr practis.' },
  adminEmail: { label: 'Cyfeiriad e-bost y gweinyddwr', help: 'Eu cyfeiriad e-bost gwaith eu hunain.' },
  adminPhone: { label: 'Rhif ffôn y gweinyddwr', help: 'Rhif ffôn yn y DU.' },
  signatureName: { label: 'Llofnod: teipiwch eich enw llawn', help: 'Teipio eich enw llawn yw eich llofnod digidol.' },
  signatureDate: { label: 'Dyddiad llofnodi', help: 'Dyddiad heddiw, er enghraifft 25/11/2026.' },
};

export const WELSH_USER_COLUMNS: Record<string, WelshText> = {
  firstName: { label: 'Enw cyntaf', help: '' },
  lastName: { label: 'Cyfenw', help: '' },
  email: { label: 'Cyfeiriad e-bost', help: 'Eu cyfeiriad e-bost gwaith eu hunain; mae angen cyfeiriad gwahanol ar bob defnyddiwr.' },
  mobile: { label: 'Rhif ffôn symudol', help: 'Rhif ffôn symudol yn y DU: anfonir y cod pas actifadu ato mewn neges destun.' },
  role: { label: 'Rôl', help: "Dewiswch o'r rhestr." },
  otherRoles: { label: 'Rolau eraill', help: "Dewisol: ail rôl o'r rhestr." },
};

export const WELSH_ORGANISATION_TYPES: Record<OrganisationType, string> = {
  'solicitors-firm': 'Cwmni cyfreithwyr',
  'barristers-chambers': 'Siambrau bargyfreithwyr',
  'sole-barrister': 'Bargyfreithiwr hunangyflogedig, llawrydd neu fynediad uniongyrchol',
};

export const WELSH_ROLES: Record<Role, string> = {
  'organisation-administrator': 'Gweinyddwr y sefydliad',
  advocate: 'Eiriolwr',
  'defence-lawyer': 'Cyfreithiwr amddiffyn',
  'support-staff': 'Staff cymorth',
};

/** Names of things the findings point at that are not fields of the template. */
export const WELSH_PLACE_NAMES: Record<string, string> = {
  'Registration numbers': 'Rhifau cofrestru',
};
