import { composeEmail, faultyWorkbook } from '../../src/samples/sample-emails.js';
import { firmForm } from '../../test/helpers/forms.js';

export type ChaosKind = 'valid' | 'invalid' | 'no-form';

export interface ChaosEmail {
  messageId: string;
  kind: ChaosKind;
  /** The users' addresses on a valid form: each must be in the registry and get one activation email. */
  users: string[];
  raw: Buffer;
}

const COURTS = ["Westminster Magistrates' Court", 'Southwark Crown Court', 'Leeds Crown Court', 'Bristol Crown Court'];

/** A realistic mix: most emails carry a valid form of a distinct firm, some a faulty form, some no form. */
export async function chaosEmails(count: number, tag: string): Promise<ChaosEmail[]> {
  const emails: ChaosEmail[] = [];
  for (let n = 0; n < count; n += 1) {
    const messageId = `<${tag}-${n}@firm${n}.example>`;
    const from = n % 4 === 0 ? `slow-clerk${n}@firm${n}.example` : `clerk${n}@firm${n}.example`;
    const kind: ChaosKind = n % 10 < 6 ? 'valid' : n % 10 < 8 ? 'invalid' : 'no-form';
    if (kind === 'valid') {
      const userCount = 1 + (n % 3);
      const content = await firmForm(n, COURTS[n % COURTS.length]!, userCount);
      const users = Array.from({ length: userCount }, (_, u) => `user${u}@firm${n}.example.co.uk`);
      emails.push({
        messageId,
        kind,
        users,
        raw: await composeEmail({ messageId, from, subject: `Registration ${n}`, attachments: [{ filename: `firm-${n}.xlsx`, content }] }),
      });
    } else if (kind === 'invalid') {
      emails.push({
        messageId,
        kind,
        users: [],
        raw: await composeEmail({ messageId, from, subject: `Our form ${n}`, attachments: [{ filename: `ours-${n}.xlsx`, content: await faultyWorkbook() }] }),
      });
    } else {
      emails.push({
        messageId,
        kind,
        users: [],
        raw: await composeEmail({ messageId, from, subject: `Access ${n}`, text: 'Please send us the registration form.' }),
      });
    }
  }
  return emails;
}
