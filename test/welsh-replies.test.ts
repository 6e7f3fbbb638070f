import { describe, expect, it } from 'vitest';
import { xlsxForm } from '../src/form/testing/form-builder.js';
import { WELSH_ORGANISATION, WELSH_USERS } from '../src/form/testing/sample-answers.js';
import { composeEmail, faultyWorkbook } from '../src/samples/sample-emails.js';
import { snapshot } from '../src/form/testing/xlsx-snapshot.js';
import { folderContents, outboxEmails, repliesTo, testEnvironment, waitFor, type ReceivedEmail } from './helpers/environment.js';
import { withRunningService } from './helpers/running-service.js';

// Each test's firm has its own registration numbers and users, so no other form updates it.
const welshFirm = (n: number) => ({
  ...WELSH_ORGANISATION,
  laa: `${n}W123C`,
  sra: `69${n}765`,
  adminEmail: `ffion.llywelyn@cwmni${n}.example.cymru`,
});
const welshUsers = (n: number) =>
  WELSH_USERS.map((row) => row.map((cell) => (typeof cell === 'string' ? cell.replace('glanymor.example.cymru', `cwmni${n}.example.cymru`) : cell)));
const WELSH_EMAIL = { subject: 'Ffurflen gofrestru', text: 'Annwyl dîm,\n\nGweler ein ffurflen ynghlwm.\n\nDiolch,\nFfion' };

