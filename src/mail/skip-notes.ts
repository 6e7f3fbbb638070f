import { z } from 'zod';
import type { Language } from '../form/messages/catalogue.js';
import type { WrongFormat } from './forms.js';
import { welshSkipNotes } from './skip-notes-cy.js';
import { englishSkipNotes } from './skip-notes-en.js';

/** Why an attached file was not read as a form; each code with the parameters its note needs. */
export interface SkipParams {
  WRONG_FORMAT: { format: WrongFormat };
  ZIP_WITHOUT_FORM: { files: number };
  ZIP_TOO_MANY_FILES: Record<string, never>;
  ZIP_TOO_LARGE: Record<string, never>;
  ZIP_ENCRYPTED: Record<string, never>;
  ZIP_UNREADABLE: Record<string, never>;
  ZIP_IN_ZIP: Record<string, never>;
  /** `reason`: the mail parser's own words, in English. */
  FORWARDED_UNREADABLE: { reason: string };
  FORWARDED_TOO_DEEP: Record<string, never>;
  WINMAIL: Record<string, never>;
  DUPLICATE: Record<string, never>;
}
export type SkipCode = keyof SkipParams;
export type SkipNotice = { [C in SkipCode]: { code: C; params: SkipParams[C] } }[SkipCode];

/** One note per code, each given exactly its code's parameters: the compiler checks every language has all. */
export type SkipNoteTable = { [C in SkipCode]: (params: SkipParams[C]) => string };

const TABLES: Record<Language, SkipNoteTable> = { en: englishSkipNotes, cy: welshSkipNotes };

/** A notice passed to an email's props: its code is one the tables know; its parameters come from form extraction. */
export const SkipNoticeSchema = z.custom<SkipNotice>(
  (value) => typeof value === 'object' && value !== null && Object.hasOwn(englishSkipNotes, (value as { code?: unknown }).code as string),
  'not a known reason for skipping a file',
);

/** The note a reply gives for a file that was not read, in the reader's language. Never names the file or the sender. */
export function skipNote(notice: SkipNotice, language: Language): string {
  const note = TABLES[language][notice.code] as (params: SkipNotice['params']) => string;
  return note(notice.params);
}
