import type { WrongFormat } from './forms.js';
import type { SkipNoteTable } from './skip-notes.js';

const SAVE_AS = "cadwch hi fel llyfr gwaith Excel (.xlsx) neu CSV (.csv) a'i hanfon eto";
const ATTACH_FORM = 'atodwch y ffurflen ei hun';
const SEND_SPREADSHEET = 'anfonwch y daenlen ei hun (.xlsx neu .csv)';

const WRONG_FORMAT: Record<WrongFormat, string> = {
  '.xls': `.xls yw hen fformat Excel: ${SAVE_AS}`,
  '.xlsm': `mae .xlsm yn llyfr gwaith sy'n galluogi macros, nad ydym yn ei dderbyn: ${SAVE_AS}`,
  '.xlsb': `.xlsb yw fformat deuaidd Excel: ${SAVE_AS}`,
  '.ods': `taenlen OpenDocument yw .ods: ${SAVE_AS}`,
  '.numbers': `ffeil Apple Numbers yw .numbers: ${SAVE_AS}`,
  '.pdf': `ni ellir darllen PDF o'r ffurflen: ${SEND_SPREADSHEET}`,
  '.docx': `ni ellir darllen copi Word o'r ffurflen: ${SEND_SPREADSHEET}`,
  '.doc': `ni ellir darllen copi Word o'r ffurflen: ${SEND_SPREADSHEET}`,
  disguised:
    "mae enw atodiad sy'n edrych fel taenlen yn gorffen â rhywbeth heblaw .xlsx neu .csv, felly nid ydym wedi'i agor: atodwch y ffurflen wedi'i chadw fel .xlsx neu .csv",
};

/** Nodiadau ar ffeiliau nad oeddent yn ffurflen: the Welsh of skip-notes-en.ts. */
export const welshSkipNotes: SkipNoteTable = {
  WRONG_FORMAT: ({ format }) => WRONG_FORMAT[format],
  // Welsh counts with the singular noun: "3 ffeil".
  ZIP_WITHOUT_FORM: ({ files }) => `.zip gyda ${files} ffeil, a dim un ohonynt yn ffurflen (.xlsx neu .csv)`,
  ZIP_TOO_MANY_FILES: () => `mae gormod o ffeiliau yn y .zip i'w agor: ${ATTACH_FORM}`,
  ZIP_TOO_LARGE: () => `mae'r .zip yn rhy fawr o'i ddadbacio: ${ATTACH_FORM}`,
  ZIP_ENCRYPTED: () => `mae'r .zip wedi'i ddiogelu â chyfrinair: ${ATTACH_FORM}`,
  ZIP_UNREADABLE: () => `nid oedd modd agor y .zip: ${ATTACH_FORM}`,
  ZIP_IN_ZIP: () => `nid ydym yn agor .zip y tu mewn i .zip: ${ATTACH_FORM}`,
  // The mail parser's reason is English only, so the Welsh note leaves it out.
  FORWARDED_UNREADABLE: () => 'nid oedd modd darllen neges e-bost a anfonwyd ymlaen',
  FORWARDED_TOO_DEEP: () => `nid ydym yn darllen ffurflenni mewn negeseuon e-bost a anfonwyd ymlaen sawl gwaith: ${ATTACH_FORM}`,
  WINMAIL: () => 'anfonodd Outlook yr atodiadau yn ei fformat ei hun (winmail.dat): anfonwch y ffurflen eto fel atodiad cyffredin',
  DUPLICATE: () => 'atodwyd yr un ffurflen fwy nag unwaith, a chafodd ei darllen unwaith',
};
