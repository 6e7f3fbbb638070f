import { describe, expect, it } from 'vitest';
import { emailLanguage } from './email-language.js';

describe('the language an email is written in', () => {
  it.each([
    ['Ffurflen gofrestru', ''],
    ['Cofrestru ar gyfer Platfform Cyffredin', 'Annwyl dîm,\n\nGweler ein ffurflen ynghlwm.\n\nDiolch,\nFfion'],
    ['Registration form', "Bore da,\nDyma'r ffurflen wedi'i chywiro. Diolch yn fawr am eich help.\nCofion"],
    ['', 'Helo, mae’r ffurflen ynghlwm. Diolch!'],
  ])('reads "%s" / "%s" as Welsh', (subject, text) => {
    expect(emailLanguage({ subject, text })).toBe('cy');
  });

  it.each([
    ['Registration form', 'Dear team,\n\nPlease find our form attached.\n\nKind regards,\nPriya'],
    ['Re: Common Platform', 'Thanks, here is the corrected form.\n\nOn 1 Dec 2026, onboarding wrote:\n> Diolch am eich ffurflen. Mae problem yn y ffurflen.'],
    ['Form for Llanelli office', 'Please find attached our registration form for the Llanelli and Caerphilly offices.\n\nCroeso i chi ysgrifennu yn Gymraeg.'],
    ['', ''],
  ])('reads "%s" / "%s" as English', (subject, text) => {
    expect(emailLanguage({ subject, text })).toBe('en');
  });
});
