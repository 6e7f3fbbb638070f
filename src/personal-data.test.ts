import { describe, expect, it } from 'vitest';
import { scrubPersonalData } from './personal-data.js';

describe('scrubPersonalData', () => {
  it('removes email addresses and phone numbers but keeps the rest', () => {
    const text = "550 mailbox jane.o'neil+forms@smith-law.co.uk unavailable; call 07700 900123 or +44 20 7946 0000";
    const scrubbed = scrubPersonalData(text);
    expect(scrubbed).toBe('550 mailbox [email] unavailable; call [number] or [number]');
  });

  it('leaves short numbers such as ports and UIDs alone', () => {
    expect(scrubPersonalData('uid 4821 on port 1143')).toBe('uid 4821 on port 1143');
  });

  it('leaves long runs of digits inside ids alone', () => {
    expect(scrubPersonalData('email a4c123456789f8edd9 and job 7-a1234567890123')).toBe('email a4c123456789f8edd9 and job 7-a1234567890123');
  });
});
