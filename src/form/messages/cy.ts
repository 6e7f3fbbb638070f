import { WELSH_FORM_DOWNLOAD_PATH, WELSH_ORGANISATION_TYPES, WELSH_ROLES } from '../form-schema-cy.js';
import { describeCells } from '../findings.js';
import type { FindingLanguage, MessageCatalogue, MessageContext } from './catalogue.js';
import { welshFileMessages } from './cy-file.js';
import { welshFieldName, welshHelp, welshTabName } from './welsh-names.js';

const quoted = (labels: Record<string, string>) =>
  Object.values(labels)
    .map((l) => `"${l}"`)
    .join(', ');
const ROLE_LIST = quoted(WELSH_ROLES);
const TYPE_LIST = quoted(WELSH_ORGANISATION_TYPES);
// "tab" is masculine and "adran" (a CSV's section) feminine: the words around them change with them.
const part = (c: MessageContext) =>
  c.csv
    ? { a: 'adran', their: 'hadrannau', on: 'yn yr adran', no: 'adran', nor: 'nac adran', thisOne: 'yn yr adran hon' }
    : { a: 'tab', their: 'thabiau', on: 'ar y tab', no: 'dab', nor: 'na thab', thisOne: 'ar y tab hwn' };
const getCurrent = (c: MessageContext) =>
  `Lawrlwythwch y ffurflen gyfredol o ${c.formUrl}, copïwch eich atebion i'w ${c.csv ? 'dwy adran' : 'dau dab'} mewnbwn a'i hanfon yn ôl.`;
const list = (names: string[], more: number) => names.join(', ') + (more ? ` a ${more} arall` : '');
const didYouMean = (names: string[]) => `Ai ${names.map((n) => `"${n}"`).join(' neu ')} oeddech chi'n ei olygu? Dewiswch y llys o'r rhestr.`;
const CHARACTER_NAMES: Record<string, string> = { '\t': 'nod Tab', '\r': 'toriad llinell' };
const FORMATS = {
  laa: { description: 'digid, llythyren, 3 digid a llythyren', example: '2A123B' },
  sra: { description: '5 i 7 digid', example: '612345' },
  bsb: { description: 'hyd at 6 digid, weithiau ar ôl un llythyren', example: 'A12345' },
};
const welshDate = (iso: string) =>
  new Intl.DateTimeFormat('cy', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));

const identifier =
  (kind: keyof typeof FORMATS) =>
  ({ value }: { value: string }, c: MessageContext) => ({
    problem: `Nid yw ${value} ar ffurf ${c.field}, sef ${FORMATS[kind].description}.`,
    suggestion: `Er enghraifft ${FORMATS[kind].example}.`,
  });

