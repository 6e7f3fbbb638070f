import { GOOD_ORGANISATION, type AnswerValue } from '../../src/form/testing/sample-answers.js';
import { sampleWorkbook } from '../../src/samples/sample-emails.js';

/** A valid form for a distinct firm `n` (its own LAA and SRA numbers and users) working at `court`. */
export function firmForm(n: number, court: string, userCount = 1): Promise<Buffer> {
  const organisation: Record<string, AnswerValue> = {
    ...GOOD_ORGANISATION,
    organisationName: `Firm ${n} Solicitors`,
    laa: `${n % 10}A${String(100 + (n % 900)).padStart(3, '0')}${String.fromCharCode(65 + (Math.floor(n / 10) % 26))}`,
    sra: String(600000 + n),
    court1: court,
    court2: null,
    adminEmail: `admin@firm${n}.example.co.uk`,
  };
  const users: AnswerValue[][] = Array.from({ length: userCount }, (_, u) => [
    `User${u}`,
    `Firm${n}`,
    `user${u}@firm${n}.example.co.uk`,
    `07700 900${String((n * 7 + u) % 1000).padStart(3, '0')}`,
    u === 0 ? 'Organisation administrator' : 'Defence lawyer',
    null,
  ]);
  return sampleWorkbook({ organisation, users });
}
