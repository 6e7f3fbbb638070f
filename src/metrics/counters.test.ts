import { describe, expect, it } from 'vitest';
import { baseKind, fieldFor, parseField } from './counters.js';

describe('metric counters', () => {
  it('round-trips a name and labels through one hash field, defusing separators', () => {
    expect(parseField(fieldFor('jobs', { queue: 'setup', result: 'accepted' }))).toEqual({ name: 'jobs', labels: { queue: 'setup', result: 'accepted' } });
    expect(parseField(fieldFor('findings', { code: 'A|B=C' }))).toEqual({ name: 'findings', labels: { code: 'A_B_C' } });
    expect(parseField(fieldFor('activations'))).toEqual({ name: 'activations', labels: {} });
  });

  it('counts emails by kind, not by form number, re-send or reminder round', () => {
    expect(baseKind('acknowledgement-2')).toBe('acknowledgement');
    expect(baseKind('activation-resend-1764000000000')).toBe('activation');
    expect(baseKind('activation-reminder-r1764000000000')).toBe('activation-reminder');
    expect(baseKind('no-form')).toBe('no-form');
  });
});
