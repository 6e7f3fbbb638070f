import { describe, expect, it } from 'vitest';
import { safeNext } from './sign-in.js';

describe('where sign-in returns to', () => {
  it('returns only to dashboard paths, never to another site', () => {
    expect(safeNext('/staff/submissions?state=review')).toBe('/staff/submissions?state=review');
    expect(safeNext('/staff')).toBe('/staff');
    for (const bad of ['https://evil.example/staff', '//evil.example/staff', '/staff//evil.example', '/activate/x', '/staffing', undefined, 42]) {
      expect(safeNext(bad)).toBe('/staff');
    }
  });
});
