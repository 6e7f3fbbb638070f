import { makeFinding, type Finding } from '../findings.js';
import { IDENTIFIER_FORMATS, ORGANISATION_TYPES, type FieldSpec, type OrganisationType } from '../form-schema.js';
import type { Answer } from '../extract/raw-form.js';
import { matchChoice } from '../values/choices.js';
import { normaliseEmail } from '../values/email-address.js';
import { formulaStart } from '../values/formula-start.js';
import { fromSerial, isoString, parseDateText } from '../values/form-date.js';
import { normaliseUkMobile, normaliseUkPhone } from '../values/uk-phone.js';
import { normalisePostcode } from '../values/uk-postcode.js';
import { cleanText, hasHiddenCharacters, quote } from '../text.js';

// What people write in a cell that does not apply to them; it counts as blank, not as a malformed answer.
const PLACEHOLDER = /^(n\/?a|none|nil|-+|\.|tbc|not applicable|not known)$/i;
export const isPlaceholder = (text: string): boolean => PLACEHOLDER.test(text.trim());
// First characters a finding cannot show in quotes; "Tab" is capitalised as a CSV's findings turn the word "tab" into "section".
const CHARACTER_NAMES: Record<string, string> = { '\t': 'a Tab character', '\r': 'a line break' };

/** Collects findings while answers are converted; each reader returns null when the answer is unusable. */
export class AnswerReader {
  readonly findings: Finding[] = [];
  constructor(private readonly date1904: boolean) {}

  error(code: string, answer: Answer, problem: string, suggestion: string | null = null): null {
    this.findings.push(makeFinding('error', code, answer.place, problem, suggestion));
    return null;
  }

  /** Blank → a "required" finding when the field must be filled, else null with no finding. */
  present(answer: Answer | undefined, field: FieldSpec): string | null {
    const text = answer ? cleanText(answer.text).replace(/\s+/g, ' ') : '';
    if (text && !PLACEHOLDER.test(text)) return text;
    if (answer && field.required) this.error('REQUIRED', answer, 'This must be filled in, but it is blank.', field.help || null);
    return null;
  }

  /** Free text is kept as typed and shown again to staff, so it must not run as a formula or hide characters. */
  private shownSafely(answer: Answer, kept: string, hiddenMatters: boolean): boolean {
    const typed = answer.cell?.text ?? answer.text;
    const start = formulaStart(typed, kept);
    if (start) {
      const named = CHARACTER_NAMES[start] ?? `'${start}'`;
      this.error('STARTS_LIKE_FORMULA', answer, `This starts with ${named}, which spreadsheets can take for the start of a formula.`, `Type it again without ${named} at the start.`);
      return false;
    }
    if (hiddenMatters && hasHiddenCharacters(typed)) {
      this.error('HIDDEN_CHARACTERS', answer, 'This contains hidden characters that change how text is shown.', 'Type it again rather than copying and pasting it.');
      return false;
    }
    return true;
  }

  text(answer: Answer | undefined, field: FieldSpec, max = 200): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer || !this.shownSafely(answer, text, true)) return null;
    if (text.length > max) return this.error('TOO_LONG', answer, `This is ${text.length} characters long; the most we can take is ${max}.`, 'Shorten it.');
    return text;
  }

  postcode(answer: Answer | undefined, field: FieldSpec): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    return normalisePostcode(text) ?? this.error('INVALID_POSTCODE', answer, `${quote(text)} is not a valid UK postcode.`, 'Enter the full postcode, for example SW1A 1AA.');
  }

  phone(answer: Answer | undefined, field: FieldSpec): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    return normaliseUkPhone(text) ?? this.error('INVALID_PHONE', answer, `${quote(text)} is not a UK phone number.`, 'Enter a UK number with its area code, for example 020 7946 0000.');
  }

  mobile(answer: Answer | undefined, field: FieldSpec): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    return normaliseUkMobile(text) ?? this.error('INVALID_MOBILE', answer,
      `${quote(text)} is not a UK mobile number, and the activation passcode is sent to it by text message.`,
      'Enter a UK mobile number starting 07, for example 07700 900123.');
  }

  email(answer: Answer | undefined, field: FieldSpec): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    // A cell whose text is a name but whose link is mailto: still carries the address.
    const link = answer.cell?.hyperlink && /^mailto:/i.test(answer.cell.hyperlink) ? normaliseEmail(answer.cell.hyperlink) : null;
    const address = normaliseEmail(text) ?? link;
    if (!address) return this.error('INVALID_EMAIL', answer, `${quote(text)} is not an email address.`, 'Enter one email address, for example name@firm.co.uk.');
    // Bidi and zero-width characters are stripped from an address without harm, so only a formula start matters.
    return this.shownSafely(answer, address, false) ? address : null;
  }

  identifier(answer: Answer | undefined, field: FieldSpec, kind: keyof typeof IDENTIFIER_FORMATS): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    const format = IDENTIFIER_FORMATS[kind];
    const compact = text.toUpperCase().replace(/[\s\-]/g, '');
    if (format.pattern.test(compact)) return compact;
    return this.error(`INVALID_${kind.toUpperCase()}_NUMBER`, answer,
      `${quote(text)} is not in the format of a ${field.label}, which is ${format.description}.`, `For example ${format.example}.`);
  }

  organisationType(answer: Answer | undefined, field: FieldSpec): OrganisationType | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    const match = matchChoice(text, ORGANISATION_TYPES);
    if (match.value) return match.value;
    const choices = ORGANISATION_TYPES.map((c) => `"${c.label}"`).join(', ');
    return this.error('INVALID_ORGANISATION_TYPE', answer, `${quote(text)} is not one of the organisation types.`,
      match.nearest ? `Did you mean "${match.nearest.label}"? Choose from the list: ${choices}.` : `Choose from the list: ${choices}.`);
  }

  date(answer: Answer | undefined, field: FieldSpec): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    const number = answer.cell?.number ?? null;
    const parsed = number !== null ? fromSerial(number, this.date1904) : parseDateText(text);
    // A bare year or a small number read as a day count lands in 1900s; no form is signed before 2000.
    if (parsed && parsed.year >= 2000) return isoString(parsed);
    return this.error('INVALID_DATE', answer, `${quote(text)} is not a date.`, 'Enter the date as day/month/year, for example 25/11/2026.');
  }
}
