import { describe, expect, it } from 'vitest';
import { editDistance, similarity } from './text.js';

/** The textbook recursion with a memo: slow, and obviously right. */
function referenceDistance(a: string, b: string): number {
  const memo = new Map<string, number>();
  const d = (i: number, j: number): number => {
    if (i === 0) return j;
    if (j === 0) return i;
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const value = Math.min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
    memo.set(key, value);
    return value;
  };
  return d(a.length, b.length);
}

describe('edit distance', () => {
  it('counts the insertions, deletions and substitutions between two strings', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('', 'users')).toBe(5);
    expect(editDistance('users', '')).toBe(5);
    expect(editDistance('user details input', 'user details input')).toBe(0);
    expect(editDistance('manylion defnyddiwr', 'manylion defnyddwyr')).toBe(2);
  });

  it('agrees with the textbook definition on strings of every length, letters beyond ASCII included', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = 'abcdeŵŷ ';
    const word = () => Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let n = 0; n < 300; n++) {
      const [a, b] = [word(), word()];
      expect(editDistance(a, b), `${a} / ${b}`).toBe(referenceDistance(a, b));
      expect(editDistance(b, a)).toBe(editDistance(a, b));
    }
  });

  it('gives a similarity of 1 for equal strings and 0 for nothing in common', () => {
    expect(similarity('', '')).toBe(1);
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('abc', 'xyz')).toBe(0);
    expect(similarity('organisation details input', 'organisation detail input')).toBeCloseTo(1 - 1 / 26);
  });
});
