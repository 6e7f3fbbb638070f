import type { ReadEmail } from './read-email.js';

// Where the quoted earlier email begins, in the forms the common mail clients write it.
const QUOTE_STARTS = [
  /^\s*On .{1,200}wrote:\s*$/im,
  /^\s*-{2,}\s*Original Message\s*-{2,}/im,
  /^\s*-{2,}\s*Forwarded message\s*-{2,}/im,
  /^\s*Begin forwarded message:/im,
  /^\s*_{10,}\s*$/m,
  /^\s*From:\s.+\r?\n\s*(Sent|Date):\s/im,
];

// Where the signature begins: the standard "-- " line, or a sign-off on a line of its own.
const SIGNATURE_STARTS = [
  /^-- ?$/m,
  /^\s*(kind|best|warm|many thanks and)?\s*(regards|wishes),?\s*$/im,
  /^\s*(many thanks|thanks( again| very much)?|thank you( very much)?|cheers|sincerely|yours (sincerely|faithfully|truly)),?\s*$/im,
  /^\s*sent from my \w+/im,
];

// Courtesies that look like questions but ask nothing of staff.
const COURTESIES = [
  /\b(please )?(do not|don't) hesitate to (contact|get in touch)[^.?!\n]*[.?!]?/gi,
  /\b(please )?let (me|us) know if (you|there) (need|have|are|is)[^.?!\n]*[.?!]?/gi,
  /\bif you (have|need) any (further |more )?(questions|queries|information|help)[^.?!\n]*[.?!]?/gi,
  /\b(could|can|would) you (please )?(confirm|acknowledge) (receipt|safe receipt)[^.?!\n]*[.?!]?/gi,
  /\bhope (this|that) (helps|is ok|is fine)[^.?!\n]*[.?!]?/gi,
  /\bhow are you\b[^.?!\n]*[.?!]?/gi,
];

// Inverted questions only count at the start of a sentence, so "the form which is attached" does not.
const SENTENCE = String.raw`(?:^|[.!?,;:\n])\s*`;
const ASKING = [
  new RegExp(`${SENTENCE}(how|what|where|when|why|who|which) (do|does|did|can|could|should|would|will|is|are|was|were|to)\\b`, 'i'),
  new RegExp(`${SENTENCE}(can|could|would|will|may|shall) (you|we|i|someone|somebody|staff)\\b`, 'i'),
  new RegExp(`${SENTENCE}(is|are) (it|there|we|they|you) (possible|able|allowed|required|supposed|meant)\\b`, 'i'),
  new RegExp(`${SENTENCE}(do|does|should|must) (i|we|they|you|each|every|all)\\b`, 'i'),
  /\bplease (advise|explain|clarify|help)\b/i,
  /\b(i|we) (was|were|am|are) (wondering|unsure|not sure|confused)\b/i,
  /\b(i|we) (have|had) a (question|query)\b/i,
  /\b(need|needs|needed|require) (your )?(help|assistance|advice|guidance)\b/i,
  /\bnot sure (how|what|whether|if|where|which)\b/i,
];

const SUBJECT_ASKS = /\?\s*$|^(question|query|enquiry|help)\b/i;

function firstMatch(text: string, patterns: RegExp[]): number {
  let cut = text.length;
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match && match.index < cut) cut = match.index;
  }
  return cut;
}

// What a person types in one email fits well within this; a body may be 20 MB, and reading all of it copies it
// several times over in one synchronous stretch (seconds, and tens of MB on top of the worker's peak).
export const NEW_TEXT_READ_LIMIT = 100_000;

/** The part of an email its sender wrote this time: no quoted earlier emails, no signature; read from its start only. */
export function newText(text: string): string {
  const unquoted = text
    .slice(0, NEW_TEXT_READ_LIMIT)
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
  const beforeQuote = unquoted.slice(0, firstMatch(unquoted, QUOTE_STARTS));
  return beforeQuote.slice(0, firstMatch(beforeQuote, SIGNATURE_STARTS)).trim();
}

function withoutNoise(text: string): string {
  let cleaned = text.replace(/\b(https?:\/\/|www\.)\S+/gi, ' ').replace(/\S+@\S+\.\S+/g, ' ');
  for (const courtesy of COURTESIES) cleaned = cleaned.replace(courtesy, ' ');
  return cleaned;
}

/**
 * True when an email that carried no form reads as a question for staff rather than a missing
 * attachment: a question mark or an asking phrase in what the sender wrote this time, or a subject
 * that asks. Courtesies ("let me know if you need anything") and quoted replies do not count.
 */
export function readsAsQuestion(email: Pick<ReadEmail, 'subject' | 'text'>): boolean {
  const subject = email.subject.replace(/^\s*((re|fwd?|fw|aw|sv)\s*:\s*)+/i, '').trim();
  if (SUBJECT_ASKS.test(subject)) return true;
  const text = withoutNoise(newText(email.text));
  if (/\?/.test(text)) return true;
  return ASKING.some((pattern) => pattern.test(text));
}
