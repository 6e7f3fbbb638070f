import { matchCourt } from '../../courts/court-list.js';
import type { Answer, RawForm } from '../extract/raw-form.js';
import { makeFinding, placeAtCells } from '../findings.js';
import { COURT_SLOTS, ORGANISATION_FIELDS, TABS, type FieldSpec } from '../form-schema.js';
import type { Registration } from '../registration.js';
import { normaliseKey, quote } from '../text.js';
import { londonToday } from '../values/form-date.js';
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
    address: {
      line1: read('addressLine1', reader.text),
      line2: read('addressLine2', reader.text),
      town: read('town', reader.text),
      postcode: read('postcode', reader.postcode),
    },
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
    reader.findings.push(makeFinding('error', 'IDENTIFIER_MISSING', placeAtCells(TABS.organisation, numberCells, 'Registration numbers'), {}));
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
    reader.error('DATE_IN_FUTURE', signedAnswer, { date: terms.signedOn });
    terms.signedOn = null;
  }
  const signature = a('signatureName');
  if (signature && terms.signedName && administrator.name && normaliseKey(terms.signedName) !== normaliseKey(administrator.name)) {
    reader.findings.push(
      makeFinding('warning', 'SIGNATURE_NOT_ADMINISTRATOR', signature.place, {
        signedName: quote(terms.signedName),
        administratorName: quote(administrator.name),
      }),
    );
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
    const parts =
      matchCourt(text).kind === 'found'
        ? [text]
        : text
            .split(/[;,\n]+/)
            .map((p) => p.trim())
            .filter(Boolean);
    for (const part of parts) {
      const match = matchCourt(part);
      if (match.kind === 'found') {
        if (codes.includes(match.court.code)) {
          reader.findings.push(makeFinding('warning', 'COURT_REPEATED', answer.place, { court: match.court.name }));
        } else codes.push(match.court.code);
        continue;
      }
      ok = false;
      if (match.kind === 'ambiguous') reader.error('COURT_AMBIGUOUS', answer, { value: quote(part), candidates: match.candidates.map((c) => c.name) });
      else reader.error('COURT_UNKNOWN', answer, { value: quote(part), suggestions: match.suggestions.map((c) => c.name) });
    }
  }
  const first = form.organisation.court1;
  if (codes.length === 0 && ok && first) {
    reader.error('COURT_MISSING', first, {});
  }
  return ok && codes.length > 0 ? codes : null;
}
