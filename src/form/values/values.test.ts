import { describe, expect, it } from 'vitest';
import { ROLES } from '../form-schema.js';
import { matchChoice, splitList } from './choices.js';
import { normaliseEmail } from './email-address.js';
import { cleanText, hasHiddenCharacters } from '../text.js';
import { formulaStart } from './formula-start.js';
import { fromSerial, isoString, londonToday, parseDateText } from './form-date.js';
import { normaliseUkMobile, normaliseUkPhone } from './uk-phone.js';
import { normalisePostcode } from './uk-postcode.js';

describe('UK postcodes', () => {
  it.each([
    ['sw1a1aa', 'SW1A 1AA'],
    [' M1 1AE ', 'M1 1AE'],
    ['cr2 6xh', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['GIR 0AA', 'GIR 0AA'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });
  it.each(['SW1A', '12345', 'QW1 1AA', 'SW1A 1AAA', 'SW1A 1CA', ''])('rejects %s', (input) => expect(normalisePostcode(input)).toBeNull());
});

describe('UK phone numbers', () => {
  it.each([
    ['020 7946 0000', '+442079460000'],
    ['+44 (0)20 7946 0000', '+442079460000'],
    ['2079460000', '+442079460000'],
    ['0113-496-0000', '+441134960000'],
    ['0300 123 4567', '+443001234567'],
    ['07700 900123', '+447700900123'],
  ])('%s → %s', (input, expected) => expect(normaliseUkPhone(input)).toBe(expected));
  it.each(['12345', '0909 123 4567', '+33 1 23 45 67 89', 'call me', '020 7946 000'])('rejects %s', (input) => expect(normaliseUkPhone(input)).toBeNull());

  it.each([
    ['07700 900123', '+447700900123'],
    ['7700900123', '+447700900123'],
    ['+447624123456', '+447624123456'],
    ['00447700900123', '+447700900123'],
  ])('mobile %s → %s', (input, expected) => expect(normaliseUkMobile(input)).toBe(expected));
  it.each(['020 7946 0000', '07000 123456', '07600 123456', '0770090012', '+1 415 555 0100'])('rejects %s as a mobile', (input) =>
    expect(normaliseUkMobile(input)).toBeNull(),
  );
});

describe('email addresses', () => {
  it.each([
    ['Jane.Doe@Firm.co.uk', 'jane.doe@firm.co.uk'],
    ['mailto:jane@firm.co.uk', 'jane@firm.co.uk'],
    ['MAILTO:jane%40firm.co.uk?subject=Hi', 'jane@firm.co.uk'],
    ['<jane@firm.co.uk>', 'jane@firm.co.uk'],
  ])('%s → %s', (input, expected) => expect(normaliseEmail(input)).toBe(expected));
  it.each(['jane', 'jane@firm', 'jane@@firm.co.uk', 'jane doe@firm.co.uk', 'a..b@firm.co.uk', 'jane@firm.co.uk; tom@firm.co.uk'])('rejects %s', (input) =>
    expect(normaliseEmail(input)).toBeNull(),
  );
});

describe('dates', () => {
  it('reads Excel serials in both date systems', () => {
    expect(isoString(fromSerial(46351, false) ?? { year: 0, month: 0, day: 0 })).toBe('2026-11-25');
    expect(isoString(fromSerial(44889, true) ?? { year: 0, month: 0, day: 0 })).toBe('2026-11-25');
  });
  it.each([
    ['25/11/2026', '2026-11-25'],
    ['25.11.26', '2026-11-25'],
    ['2026-11-25', '2026-11-25'],
    ['25th November 2026', '2026-11-25'],
    ['25-Nov-2026', '2026-11-25'],
    ['1/3/2026', '2026-03-01'],
  ])('%s → %s', (input, expected) => expect(isoString(parseDateText(input) ?? { year: 0, month: 0, day: 0 })).toBe(expected));
  it.each(['11/25/2026', '31/02/2026', 'yesterday', '2026'])('rejects %s', (input) => expect(parseDateText(input)).toBeNull());
  it('takes today in London, not UTC', () => expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01'));
});

describe('choices', () => {
  it('matches labels and aliases loosely and suggests the nearest', () => {
    expect(matchChoice('ORGANISATION  ADMINISTRATOR', ROLES)).toEqual({
      value: 'organisation-administrator',
      label: 'Organisation administrator',
      exact: true,
    });
    expect(matchChoice('Org admin', ROLES)).toEqual({ value: 'organisation-administrator', label: 'Organisation administrator', exact: false });
    expect(matchChoice('Advocat', ROLES)).toMatchObject({ value: null, nearest: { value: 'advocate' } });
    expect(matchChoice('Judge', ROLES)).toEqual({ value: null, nearest: null });
  });
  it('splits lists of roles', () => expect(splitList('Advocate; Defence lawyer and Support staff')).toEqual(['Advocate', 'Defence lawyer', 'Support staff']));
});

describe('free text shown again to staff', () => {
  it.each([
    ["=cmd|' /C calc'!A0", '='],
    ['@SUM(1+1)', '@'],
    ['+44 7700 900123', '+'],
    ['-2+3', '-'],
    ['-Smith', '-'],
  ])('%s starts like a formula', (text, start) => expect(formulaStart(text, text)).toBe(start));
  it('counts a tab or carriage return before the trimmed answer, and judges the rest as kept', () => {
    expect(formulaStart('\tSmith', 'Smith')).toBe('\t');
    expect(formulaStart('\r\nSmith', 'Smith')).toBe('\r');
    expect(formulaStart('  =1+1', '=1+1')).toBe('=');
  });
  it.each(['Smith-Jones', "O'Brien", '12-14 Chancery Lane', 'a=b', 'Partner @ Cardiff', 'zoe+cp@firm.co.uk', ''])('%s does not', (text) => {
    expect(formulaStart(text, text)).toBeNull();
  });

  it.each([
    '\u202Egnp.exe',
    'a\u202Ab',
    'a\u202Bb',
    'a\u202Cb',
    'a\u202Db',
    'a\u2066b',
    'a\u2067b',
    'a\u2068b',
    'a\u2069b',
    'a\u200Eb',
    'a\u200Fb',
    'a\u061Cb',
    'a\u200Bb',
    'a\u200Cb',
    'a\u200Db',
    'a\u2060b',
    '\uFEFFa',
    'a\u0000b',
    'a\u0007b',
    'a\u001Bb',
    'a\u007Fb',
    'a\u0085b',
    'a\u009Fb',
  ])('finds hidden characters in %j', (text) => expect(hasHiddenCharacters(text)).toBe(true));
  it('keeps a joiner that shapes a word and drops one that hides text', () => {
    expect(cleanText('می\u200Cخواهم')).toBe('می\u200Cخواهم');
    expect(cleanText('T\u200Dom \u200BSmith\u202E')).toBe('Tom Smith');
  });
  // A joiner inside a Persian or Devanagari word shapes it; beside Latin letters it only hides text.
  it.each(['a\u200Cب', 'ب\u200Db', '\u200Cب', 'ب\u200C'])('finds a joiner outside a shaping script in %j', (text) =>
    expect(hasHiddenCharacters(text)).toBe(true),
  );
  it.each([
    'Zoë',
    'Søren',
    'Łucja',
    'Siân ap Dafydd',
    'سيان',
    'אוונס',
    'Ní Bhriain',
    'Line one\nline two',
    'Word line\u000Bbreak',
    'soft\u00ADhyphen',
    'no\u00A0break',
    'می\u200Cخواهم',
    'क्\u200Dष',
  ])('finds none in %j', (text) => expect(hasHiddenCharacters(text)).toBe(false));
});
