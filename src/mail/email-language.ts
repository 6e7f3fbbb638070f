import type { Language } from '../form/messages/catalogue.js';
import type { ReadEmail } from './read-email.js';
import { newText } from './question.js';

/*
 * Whether a firm wrote to us in Welsh, so that we answer in Welsh (Welsh Language Standards). A short list of
 * everyday Welsh words that are not English words is enough for the subject and first lines of an email to a
 * registration mailbox. Statistical detectors were not used: franc-min leaves Welsh out (it keeps languages of
 * 8 million speakers or more), and trigram models guess poorly on a subject and two lines.
 */
const WELSH_WORDS = new Set([
  'yn',
  'yr',
  'y',
  'mae',
  'maen',
  'ein',
  'eich',
  'gyda',
  'gydag',
  'gan',
  'gennych',
  'gennym',
  'wedi',
  'ac',
  'sydd',
  'hwn',
  'hon',
  'hyn',
  'ydy',
  'ydych',
  'ydym',
  'rydym',
  'rydw',
  'rwyf',
  'dw',
  'bod',
  'ddim',
  'dim',
  'neu',
  'ond',
  'fel',
  'hefyd',
  'os',
  'mewn',
  'ynghlwm',
  'ffurflen',
  'ffurflenni',
  'cofrestru',
  'gofrestru',
  'nghofrestru',
  'chofrestru',
  'cofrestriad',
  'sefydliad',
  'defnyddwyr',
  'cyfrif',
  'llys',
  'llysoedd',
  'diolch',
  'annwyl',
  'cofion',
  'cyfarchion',
  'helo',
  'shwmae',
  'bore',
  'prynhawn',
  'da',
  'gweler',
  'amgaeedig',
  'atodi',
  'atodedig',
  'atodaf',
  'anfon',
  'amgaeaf',
  'cymraeg',
  'gymraeg',
  'platfform',
  'cyffredin',
  'pob',
  'chi',
  'ni',
  'ateb',
  'nghyfrif',
  'eto',
  'cywiro',
  'gywiro',
]);
const ENGLISH_WORDS = new Set([
  'the',
  'and',
  'is',
  'are',
  'to',
  'of',
  'please',
  'we',
  'our',
  'you',
  'your',
  'for',
  'with',
  'this',
  'attached',
  'find',
  'have',
  'has',
  'be',
  'it',
  'in',
  'on',
  'form',
  'thanks',
  'thank',
  'regards',
  'dear',
  'hello',
  'hi',
  'registration',
  'here',
  'that',
  'as',
  'at',
]);
// Letters with a circumflex on w and y are Welsh alone; each counts as much as a Welsh word.
const WELSH_LETTERS = /[ŵŷŴŶ]/g;

/** 'cy' when the words the sender wrote (subject and new text, not quoted replies) are more Welsh than English. */
export function emailLanguage(email: Pick<ReadEmail, 'subject' | 'text'>): Language {
  const subject = email.subject.replace(/^\s*((re|fwd?|fw|ateb|ymlaen)\s*:\s*)+/i, '');
  const text = `${subject}\n${newText(email.text)}`.slice(0, 5_000).toLowerCase();
  const words = text
    .replace(/[’']/g, ' ')
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  const welsh = words.filter((word) => WELSH_WORDS.has(word)).length + (text.match(WELSH_LETTERS)?.length ?? 0);
  const english = words.filter((word) => ENGLISH_WORDS.has(word)).length;
  return welsh >= 2 && welsh > english ? 'cy' : 'en';
}
