import { matchCourt } from '../../courts/court-list.js';
import type { Answer, RawForm } from '../extract/raw-form.js';
import { makeFinding, placeAtCells } from '../findings.js';
import { COURT_SLOTS, ORGANISATION_FIELDS, TABS, type FieldSpec } from '../form-schema.js';
import type { Registration } from '../registration.js';
import { normaliseKey, quote } from '../text.js';
import { londonToday, ukDate } from '../values/form-date.js';
import { isPlaceholder, type AnswerReader } from './read-answer.js';

type Draft<T> = { [K in keyof T]: T[K] | null };
export type OrganisationDraft = Draft<Omit<Registration['organisation'], 'address'>> & {
  address: Draft<Registration['organisation']['address']>;
};

const spec = (key: string): FieldSpec => {
  const found = ORGANISATION_FIELDS.find((f) => f.key === key);
  if (!found) throw new Error(`No field ${key} in the form schema`);
  return found;
};

/** The organisation tab: each answer in its own format, then the rules that span answers. */
export function checkOrganisation(form: RawForm, reader: AnswerReader, now: Date) {
  const a = (key: string): Answer | undefined => form.organisation[key];
  const read = <T>(key: string, fn: (answer: Answer | undefined, field: FieldSpec) => T): T => fn.call(reader, a(key), spec(key));
  const organisation: OrganisationDraft = {
    name: read('organisationName', reader.text),
    type: read('organisationType', reader.organisationType),
    address: { line1: read('addressLine1', reader.text), line2: read('addressLine2', reader.text), town: read('town', reader.text), postcode: read('postcode', reader.postcode) },
    phone: read('phone', reader.phone),
    email: read('email', reader.email),
  };
  const courts = checkCourts(form, reader);
  const identifiers: Registration['identifiers'] = {};
  for (const kind of ['laa', 'sra', 'bsb'] as const) {
    const value = reader.identifier(a(kind), spec(kind), kind);
    if (value) identifiers[kind] = value;
  }
  const anyIdentifier = (['laa', 'sra', 'bsb'] as const).some((k) => a(k)?.cell);
  if (!anyIdentifier) {
    const numberCells = (['laa', 'sra', 'bsb'] as const).map((k) => a(k)?.place.cell);
    reader.findings.push(makeFinding('error', 'IDENTIFIER_MISSING', placeAtCells(TABS.organisation, numberCells, 'Registration numbers'),
      'Give at least one of your LAA account number, SRA number or Bar Standards Board number.',
      'Fill in whichever of the three your organisation has.'));
  }
  const administrator = {
    name: read('adminName', reader.text),
    jobTitle: read('adminJobTitle', reader.text),
    email: read('adminEmail', reader.email),
    phone: read('adminPhone', reader.phone),
  };
  const terms = { signedName: read('signatureName', reader.text), signedOn: read('signatureDate', reader.date) };
  const signedAnswer = a('signatureDate');
  if (terms.signedOn && signedAnswer && terms.signedOn > londonToday(now)) {
    reader.error('DATE_IN_FUTURE', signedAnswer, `The date signed, ${ukDate(terms.signedOn)}, is in the future.`, 'Enter the date you signed the form, which is today or earlier.');
    terms.signedOn = null;
  }
  const signature = a('signatureName');
  if (signature && terms.signedName && administrator.name && normaliseKey(terms.signedName) !== normaliseKey(administrator.name)) {
    reader.findings.push(makeFinding('warning', 'SIGNATURE_NOT_ADMINISTRATOR', signature.place,
      `The form is signed by ${quote(terms.signedName)}, not by the account administrator, ${quote(administrator.name)}.`,
      'The account administrator should sign, as they are accountable for Common Platform in your organisation.'));
  }
  return { organisation, identifiers, courts, administrator, terms };
}

function checkCourts(form: RawForm, reader: AnswerReader): string[] | null {
  const codes: string[] = [];
  let ok = true;
  for (let slot = 1; slot <= COURT_SLOTS; slot++) {
    const answer = form.organisation[`court${slot}`];
    const text = answer?.text.trim();
    if (!answer || !text || isPlaceholder(text)) continue;
    // Several courts typed into one cell are taken one by one, unless the whole text is one court.
    const parts = matchCourt(text).kind === 'found' ? [text] : text.split(/[;,\n]+/).map((p) => p.trim()).filter(Boolean);
    for (const part of parts) {
      const match = matchCourt(part);
      if (match.kind === 'found') {
        if (codes.includes(match.court.code)) {
          reader.findings.push(makeFinding('warning', 'COURT_REPEATED', answer.place, `${match.court.name} is listed more than once.`, 'You can leave the repeat out.'));
        } else codes.push(match.court.code);
        continue;
      }
      ok = false;
      const names = (match.kind === 'ambiguous' ? match.candidates : match.suggestions).map((c) => `"${c.name}"`);
      if (match.kind === 'ambiguous') {
        reader.error('COURT_AMBIGUOUS', answer, `${quote(part)} could be more than one court.`, `Did you mean ${names.join(' or ')}? Choose the court from the list.`);
      } else {
        reader.error('COURT_UNKNOWN', answer, `${quote(part)} is not a court on our list of courts.`,
          names.length ? `Did you mean ${names.join(' or ')}? Choose the court from the list.` : 'Choose the court from the list in the form.');
      }
    }
  }
  const first = form.organisation.court1;
  if (codes.length === 0 && ok && first) {
    reader.error('COURT_MISSING', first, 'Name at least one court you work at.', 'Choose each court from the list, one per row.');
  }
  return ok && codes.length > 0 ? codes : null;
}
