import { composeEmail } from '../../src/samples/sample-emails.js';
import { zipSync } from 'fflate';
import { hostileFiles, type HostileFile } from './file-cases.js';
import { hostileEmails, type Origin } from './mime-cases.js';

export interface CorpusEmail {
  corpusId: string;
  label: string;
  /** The address the email comes from: a reply to it can only be a reply to this email. */
  sender: string;
  raw: Buffer;
}

// Hostile files that must be handled the same whether attached directly or inside a .zip.
const ZIPPED_TOO =
  /billion|external entity|truncated xlsx|empty xlsx|formula injection in a CSV|header injection in user answers \(CSV\)|control characters and RTL in a CSV|1,000,000-row sheet|password|macro-enabled workbook renamed/;

function attach(origin: Origin, file: HostileFile): Promise<Buffer> {
  return composeEmail({
    from: origin.from,
    subject: 'Common Platform registration',
    messageId: `<${origin.corpusId}@corpus.example>`,
    headers: { 'X-Corpus-Id': origin.corpusId },
    attachments: [{ filename: file.filename, content: file.content, contentType: file.contentType }],
  });
}

/**
 * The hostile corpus, generated afresh (nothing large is committed): every hostile file attached to an email,
 * some again inside a .zip, and emails whose MIME structure or headers are themselves the attack.
 */
export async function buildHostileCorpus(tag: string): Promise<CorpusEmail[]> {
  const corpus: CorpusEmail[] = [];
  const add = async (label: string, build: (origin: Origin) => Promise<Buffer> | Buffer) => {
    const corpusId = `${tag}-${corpus.length}`;
    const sender = `hostile-${corpus.length}-${tag}@corpus.example`;
    corpus.push({ corpusId, label, sender, raw: await build({ from: sender, corpusId }) });
  };
  for (const file of await hostileFiles()) {
    await add(file.label, (origin) => attach(origin, file));
    if (ZIPPED_TOO.test(file.label)) {
      const zipped = {
        label: `${file.label}, in a .zip`,
        filename: 'forms.zip',
        content: Buffer.from(zipSync({ [file.filename || 'form.xlsx']: file.content })),
      };
      await add(zipped.label, (origin) => attach(origin, zipped));
    }
  }
  for (const email of hostileEmails()) await add(email.label, email.build);
  return corpus;
}
