import { describe, expect, it } from 'vitest';
import { identifyTabs } from './tab-names.js';

describe('finding the input tabs by name', () => {
  it.each([
    [['Instructions', 'Organisation details input', 'User details input']],
    [['Organisation Details – Input', 'user details input ', 'Lists']],
    [['ORGANISATION DETAILS INPUT (2)', 'User Details—Input']],
    [['Organization details input', 'Users']],
    [['Organisation detials input', 'User detail input']],
    [['Organisation details input - Table 1', 'User details input - Table 1']], // as Apple Numbers exports them
  ])('%j', (names) => {
    const tabs = identifyTabs(names);
    expect(tabs['Organisation details input']).toBe(names.find((n) => /organi[sz]ation/i.test(n)));
    expect(tabs['User details input']).toBe(names.find((n) => /user/i.test(n)));
  });

  it('does not mistake other tabs for input tabs', () => {
    expect(identifyTabs(['Instructions', 'Terms and conditions', 'Office use only', 'Sheet1'])).toEqual({
      'Organisation details input': null,
      'User details input': null,
    });
  });
});
