import { describe, expect, it } from 'vitest';
import { CONTENT_BUDGET_BYTES, contentBytesFor } from './mailbox-listing.js';

describe('the bytes of each email a scan of new mail asks for', () => {
  it('keeps what one FETCH can bring in within the budget, whatever the mailbox holds', () => {
    for (const emails of [0, 1, 5, 40, 100, 1_000, 2_000, 50_000])
      expect(contentBytesFor(emails) * Math.max(1, emails)).toBeLessThanOrEqual(CONTENT_BUDGET_BYTES);
  });

  it('asks for up to a megabyte when the mailbox holds few emails, and for none once too few bytes would be left', () => {
    expect(contentBytesFor(1)).toBe(1024 * 1024);
    expect(contentBytesFor(1_000)).toBeGreaterThan(30_000);
    expect(contentBytesFor(5_000)).toBe(0);
  });
});