const messages: MessageCatalogue = {
  ...welshFileMessages,
  FORM_NOT_RECOGNISED: ({ tabs, moreTabs }, c) => ({
    problem: `Nid y ffurflen gofrestru ar gyfer Platfform Cyffredin yw'r ffeil hon: nid oes ganddi ${part(c).no} Manylion y sefydliad ${part(c).nor} Manylion defnyddwyr${tabs.length ? ` (ei ${part(c).their} yw ${list(tabs, moreTabs)})` : ''}.`,
    suggestion: getCurrent(c),
  }),
  FORM_OUTDATED: ({ version, accepted }, c) => ({
    problem: `Mae hon yn fersiwn hŷn neu wahanol o'r ffurflen gofrestru (fersiwn ${version}); dim ond fersiwn ${accepted} y gallwn ei derbyn.`,
    suggestion: getCurrent(c),
  }),
  FORM_LAYOUT_CHANGED: (_, c) => ({
    problem: `Mae'r rhan fwyaf o'r labeli ${part(c).thisOne} wedi'u newid neu eu dileu, felly ni ellir dod o hyd i'ch atebion. Mae'n debyg mai fersiwn hŷn o'r ffurflen yw hon.`,
    suggestion: getCurrent(c),
  }),
  TAB_MISSING: ({ missing, tabs, moreTabs }, c) => ({
    problem: `Nid oes gan y ffurflen ${part(c).no} "${welshTabName(missing)}"${tabs.length ? ` (ei ${part(c).their} yw ${list(tabs, moreTabs)})` : ''}, felly ni ellir ei gwirio.`,
    suggestion: `Defnyddiwch y ffurflen o ${c.formUrl} a chadwch ei ${part(c).their} a'u henwau fel y maent.`,
  }),
  FORM_VERSION_MISSING: (_, c) => ({
    problem: "Mae fersiwn y ffurflen wedi'i thynnu o'r ffurflen, felly ni allem gadarnhau mai dyma'r fersiwn gyfredol.",
    suggestion: `Y tro nesaf, defnyddiwch y ffurflen o ${c.formUrl} heb newid ei chynllun.`,
  }),
  FIELD_LABEL_MISSING: (_, c) => ({
    problem: `Mae'r rhes â'r label "${c.field}" ar goll, felly ni ellid dod o hyd i'r ateb hwn.`,
    suggestion: `Rhowch y label "${c.field}" yn ôl yn y golofn gyntaf, gyda'ch ateb wrth ei ymyl.`,
  }),
  COLUMN_MISSING: ({ headerRow }, c) => ({
    problem: `Mae'r golofn â'r pennawd "${c.field}" ar goll, felly ni ellid ei darllen ar gyfer unrhyw ddefnyddiwr.`,
    suggestion: `Rhowch y pennawd "${c.field}" yn ôl yn rhes ${headerRow}, uwchben y golofn honno.`,
  }),
  REQUIRED: ({ fieldKey }, c) => ({ problem: "Rhaid llenwi hwn, ond mae'n wag.", suggestion: welshHelp(c.place.tab, fieldKey) }),
  STARTS_LIKE_FORMULA: ({ start }) => ({
    problem: `Y nod cyntaf yw ${CHARACTER_NAMES[start] ?? `'${start}'`}, y gall taenlenni ei gymryd fel dechrau fformiwla.`,
    suggestion: 'Teipiwch ef eto heb y nod hwnnw ar y dechrau.',
  }),
  HIDDEN_CHARACTERS: () => ({
    problem: "Mae hwn yn cynnwys nodau cudd sy'n newid sut mae'r testun yn cael ei ddangos.",
    suggestion: "Teipiwch ef eto yn hytrach na'i gopïo a'i ludo.",
  }),
  TOO_LONG: ({ length, max }) => ({ problem: `Mae hwn yn ${length} nod o hyd; ${max} yw'r uchafswm y gallwn ei dderbyn.`, suggestion: 'Byrhewch ef.' }),
  INVALID_POSTCODE: ({ value }) => ({ problem: `Nid yw ${value} yn god post dilys yn y DU.`, suggestion: 'Rhowch y cod post llawn, er enghraifft SW1A 1AA.' }),
  INVALID_PHONE: ({ value }) => ({
    problem: `Nid yw ${value} yn rhif ffôn yn y DU.`,
    suggestion: "Rhowch rif yn y DU gyda'i god ardal, er enghraifft 020 7946 0000.",
  }),
  INVALID_MOBILE: ({ value }) => ({
    problem: `Nid yw ${value} yn rhif ffôn symudol yn y DU, ac mae'r cod pas actifadu yn cael ei anfon ato mewn neges destun.`,
    suggestion: "Rhowch rif ffôn symudol yn y DU sy'n dechrau â 07, er enghraifft 07700 900123.",
  }),
  INVALID_EMAIL: ({ value }) => ({ problem: `Nid yw ${value} yn gyfeiriad e-bost.`, suggestion: 'Rhowch un cyfeiriad e-bost, er enghraifft enw@cwmni.co.uk.' }),
  INVALID_LAA_NUMBER: identifier('laa'),
  INVALID_SRA_NUMBER: identifier('sra'),
  INVALID_BSB_NUMBER: identifier('bsb'),
  INVALID_ORGANISATION_TYPE: ({ value, nearest }) => ({
    problem: `Nid yw ${value} yn un o'r mathau o sefydliad.`,
    suggestion: nearest
      ? `Ai "${WELSH_ORGANISATION_TYPES[nearest]}" oeddech chi'n ei olygu? Dewiswch o'r rhestr: ${TYPE_LIST}.`
      : `Dewiswch o'r rhestr: ${TYPE_LIST}.`,
  }),
  INVALID_DATE: ({ value }) => ({
    problem: `Nid yw ${value} yn ddyddiad.`,
    suggestion: 'Rhowch y dyddiad fel diwrnod/mis/blwyddyn, er enghraifft 25/11/2026.',
  }),
  DATE_IN_FUTURE: ({ date }) => ({
    problem: `Mae'r dyddiad llofnodi, ${welshDate(date)}, yn y dyfodol.`,
    suggestion: "Rhowch y dyddiad y gwnaethoch lofnodi'r ffurflen, sef heddiw neu'n gynharach.",
  }),
  SIGNATURE_NOT_ADMINISTRATOR: ({ signedName, administratorName }) => ({
    problem: `Mae'r ffurflen wedi'i llofnodi gan ${signedName}, nid gan weinyddwr y cyfrif, ${administratorName}.`,
    suggestion: "Gweinyddwr y cyfrif ddylai lofnodi, gan mai nhw sy'n atebol am Platfform Cyffredin yn eich sefydliad.",
  }),
  IDENTIFIER_MISSING: () => ({
    problem: "Rhowch o leiaf un o'r rhain: rhif cyfrif LAA, rhif SRA neu rif Bwrdd Safonau'r Bar eich sefydliad.",
    suggestion: "Llenwch ba un bynnag o'r tri sydd gan eich sefydliad.",
  }),
  COURT_REPEATED: ({ court }) => ({ problem: `Mae ${court} wedi'i restru fwy nag unwaith.`, suggestion: 'Gallwch adael yr ail un allan.' }),
  COURT_AMBIGUOUS: ({ value, candidates }) => ({ problem: `Gallai ${value} fod yn fwy nag un llys.`, suggestion: didYouMean(candidates) }),
  COURT_UNKNOWN: ({ value, suggestions }) => ({
    problem: `Nid yw ${value} yn llys ar ein rhestr o lysoedd.`,
    suggestion: suggestions.length ? didYouMean(suggestions) : "Dewiswch y llys o'r rhestr yn y ffurflen.",
  }),
  COURT_MISSING: () => ({ problem: 'Rhowch enw o leiaf un llys rydych yn gweithio ynddo.', suggestion: "Dewiswch bob llys o'r rhestr, un ym mhob rhes." }),
  NO_USERS: () => ({ problem: "Nid oes unrhyw ddefnyddwyr wedi'u rhestru.", suggestion: 'Ychwanegwch un rhes ar gyfer pob unigolyn sydd angen cyfrif.' }),
  TOO_MANY_USERS: ({ count, max }) => ({
    problem: `Mae ${count} o ddefnyddwyr wedi'u rhestru; gall un ffurflen gofrestru ${max} ar y mwyaf.`,
    suggestion: 'Rhannwch y defnyddwyr rhwng dwy ffurflen.',
  }),
  DUPLICATE_EMAIL: ({ value, firstRow }) => ({
    problem: `${value} hefyd yw cyfeiriad e-bost y defnyddiwr yn rhes ${firstRow}.`,
    suggestion: 'Mae angen ei gyfeiriad e-bost ei hun ar bob defnyddiwr.',
  }),
  MOBILE_REPEATED: ({ firstRow }) => ({
    problem: `Dyma hefyd rif ffôn symudol y defnyddiwr yn rhes ${firstRow}.`,
    suggestion: 'Gwiriwch ef: mae pob defnyddiwr yn cael ei god pas actifadu ei hun mewn neges destun.',
  }),
  NO_ORGANISATION_ADMINISTRATOR: () => ({
    problem: `Nid oes gan unrhyw ddefnyddiwr y rôl "${WELSH_ROLES['organisation-administrator']}"; mae angen o leiaf un i reoli eich defnyddwyr.`,
    suggestion: 'Rhowch y rôl honno i o leiaf un defnyddiwr.',
  }),
  ADMINISTRATOR_NOT_A_USER: (_, c) => ({
    problem: `Nid yw gweinyddwr y cyfrif wedi'i restru ${part(c).on} Manylion defnyddwyr, felly ni fydd yn cael cyfrif.`,
    suggestion: `Os oes angen un arnynt, ychwanegwch nhw fel defnyddiwr gyda'r rôl "${WELSH_ROLES['organisation-administrator']}".`,
  }),
  SOLE_BARRISTER_USERS: ({ count }) => ({
    problem: `Mae bargyfreithiwr hunangyflogedig, llawrydd neu fynediad uniongyrchol yn cofrestru fel sefydliad o un person, ond mae ${count} o ddefnyddwyr wedi'u rhestru.`,
    suggestion: 'Rhestrwch eich hun yn unig, neu dewiswch fath gwahanol o sefydliad.',
  }),
  ROLE_READ_AS: ({ value, role }) => ({
    problem: `Nid yw ${value} yn un o'r rolau, felly rydym wedi'i ddarllen fel "${WELSH_ROLES[role]}". Mae'r rôl yn penderfynu beth y gall yr unigolyn hwn ei weld ar Platfform Cyffredin.`,
    suggestion: `Os nad yw "${WELSH_ROLES[role]}" yn gywir, dewiswch ei rôl o'r rhestr: ${ROLE_LIST}.`,
  }),
  INVALID_ROLE: ({ value, nearest }) => ({
    problem: `Nid yw ${value} yn un o'r rolau.`,
    suggestion: nearest ? `Ai "${WELSH_ROLES[nearest]}" oeddech chi'n ei olygu? Y rolau yw ${ROLE_LIST}.` : `Dewiswch o'r rhestr: ${ROLE_LIST}.`,
  }),
  MORE_PROBLEMS: ({ count }) => ({
    problem: `Mae ${count} o broblemau eraill tebyg i'r rhain nad ydynt wedi'u rhestru yma.`,
    suggestion: "Cywirwch y problemau uchod, gwiriwch weddill y ffurflen yn yr un ffordd, a'i hanfon eto.",
  }),
  INTERNAL_CHECK_FAILED: () => ({ problem: "Nid oedd modd gwirio'r ffurflen yn llawn. Bydd y tîm cofrestru yn edrych arni.", suggestion: null }),
};

// "a" before a consonant, "ac" before a vowel: cell names are read by their letter.
const cellWords = { to: 'i', and: (next: string) => (/^[aeiouwy]/i.test(next) ? 'ac' : 'a'), more: (count: number) => `${count} arall` };
const cellsText = (cells: string[]) => (cells.length === 0 ? '' : cells.length === 1 ? `cell ${cells[0]}` : `celloedd ${describeCells(cells, cellWords)}`);

export const welsh: FindingLanguage = {
  messages,
  formPath: WELSH_FORM_DOWNLOAD_PATH,
  tabName: welshTabName,
  fieldName: welshFieldName,
  cellWords,
  cellsText,
  placePrefix({ tab, cells, field }, csv) {
    if (!tab) return '';
    const where = cellsText(cells);
    return `${csv ? `Yn adran ${tab}` : `Ar y tab ${tab}`}${where ? `, ${where}` : ''}${field ? ` (${field})` : ''}: `;
  },
  inCsvTerms: (problem) => problem,
};
