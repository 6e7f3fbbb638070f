import { describe, expect, it } from 'vitest';
import { roleAllows } from './roles.js';

describe('staff roles', () => {
  it('lets each role do what the roles below it do, and no more', () => {
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'caseworker')).toBe(false);
    expect(roleAllows('caseworker', 'viewer')).toBe(true);
    expect(roleAllows('caseworker', 'administrator')).toBe(false);
    expect(roleAllows('administrator', 'caseworker')).toBe(true);
  });
});
