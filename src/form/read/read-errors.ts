/** Why a file could not be read at all; each code has its own explanation in unreadable-findings.ts. */
export type UnreadableCode =
  | 'FILE_EMPTY'
  | 'FILE_TOO_LARGE'
  | 'FILE_LEGACY_XLS'
  | 'FILE_MACRO_ENABLED'
  | 'FILE_ODS'
  | 'FILE_NUMBERS'
  | 'FILE_ENCRYPTED'
  | 'FILE_WORD_DOCUMENT'
  | 'FILE_PDF'
  | 'FILE_NOT_SPREADSHEET'
  | 'FILE_CORRUPT'
  | 'FILE_ZIP_BOMB'
  | 'FILE_XML_BOMB'
  | 'FILE_TOO_MANY_ROWS'
  | 'FILE_TIMEOUT'
  | 'FILE_TOO_COMPLEX'
  | 'FILE_CHECK_FAILED';

export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
  constructor(
    readonly code: UnreadableCode,
    detail: string,
  ) {
    super(detail);
  }
}
