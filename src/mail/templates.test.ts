import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../paths.js';
import { EMAIL_PROPS, languageFor, renderEmail, type EmailKind, type EmailProps, type Language } from './templates.js';

describe('renderEmail', () => {
  it('renders the acknowledgement as subject, text and HTML', () => {
    const email = renderEmail('acknowledgement', {
      reference: 'CP-1A2B3C4D',
      formNames: ['registration.xlsx'],
      activationFrom: 'noreply@cjscp.org.uk',
      helpAddress: 'CPOnboarding@justice.gov.uk',
    });
    expect(email.subject).toContain('CP-1A2B3C4D');
    expect(email.text).toContain('Your reference is CP-1A2B3C4D.');
    expect(email.text).toContain('- registration.xlsx');
    expect(email.html).toContain('<strong>CP-1A2B3C4D</strong>');
  });

  it('escapes what a sender wrote in the HTML part but not in the text part', () => {
    const email = renderEmail('acknowledgement', {
      reference: 'CP-1',
      formNames: ['<script>alert(1)</script>.xlsx'],
      activationFrom: 'noreply@cjscp.org.uk',
      helpAddress: 'CPOnboarding@justice.gov.uk',
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.text).toContain('<script>alert(1)</script>.xlsx');
  });

  it('refuses props that do not fit the template', () => {
    expect(() => renderEmail('no-form', { formUrl: 'not a url', csvFormUrl: 'x', helpAddress: 'x' })).toThrow();
  });

  it('words the files a no-form reply did not read, given as codes, in the language the reply is written in', () => {
    const props: EmailProps<'no-form'> = {
      formUrl: 'https://intake.example/form.xlsx',
      csvFormUrl: 'https://intake.example/form.csv',
      helpAddress: 'CPOnboarding@justice.gov.uk',
      skipped: [
        { code: 'WRONG_FORMAT', params: { format: '.pdf' } },
        { code: 'ZIP_WITHOUT_FORM', params: { files: 3 } },
      ],
    };
    const english = renderEmail('no-form', props, 'en');
    expect(english.text).toContain(
      '- a PDF of the form cannot be read: please send the spreadsheet itself (.xlsx or .csv)\n- a .zip with 3 files, none a form (.xlsx or .csv)\n',
    );
    expect(english.html).toContain('a .zip with 3 files, none a form (.xlsx or .csv)');
    expect(renderEmail('no-form', props, 'cy').text).toContain(
      "- ni ellir darllen PDF o'r ffurflen: anfonwch y daenlen ei hun (.xlsx neu .csv)\n- .zip gyda 3 ffeil, a dim un ohonynt yn ffurflen (.xlsx neu .csv)\n",
    );
    expect(() => renderEmail('no-form', { ...props, skipped: [{ code: 'NOT_A_REASON', params: {} }] as never })).toThrow();
  });
});

const HELP = 'CPOnboarding@justice.gov.uk';
const FROM = 'noreply@cjscp.org.uk';
const HOSTILE = '<script>alert(1)</script> & "Co"';

const postcodeFinding = {
  severity: 'error' as const,
  tab: 'Organisation details input',
  cell: 'B7',
  field: 'Postcode',
  message: 'On the Organisation details input tab, cell B7 (Postcode): "XX1" is not a UK postcode.',
  suggestion: 'Write it like SW1A 1AA.',
};

/** One valid set of props per kind, with sender-written text where the kind has any. */
const samples: { [K in EmailKind]: EmailProps<K> } = {
  'no-form': { formUrl: 'https://intake.example/form.xlsx', csvFormUrl: 'https://intake.example/form.csv', helpAddress: HELP },
  acknowledgement: { reference: 'CP-2', formNames: [HOSTILE], activationFrom: FROM, helpAddress: HELP },
  rejection: {
    reference: 'CP-3',
    findings: [postcodeFinding, { ...postcodeFinding, cell: 'B3', field: 'Name', message: HOSTILE, suggestion: null }],
    annotatedFileName: 'registration (checked).xlsx',
    formUrl: 'https://intake.example/form.xlsx',
    csvFormUrl: 'https://intake.example/form.csv',
    helpAddress: HELP,
  },
  activation: {
    firstName: 'Ada',
    organisationName: HOSTILE,
    activationUrl: 'https://intake.example/activate/abc_DEF-123',
    mobileLastFour: '0123',
    expiresAt: new Date('2026-12-23T09:00:00Z'),
    activationFrom: FROM,
    helpAddress: HELP,
  },
  'staff-rejection': {
    reference: 'CP-5',
    note: HOSTILE,
    formUrl: 'https://intake.example/form.xlsx',
    csvFormUrl: 'https://intake.example/form.csv',
    helpAddress: HELP,
  },
  'activation-reminder': {
    firstName: 'Ada',
    organisationName: HOSTILE,
    sentAt: '2026-11-25T09:00:00Z',
    expiresAt: new Date('2026-12-23T09:00:00Z'),
    activationFrom: FROM,
    helpAddress: HELP,
  },
};
const kinds = Object.keys(EMAIL_PROPS) as EmailKind[];
const render = <K extends EmailKind>(kind: K, language: Language = 'en') => renderEmail(kind, samples[kind], language);

describe.each(kinds)('the %s email', (kind) => {
  it.each(['en', 'cy'] as const)('has a one-line subject, a plain-text part without HTML, and an HTML part (%s)', (language) => {
    const email = render(kind, language);
    expect(email.subject).toMatch(/^\S.*\S$/);
    expect(email.subject).not.toContain('\n');
    // The sender's own text is kept as written; everything around it must be plain.
    expect(email.text.replaceAll(HOSTILE, '')).not.toMatch(/<\/?[a-z][a-z0-9]*(\s[^>]*)?>|&lt;|&amp;|&quot;|&#/i);
    expect(email.text).not.toMatch(/\n{3,}/);
    expect(email.html).toMatch(/^<!doctype html>/);
    expect(email.html).toContain(`<title>${email.subject.replace(/&/g, '&amp;').replace(/'/g, '&#39;')}</title>`);
  });

  it('escapes what a sender wrote in the HTML part and keeps it as written in the text part', () => {
    const email = render(kind);
    if (!JSON.stringify(samples[kind]).includes('<script>')) return;
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.text).toContain(HOSTILE);
  });
});

describe('language', () => {
  it('renders the activation email in Welsh, dates included', () => {
    const email = render('activation', 'cy');
    expect(email.subject).toBe('Actifadwch eich cyfrif Platfform Cyffredin');
    expect(email.text).toContain('tan 23 Rhagfyr 2026');
    expect(email.html).toContain('<html lang="cy">');
    expect(email.text).not.toContain('Welsh draft');
    expect(languageFor('activation', 'cy')).toBe('cy');
  });

  it('links a Welsh activation email to the Welsh activation page, and an English one to the page as it was', () => {
    expect(render('activation', 'cy').text).toContain('https://intake.example/activate/abc_DEF-123?lang=cy\n');
    expect(render('activation', 'cy').html).toContain('href="https://intake.example/activate/abc_DEF-123?lang=cy"');
    expect(render('activation', 'en').text).toContain('https://intake.example/activate/abc_DEF-123\n');
  });

  it('has a Welsh version of every email a firm or a user receives', () => {
    for (const kind of Object.keys(EMAIL_PROPS) as EmailKind[]) {
      expect(languageFor(kind, 'cy'), kind).toBe('cy');
      const [cy, en] = [render(kind, 'cy'), render(kind, 'en')];
      expect(cy.subject, kind).not.toBe(en.subject);
      expect(cy.html, kind).toContain('<html lang="cy">');
    }
  });

  it('marks every Welsh template as needing a translator’s review', () => {
    const root = join(TEMPLATES_DIR, 'emails');
    const welsh = readdirSync(root).flatMap((dir) =>
      existsSync(join(root, dir, 'cy')) ? readdirSync(join(root, dir, 'cy')).map((f) => join(root, dir, 'cy', f)) : [],
    );
    expect(welsh.length).toBeGreaterThanOrEqual(6);
    for (const file of welsh) expect(readFileSync(file, 'utf8').split('\n')[0], file).toMatch(/^\{#.*reviewed by a qualified translator.*#\}$/);
  });
});

describe('the activation email', () => {
  it('gives the link, the last four digits of the mobile, the expiry date, the junk reminder and where to get help', () => {
    const { text, html } = render('activation');
    for (const part of [text, html]) {
      expect(part).toContain('https://intake.example/activate/abc_DEF-123');
      expect(part).toContain('0123');
      expect(part).toContain('23 December 2026');
      expect(part).toMatch(/junk or spam/);
      expect(part).toContain('CPOnboarding@justice.gov.uk');
      expect(part).toContain('020 3989 6060');
      expect(part).toContain('CJSCP-DefenceServiceDesk@hmcts.net');
    }
  });

  it('refuses a link that is not http(s) and anything but four digits of a mobile', () => {
    expect(() => renderEmail('activation', { ...samples.activation, activationUrl: 'javascript:alert(1)' })).toThrow();
    expect(() => renderEmail('activation', { ...samples.activation, mobileLastFour: '+447700900123' })).toThrow();
  });

  it('reminds on day 21 that the link still works until its expiry date', () => {
    const { subject, text } = render('activation-reminder');
    expect(subject).toBe('Reminder: activate your Common Platform account by 23 December 2026');
    expect(text).toContain('still works until 23 December 2026');
    expect(text).toContain('On 25 November 2026 we sent you an email from noreply@cjscp.org.uk');
  });
});

describe('the rejection email', () => {
  const findings = [
    { ...postcodeFinding },
    {
      severity: 'warning' as const,
      tab: 'User details input',
      cell: 'C4',
      field: 'Email',
      message: 'On the User details input tab, cell C4 (Email): this looks like a personal address.',
      suggestion: null,
    },
    { severity: 'error' as const, tab: null, cell: null, field: null, message: 'The file has a tab we did not expect.', suggestion: null },
    { ...postcodeFinding, cell: 'B9', field: 'Phone', message: 'On the Organisation details input tab, cell B9 (Phone): 123 is too short.' },
  ];

  it('lists every finding under its tab with its cell, the file-wide ones first, without repeating the place', () => {
    const { text } = renderEmail('rejection', { ...samples.rejection, findings });
    const order = [
      'The file\n- The file has a tab',
      'Organisation details input tab\n- Cell B7 (Postcode): "XX1" is not a UK postcode.\n  Write it like SW1A 1AA.',
      '- Cell B9 (Phone): 123 is too short.',
      'User details input tab\n- Please check: Cell C4 (Email): this looks like a personal address.',
    ];
    const positions = order.map((snippet) => text.indexOf(snippet));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(text).toContain('because of the 3 problems described below. We have also listed one answer to check. Each one below says where it is in the form.');
    expect(text).not.toContain('On the Organisation details input tab');
  });

  it('names every cell of a finding about several cells, and does not repeat the place of a CSV finding', () => {
    const noAdministrator = {
      severity: 'error' as const,
      tab: 'User details input',
      cell: 'E35',
      cells: ['E35', 'E36', 'E37'],
      field: 'Role',
      message: 'On the User details input tab, cells E35 to E37 (Role): No user has the role "Organisation administrator".',
      suggestion: null,
    };
    const fromCsv = { ...postcodeFinding, message: 'In the Organisation details input section, cell B7 (Postcode): "XX1" is not a UK postcode.' };
    const { text, html } = renderEmail('rejection', { ...samples.rejection, findings: [noAdministrator, fromCsv] });
    expect(text).toContain('- Cells E35 to E37 (Role): No user has the role "Organisation administrator".');
    expect(text).toContain('- Cell B7 (Postcode): "XX1" is not a UK postcode.');
    expect(html).toContain('<strong>Cells E35 to E37</strong> (Role): No user has the role');
  });

  it('counts answers to change when every problem is at a cell', () => {
    expect(render('rejection').text).toContain('because 2 answers need changing. Each one below says where it is in the form.');
  });

  it('names the attached annotated copy, the reference and the current form', () => {
    const { subject, text, html } = render('rejection');
    expect(subject).toBe('Your registration form needs some changes – reference CP-3');
    expect(text).toContain('We have attached a copy of your form, registration (checked).xlsx, with each of these cells marked');
    expect(text).toContain('1. Correct the form. You can make the changes in the attached copy.');
    expect(text).toContain('https://intake.example/form.xlsx');
    expect(html).toContain('href="https://intake.example/form.csv"');
  });
});

describe('the rejection of a file that is not the form', () => {
  const notTheForm = {
    severity: 'error' as const,
    tab: null,
    cell: null,
    field: null,
    message:
      'This file is not the Common Platform registration form: it has no Organisation details input or User details input tab (its tabs are "Budget 2026").',
    suggestion: 'Download the current form from https://intake.example/forms/registration.xlsx, copy your answers into its two input tabs and send it back.',
  };

  it('neither counts answers nor promises a marked-up copy when none is attached', () => {
    const { text, html } = renderEmail('rejection', { ...samples.rejection, findings: [notTheForm], annotatedFileName: null });
    expect(text).toContain('Thank you for your email to the Common Platform onboarding team. Your reference is CP-3.');
    expect(text).toContain('We cannot set up your organisation yet, because of the problem described below.\n');
    expect(text).toContain('The file\n- This file is not the Common Platform registration form');
    expect(text).toContain('1. Make the changes described above.\n2. Reply to this email with the completed form attached');
    for (const part of [text, html]) {
      expect(part).not.toMatch(/answers? needs? changing|attached copy|copy of your form|Each one below says where|registration form\. Your reference/);
    }
  });

  it('says where a single problem is without calling it "each one"', () => {
    const { text } = renderEmail('rejection', { ...samples.rejection, findings: [postcodeFinding] });
    expect(text).toContain('because one answer needs changing. Below we say where it is in the form.');
  });

  it('does not promise a marked-up copy for a form whose copy could not be made', () => {
    const { text, html } = renderEmail('rejection', { ...samples.rejection, annotatedFileName: null });
    expect(text).toContain('1. Correct the form.\n');
    for (const part of [text, html]) expect(part).not.toMatch(/attached copy|copy of your form/);
  });
});

describe('the acknowledgement', () => {
  it('links a corrected form to the earlier one and says what is fixed and what is still wrong', () => {
    const { subject, text } = renderEmail('acknowledgement', {
      ...samples.acknowledgement,
      previousReference: 'CP-1',
      fixed: ['Postcode (Organisation details input, B7)'],
      stillWrong: ['Mobile number (User details input, E5)'],
    });
    expect(subject).toBe('Corrected registration form received – reference CP-2');
    expect(text).toContain('linked this form to your earlier one, reference CP-1');
    expect(text).toMatch(/Now fixed – thank you:\n- Postcode \(Organisation details input, B7\)/);
    expect(text).toMatch(/Still to correct[^\n]*\n- Mobile number \(User details input, E5\)/);
  });

  it('lists the answers to check on an accepted form, with where each is and how it was read', () => {
    const roleRead = {
      severity: 'warning' as const,
      tab: 'User details input',
      cell: 'E37',
      field: 'Role',
      message: 'On the User details input tab, cell E37 (Role): "Paralegal" is not one of the roles, so we have read it as "Support staff".',
      suggestion: 'If "Support staff" is not right, choose their role from the list.',
    };
    const { text, html } = renderEmail('acknowledgement', { ...samples.acknowledgement, checks: [roleRead, { ...roleRead, cell: 'E38', message: HOSTILE }] });
    expect(text).toContain('We have accepted your form. Please check the 2 answers below, in case they are not what you meant.');
    expect(text).toContain(
      'User details input tab\n- Cell E37 (Role): "Paralegal" is not one of the roles, so we have read it as "Support staff".\n  If "Support staff" is not right',
    );
    expect(text).toContain('reply to this email with the form attached');
    expect(html).toContain('<strong>Cell E37</strong> (Role): &quot;Paralegal&quot; is not one of the roles');
    expect(html).not.toContain('<script>');
  });

  it('says only what happens next on a first form', () => {
    const { subject, text } = render('acknowledgement');
    expect(subject).toBe('Registration form received – reference CP-2');
    expect(text).not.toMatch(/Now fixed|Still to correct|earlier one|Answers to check/);
    expect(text).toContain('What happens next');
  });
});
