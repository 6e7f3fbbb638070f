import { LIMITS } from '../form-schema.js';
import type { UnreadableCode } from '../read/read-errors.js';
import type { Message, MessageContext } from './catalogue.js';

// Menu names stay in English: they are the words Excel, LibreOffice and Numbers show most firms.
const SAVE_AS_XLSX = 'Agorwch hi, dewiswch File > Save As, dewiswch "Excel Workbook (.xlsx)" ac anfonwch y ffeil honno atom.';
const fresh = (c: MessageContext) => `Copïwch eich atebion i ffurflen newydd o ${c.formUrl}.`;
const fillIn = (c: MessageContext, attach: string) => `Llenwch y ffurflen Excel o ${c.formUrl} ac atodwch ${attach}.`;
const again = (c: MessageContext) => `Gallwch lawrlwytho'r ffurflen eto o ${c.formUrl}.`;

/** Pam na ellid darllen ffeil o gwbl: the Welsh of en-file.ts. */
export const welshFileMessages: Record<UnreadableCode, (params: Record<string, never>, context: MessageContext) => Message> = {
  FILE_EMPTY: (_, c) => ({ problem: "Mae'r ffeil sydd ynghlwm yn wag.", suggestion: `Atodwch y ffurflen wedi'i chwblhau. ${again(c)}` }),
  FILE_TOO_LARGE: (_, c) => ({
    problem: `Mae'r ffeil sydd ynghlwm yn fwy na ${LIMITS.maxFileBytes / 1024 / 1024} MB, sy'n llawer mwy nag sydd ei angen ar gyfer ffurflen gofrestru.`,
    suggestion: fresh(c),
  }),
  FILE_LEGACY_XLS: () => ({ problem: 'Cafodd y ffurflen ei chadw yn hen fformat Excel 97-2003 (.xls), na allwn ei ddarllen.', suggestion: SAVE_AS_XLSX }),
  FILE_MACRO_ENABLED: () => ({
    problem: "Cafodd y ffurflen ei chadw fel llyfr gwaith sy'n galluogi macros (.xlsm). Er diogelwch, nid ydym yn agor ffeiliau a all gynnwys macros.",
    suggestion: SAVE_AS_XLSX,
  }),
  FILE_ODS: () => ({
    problem: 'Cafodd y ffurflen ei chadw yn fformat OpenDocument (.ods), na allwn ei ddarllen.',
    suggestion: 'Yn LibreOffice, dewiswch File > Save As a dewiswch "Excel 2007-365 (.xlsx)", yna anfonwch y ffeil honno atom.',
  }),
  FILE_NUMBERS: () => ({
    problem: 'Cafodd y ffurflen ei chadw fel ffeil Apple Numbers, na allwn ei darllen.',
    suggestion: 'Yn Numbers, dewiswch File > Export To > Excel ac anfonwch y ffeil .xlsx atom.',
  }),
  FILE_ENCRYPTED: () => ({
    problem: "Mae'r ffurflen wedi'i diogelu â chyfrinair, felly ni allwn ei hagor.",
    suggestion: "Tynnwch y cyfrinair (File > Info > Protect Workbook > Encrypt with Password, a'i glirio), cadwch y ffeil a'i hanfon eto.",
  }),
  FILE_WORD_DOCUMENT: (_, c) => ({ problem: "Dogfen Word yw'r ffeil sydd ynghlwm, nid y daenlen gofrestru.", suggestion: fillIn(c, 'honno') }),
  FILE_PDF: (_, c) => ({ problem: "PDF yw'r ffeil sydd ynghlwm, nid y daenlen gofrestru.", suggestion: fillIn(c, 'y daenlen ei hun') }),
  FILE_NOT_SPREADSHEET: (_, c) => ({ problem: "Nid llyfr gwaith Excel na ffeil CSV yw'r ffeil sydd ynghlwm.", suggestion: fillIn(c, 'y ffeil .xlsx') }),
  FILE_CORRUPT: (_, c) => ({
    problem: "Mae'r ffeil sydd ynghlwm wedi'i difrodi neu'n anghyflawn, ac ni ellir ei hagor.",
    suggestion: `Agorwch hi yn Excel i'w gwirio, cadwch hi eto fel .xlsx a'i hanfon eto. ${again(c)}`,
  }),
  FILE_ZIP_BOMB: (_, c) => ({
    problem: "Mae'r ffeil sydd ynghlwm yn ehangu i lawer mwy o ddata nag sydd mewn ffurflen gofrestru, felly nid ydym wedi'i hagor.",
    suggestion: fresh(c),
  }),
  FILE_XML_BOMB: (_, c) => ({
    problem: "Mae'r ffeil sydd ynghlwm yn cynnwys nodweddion XML nad yw taenlenni byth yn eu defnyddio, felly nid ydym wedi'i hagor.",
    suggestion: fresh(c),
  }),
  FILE_TOO_MANY_ROWS: () => ({
    problem: `Mae gan y ffurflen fwy na ${LIMITS.maxRows} o resi.`,
    suggestion: "Tynnwch y rhesi nad ydynt yn cael eu defnyddio a'i hanfon eto.",
  }),
  FILE_TIMEOUT: (_, c) => ({ problem: "Roedd y ffeil sydd ynghlwm yn cymryd gormod o amser i'w darllen.", suggestion: fresh(c) }),
  FILE_CHECK_FAILED: () => ({
    problem: "Nid oedd modd gwirio'r ffurflen yn awtomatig.",
    suggestion: 'Does dim angen i chi wneud dim: bydd y tîm cofrestru yn edrych arni ac yn ateb.',
  }),
  FILE_TOO_COMPLEX: (_, c) => ({
    problem: 'Mae angen mwy o gof i ddarllen y ffeil sydd ynghlwm nag y dylai fod ei angen ar gyfer ffurflen gofrestru.',
    suggestion: fresh(c),
  }),
};
