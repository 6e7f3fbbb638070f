import { describe, expect, it } from 'vitest';
import { NEW_TEXT_READ_LIMIT, newText, readsAsQuestion } from './question.js';

const email = (text: string, subject = 'Registration') => ({ subject, text });

describe('readsAsQuestion', () => {
  it.each([
    ['a question mark', 'Hi,\n\nHow do we add a user?\n\nThanks,\nJane'],
    ['"can you" without a question mark', 'Hello team, can you tell me whether barristers register separately.\n\nKind regards\nJane Smith'],
    ['"please advise"', 'Good morning\n\nOur senior partner has left the firm. Please advise on removing her account.\n\nRegards'],
    ['"we are not sure"', 'Hi\nWe are not sure which court codes to use for the Crown Court at Southwark.\nThanks'],
    ['"is it possible"', 'Dear Sir/Madam\r\nIs it possible to register two offices under one firm.\r\nYours faithfully\r\nJ Smith'],
    ['a "what is" question without its question mark', 'Hi team\n\nWhat is the deadline for registration\n\nMany thanks\n'],
  ])('is true for %s', (_, text) => {
    expect(readsAsQuestion(email(text))).toBe(true);
  });

  it('is true for a subject that asks, whatever the body', () => {
    expect(readsAsQuestion(email('Thanks', "RE: Do solicitors' agents need to register?"))).toBe(true);
    expect(readsAsQuestion(email('', 'Query about Common Platform access'))).toBe(true);
  });

  it.each([
    [
      '"Please find attached" with the attachment missing',
      'Hi,\n\nPlease find attached our registration form.\n\nKind regards\nJane Smith\nSmith & Co Solicitors',
    ],
    [
      'an attachment promised with courtesies',
      'Good afternoon\n\nAttached is our completed form. Please let me know if you need anything else. Do not hesitate to contact me.\n\nThanks,\nJane',
    ],
    ['a request to confirm receipt', 'Hello\nPlease find our form attached. Could you confirm receipt?\nRegards'],
    [
      'a question in the quoted earlier email',
      'Form attached.\n\nOn Mon, 3 Mar 2025 at 10:02, CP Onboarding <cp@example> wrote:\n> How do we add a user?\n> Can you help?',
    ],
    [
      'a question in an Outlook-quoted email',
      'Here it is.\n\n________________________________\nFrom: Onboarding\nSent: 03 March 2025\nCan you send the form again?',
    ],
    [
      'a question in the signature or disclaimer',
      'Form attached.\n\n--\nJane Smith | Why not follow us on LinkedIn?\nWhat is GDPR? Read our privacy notice at https://firm.example/privacy?ref=mail',
    ],
    ['a statement with "which is attached"', 'Hi, this is the form which is attached, completed for all five of our fee earners.'],
    ['an empty email', ''],
  ])('is false for %s', (_, text) => {
    expect(readsAsQuestion(email(text))).toBe(false);
  });
});

describe('newText', () => {
  it('keeps only what the sender wrote this time', () => {
    const text = 'Here is the form.\nMore text.\n\nKind regards,\nJane\n\n-----Original Message-----\nFrom: x\nOld text?';
    expect(newText(text)).toBe('Here is the form.\nMore text.');
  });

  it('reads a very long body from its start only, so that a 20 MB email costs no more than a short one', () => {
    const opening = 'Please find our form attached.\n';
    const text = opening + 'registration '.repeat(1_600_000);
    const kept = newText(text);
    expect(kept.startsWith(opening)).toBe(true);
    expect(kept.length).toBeLessThanOrEqual(NEW_TEXT_READ_LIMIT);
  });
});