describe('replies in Welsh', () => {
  const environment = testEnvironment();
  const running = withRunningService(environment);
  const replyTo = (messageId: string) => waitFor(async () => (await outboxEmails(repliesTo(messageId)))[0], `the reply to ${messageId}`);

  it('answers a Welsh form with mistakes with a Welsh rejection listing every finding by tab and cell, and a copy marked in Welsh', async () => {
    const messageId = `<cy-invalid-${Date.now()}@cwmni1.example.cymru>`;
    const users = welshUsers(1);
    users[1]![2] = 'dafydd@@cwmni1';
    const content = await xlsxForm({ language: 'cy', organisation: { ...welshFirm(1), postcode: 'CF10 2BHH', court1: 'Llys y Goron Atlantis' }, users });
    await running.mailbox.append(
      'INBOX',
      await composeEmail({
        messageId,
        subject: 'Registration form',
        text: 'Please find our form attached.',
        attachments: [{ filename: 'ffurflen.xlsx', content }],
      }),
    );

    const rejection = await replyTo(messageId);
    const text = rejection.parsed.text ?? '';
    expect(rejection.parsed.subject).toMatch(/^Re: Registration form$/);
    expect(text).toMatch(/Eich cyfeirnod yw CP-[0-9A-F]{8}\./);
    expect(text).toContain('Ni allwn sefydlu eich sefydliad eto, oherwydd bod angen newid 3 o atebion.');
    expect(text).toContain('Tab Manylion y sefydliad\n- Cell B11 (Cod post): Nid yw "CF10 2BHH" yn god post dilys yn y DU.');
    expect(text).toMatch(/- Cell B19 \(Llys 1\): Nid yw "Llys y Goron Atlantis" yn llys ar ein rhestr o lysoedd\./);
    expect(text).toContain('Tab Manylion defnyddwyr\n- Cell C6 (Cyfeiriad e-bost): Nid yw "dafydd@@cwmni1" yn gyfeiriad e-bost.');
    expect(text).toContain('/forms/cofrestru.xlsx');
    expect(text).not.toMatch(/Organisation details input|On the .* tab/);
    expect(rejection.parsed.html).toContain('<html lang="cy">');
    const copy = rejection.parsed.attachments.find((a) => a.filename === 'ffurflen - angen cywiro.xlsx');
    const marked = snapshot(copy?.content ?? new Uint8Array());
    expect(marked.sheets.get('Manylion y sefydliad')?.notes.get('B11')).toContain('yn god post dilys');
    expect(marked.sheets.has("Problemau i'w cywiro")).toBe(true);
    await waitFor(async () => ((await folderContents(running.mailbox, ['Rejected'])).Rejected ?? 0) >= 1, 'the email to be filed under Rejected');
  });

  it('acknowledges a valid Welsh form in Welsh, and each user gets a Welsh activation email', async () => {
    const since = Date.now();
    const messageId = `<cy-valid-${Date.now()}@cwmni2.example.cymru>`;
    const content = await xlsxForm({ language: 'cy', organisation: welshFirm(2), users: welshUsers(2) });
    await running.mailbox.append('INBOX', await composeEmail({ messageId, ...WELSH_EMAIL, attachments: [{ filename: 'ffurflen.xlsx', content }] }));

    const acknowledgement = await replyTo(messageId);
    expect(acknowledgement.parsed.subject).toBe('Re: Ffurflen gofrestru');
    expect(acknowledgement.parsed.text).toMatch(/^Diolch\. Mae eich ffurflen gofrestru ar gyfer Platfform Cyffredin wedi dod i law\./);
    expect(acknowledgement.parsed.text).toMatch(/Eich cyfeirnod yw CP-[0-9A-F]{8}\./);

    const users = ['ffion.llywelyn', 'dafydd.apgwilym', 'sion.rhys'].map((name) => `${name}@cwmni2.example.cymru`);
    const activationFor = (address: string) => (email: ReceivedEmail) =>
      email.parsed.from?.value[0]?.address === 'noreply@cjscp.org.uk' && email.raw.includes(`To: ${address}`);
    const activations = await waitFor(async () => {
      const found = await Promise.all(users.map((user) => outboxEmails(activationFor(user), since)));
      return found.every((list) => list.length === 1) ? found.map((list) => list[0]!) : null;
    }, 'a Welsh activation email for each user');
    for (const activation of activations) {
      expect(activation.parsed.subject).toBe('Actifadwch eich cyfrif Platfform Cyffredin');
      expect(activation.parsed.text).toContain('Mae Cyfreithwyr Glan-y-Môr wedi eich cofrestru ar gyfer cyfrif Platfform Cyffredin.');
      expect(activation.parsed.text).toMatch(/\/activate\/[A-Za-z0-9_-]+\?lang=cy/);
    }

    // The link opens the activation page in Welsh, and so do its success and error pages.
    const url = new URL(/https?:\/\/\S+\/activate\/\S+/.exec(activations[0]!.parsed.text ?? '')![0]);
    const web = running.service.web!;
    const page = await web.inject({ method: 'GET', url: url.pathname + url.search });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-language']).toBe('cy');
    expect(page.body).toContain('<html lang="cy"');
    expect(page.body).toContain('Actifadwch eich cyfrif');
    expect(page.body).toContain('Actifadu fy nghyfrif');
    expect(page.body).toMatch(/tan \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(page.body).not.toContain('Activate your account');
    const activated = await web.inject({ method: 'POST', url: url.pathname + url.search });
    expect(activated.statusCode).toBe(200);
    expect(activated.body).toContain('Cyfrif wedi&#39;i actifadu');
    const again = await web.inject({ method: 'POST', url: url.pathname + url.search });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('eisoes yn weithredol');
    const unknown = await web.inject({ method: 'GET', url: `/activate/${'x'.repeat(32)}?lang=cy` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('<html lang="cy"');
    expect(unknown.body).toContain("Ni allem ddod o hyd i'r ddolen hon");
  });

  it('answers an English form sent in an email written in Welsh in Welsh', async () => {
    const messageId = `<cy-email-${Date.now()}@hughes.example>`;
    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId, ...WELSH_EMAIL, attachments: [{ filename: 'ours.xlsx', content: await faultyWorkbook() }] }),
    );
    const rejection = await replyTo(messageId);
    expect(rejection.parsed.text).toContain('Tab Manylion y sefydliad');
    expect(rejection.parsed.text).toMatch(/- Cell B11 \(Cod post\): Nid yw "SW1A 9ZZZ" yn god post dilys yn y DU\./);
    expect(rejection.parsed.text).not.toContain('Organisation details input');
  });

  it('answers an email written in Welsh without a form in Welsh, with the Welsh form’s links and Welsh notes on what was attached', async () => {
    const messageId = `<cy-noform-${Date.now()}@cwmni3.example.cymru>`;
    const attachments = [{ filename: 'cofrestru.pdf', content: Buffer.from('%PDF-1.7'), contentType: 'application/pdf' }];
    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId, subject: 'Cofrestru', text: 'Bore da, rydym am gofrestru ein sefydliad. Diolch.', attachments }),
    );
    const reply = await replyTo(messageId);
    expect(reply.parsed.text).toContain('Ni allem ddod o hyd i ffurflen gofrestru ynghlwm wrthi.');
    expect(reply.parsed.text).toMatch(/https?:\/\/\S+\/forms\/cofrestru\.xlsx/);
    expect(reply.parsed.text).toContain("- ni ellir darllen PDF o'r ffurflen: anfonwch y daenlen ei hun (.xlsx neu .csv)");
    expect(reply.parsed.html).toContain('ni ellir darllen PDF');
    expect(reply.parsed.text).not.toContain('cannot be read');
  });
});
