import { describe, expect, it } from 'vitest';
import { loadCourts, matchCourt } from './court-list.js';

describe('court list', () => {
  it('holds at least 40 Crown and magistrates courts with a spread of go-live dates', () => {
    const courts = loadCourts();
    expect(courts.length).toBeGreaterThanOrEqual(40);
    expect(courts.some((c) => c.type === 'crown')).toBe(true);
    expect(courts.some((c) => c.type === 'magistrates')).toBe(true);
    expect(courts.some((c) => c.goLiveDate === null)).toBe(true);
    expect(courts.some((c) => (c.goLiveDate ?? '') > '2028-01-01')).toBe(true);
    expect(new Set(courts.map((c) => c.code)).size).toBe(courts.length);
  });

  it.each([
    ['Westminster Magistrates Court', 'B01LY00'],
    ['westminster mags', 'B01LY00'],
    ['Southwark Crown Ct', '471'],
    ['471', '471'],
    ['Westminster MC', 'B01LY00'],
    ['Southwark CC', '471'],
    ['Westminster', 'B01LY00'],
    ['Manchester Crown Court (Crown Square)', '435'],
  ])('matches %s', (input, code) => {
    const match = matchCourt(input);
    expect(match.kind === 'found' && match.court.code).toBe(code);
  });

  it('asks which court when a place has two', () => {
    const match = matchCourt('Birmingham');
    expect(match.kind).toBe('ambiguous');
  });

  it('suggests the nearest court for a near miss', () => {
    const match = matchCourt('Southwork Crown Court');
    expect(match.kind === 'unknown' && match.suggestions[0]?.name).toBe('Southwark Crown Court');
  });

  it('suggests nothing for an unrelated name', () => {
    expect(matchCourt('Atlantis Supreme Tribunal')).toEqual({ kind: 'unknown', suggestions: [] });
  });
});
