import { makeFinding, type Finding, type FindingCode, type FindingParams } from '../findings.js';
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
const INVALID_NUMBER = { laa: 'INVALID_LAA_NUMBER', sra: 'INVALID_SRA_NUMBER', bsb: 'INVALID_BSB_NUMBER' } as const;

export const isPlaceholder = (text: string): boolean => PLACEHOLDER.test(text.trim());

/** Collects findings while answers are converted; each reader returns null when the answer is unusable. */
export class AnswerReader {
  readonly findings: Finding[] = [];
  constructor(private readonly date1904: boolean) {}

  error<C extends FindingCode>(code: C, answer: Answer, params: FindingParams[C]): null {
    this.findings.push(makeFinding('error', code, answer.place, params));
    return null;
  }

  /** Blank → a "required" finding when the field must be filled, else null with no finding. */
  present(answer: Answer | undefined, field: FieldSpec): string | null {
    const text = answer ? cleanText(answer.text).replace(/\s+/g, ' ') : '';
    if (text && !PLACEHOLDER.test(text)) return text;
    if (answer && field.required) this.error('REQUIRED', answer, { fieldKey: field.key });
    return null;
  }

  /** Free text is kept as typed and shown again to staff, so it must not run as a formula or hide characters. */
  private shownSafely(answer: Answer, kept: string, hiddenMatters: boolean): boolean {
    const typed = answer.cell?.text ?? answer.text;
    const start = formulaStart(typed, kept);
    if (start) {
      this.error('STARTS_LIKE_FORMULA', answer, { start });
      return false;
    }
    if (hiddenMatters && hasHiddenCharacters(typed)) {
      this.error('HIDDEN_CHARACTERS', answer, {});
      return false;
    }
    return true;
  }

  text(answer: Answer | undefined, field: FieldSpec, max = 200): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer || !this.shownSafely(answer, text, true)) return null;
    if (text.length > max) return this.error('TOO_LONG', answer, { length: text.length, max });
    return text;
  }

  postcode(answer: Answer | undefined, field: FieldSpec): string | null {
    return this.normalised(answer, field, normalisePostcode, 'INVALID_POSTCODE');
  }

  phone(answer: Answer | undefined, field: FieldSpec): string | null {
    return this.normalised(answer, field, normaliseUkPhone, 'INVALID_PHONE');
  }

  mobile(answer: Answer | undefined, field: FieldSpec): string | null {
    return this.normalised(answer, field, normaliseUkMobile, 'INVALID_MOBILE');
  }

  /** An answer in its one written form (a postcode, a phone number), or a finding that quotes what was typed. */
  private normalised(
    answer: Answer | undefined,
    field: FieldSpec,
    normalise: (text: string) => string | null,
    code: 'INVALID_POSTCODE' | 'INVALID_PHONE' | 'INVALID_MOBILE',
  ): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    return normalise(text) ?? this.error(code, answer, { value: quote(text) });
  }

  email(answer: Answer | undefined, field: FieldSpec): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    // A cell whose text is a name but whose link is mailto: still carries the address.
    const link = answer.cell?.hyperlink && /^mailto:/i.test(answer.cell.hyperlink) ? normaliseEmail(answer.cell.hyperlink) : null;
    const address = normaliseEmail(text) ?? link;
    if (!address) return this.error('INVALID_EMAIL', answer, { value: quote(text) });
    // Bidi and zero-width characters are stripped from an address without harm, so only a formula start matters.
    return this.shownSafely(answer, address, false) ? address : null;
  }

  identifier(answer: Answer | undefined, field: FieldSpec, kind: keyof typeof IDENTIFIER_FORMATS): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    const compact = text.toUpperCase().replace(/[\s-]/g, '');
    if (IDENTIFIER_FORMATS[kind].pattern.test(compact)) return compact;
    return this.error(INVALID_NUMBER[kind], answer, { value: quote(text) });
  }

  organisationType(answer: Answer | undefined, field: FieldSpec): OrganisationType | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    const match = matchChoice(text, ORGANISATION_TYPES);
    if (match.value) return match.value;
    return this.error('INVALID_ORGANISATION_TYPE', answer, { value: quote(text), nearest: match.nearest?.value ?? null });
  }

  date(answer: Answer | undefined, field: FieldSpec): string | null {
    const text = this.present(answer, field);
    if (text === null || !answer) return null;
    const number = answer.cell?.number ?? null;
    const parsed = number !== null ? fromSerial(number, this.date1904) : parseDateText(text);
    // A bare year or a small number read as a day count lands in 1900s; no form is signed before 2000.
    if (parsed && parsed.year >= 2000) return isoString(parsed);
    return this.error('INVALID_DATE', answer, { value: quote(text) });
  }
}
