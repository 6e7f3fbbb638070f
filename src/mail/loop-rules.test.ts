import { describe, expect, it } from 'vitest';
import { automaticMessageReason } from './loop-rules.js';

const person = 'clerk@smith-law.example';

function headers(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries));
}

describe('automaticMessageReason', () => {
  it('allows a reply to an ordinary email', () => {
    expect(automaticMessageReason(headers({ subject: 'Registration', 'auto-submitted': 'no' }), person)).toBeNull();
  });

  it.each([
    [{ 'auto-submitted': 'auto-replied' }, person, /Auto-Submitted/],
    [{ precedence: 'bulk' }, person, /bulk/],
    [{ precedence: 'list' }, person, /bulk or list/],
    [{ precedence: 'auto_reply' }, person, /automatic reply/],
    [{ 'list-id': '<law.lists.example>' }, person, /mailing list/],
    [{ list: '[object]' }, person, /mailing list/],
    [{ 'return-path': '<>' }, person, /bounce/],
    [{ 'content-type': 'multipart/report; report-type=delivery-status' }, person, /delivery status/],
    [{}, 'MAILER-DAEMON@mx.example', /does not accept replies/],
    [{}, 'no-reply@firm.example', /does not accept replies/],
    [{}, 'postmaster@firm.example', /does not accept replies/],
    [{}, null, /no sender/],
  ])('refuses to answer %o from %s', (entries, from, reason) => {
    expect(automaticMessageReason(headers(entries), from)).toMatch(reason);
  });

  it('does not mistake a person whose name starts like a robot for one', () => {
    expect(automaticMessageReason(headers({}), 'norris@firm.example')).toBeNull();
  });
});
