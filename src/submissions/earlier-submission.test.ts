import { describe, expect, it } from 'vitest';
import { replyMessageId } from '../mail/reply-headers.js';
import { earlierSubmissionHints } from './earlier-submission.js';

const first = 'a'.repeat(32);
const second = 'b'.repeat(32);
const ours = (emailId: string) => replyMessageId(emailId, 'rejection', 'firm@smith-law.example', 'CPOnboarding@justice.gov.uk');

describe('earlierSubmissionHints', () => {
  it('takes the submission from the reply of ours that the email answers', () => {
    expect(earlierSubmissionHints({ subject: 'Re: form', inReplyTo: ours(first) }).emailIds).toEqual([first]);
  });

  it('tries the newest of our replies in References first, ignoring other messages', () => {
    const hints = earlierSubmissionHints({ subject: 'Re: form', references: `<x@firm.example> ${ours(first)} ${ours(second)}` });
    expect(hints.emailIds).toEqual([second, first]);
    expect(earlierSubmissionHints({ subject: 'x', references: ['<x@firm.example>', ours(first)] }).emailIds).toEqual([first]);
  });

  it('finds references quoted in the subject, however they are cased', () => {
    const hints = earlierSubmissionHints({ subject: 'Corrected form for cp-1a2b3c4d (was CP-1A2B3C4D)', inReplyTo: '<x@firm.example>' });
    expect(hints).toEqual({ emailIds: [], references: ['CP-1A2B3C4D'] });
  });
});
