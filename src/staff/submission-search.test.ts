import { describe, expect, it } from 'vitest';
import type { Submission } from '../submissions/submission-store.js';
import { PAGE_SIZE, searchSubmissions, SubmissionQuerySchema } from './submission-search.js';

function submission(overrides: Partial<Submission> & { firm?: string; users?: string[]; courts?: string[] }): Submission {
  const { firm, users = [], courts = ['404'], ...rest } = overrides;
  return {
    submissionId: 'a'.repeat(32) + '-1',
    emailId: 'e1',
    index: 1,
    reference: 'CP-AAAA',
    filename: 'form.xlsx',
    kind: 'xlsx',
    origin: 'attachment',
    state: 'accepted',
    reason: '',
    createdAt: Date.parse('2026-11-20T10:00:00Z'),
    updatedAt: 0,
    previousSubmissionId: null,
    findings: null,
    registration: firm
      ? ({
          organisation: { name: firm },
          administrator: { email: 'admin@firm.example' },
          users: users.map((email) => ({ email })),
          courts,
        } as unknown as Submission['registration'])
      : null,
    priority: null,
    organisationId: null,
    attention: [],
    language: 'en',
    ...rest,
  };
}

const query = (input: Record<string, string>) => SubmissionQuerySchema.parse(input);

describe('searching submissions', () => {
  const all = [
    submission({ reference: 'CP-1', emailId: 'e1', firm: 'Kestrel & Hart', users: ['priya@kh.example'], priority: { value: 1, label: 'live court' } }),
    submission({
      reference: 'CP-2',
      emailId: 'e2',
      firm: 'Patel Defence',
      state: 'review',
      courts: ['429'],
      createdAt: Date.parse('2026-11-22T09:00:00Z'),
      priority: { value: 40, label: 'goes live in 30 days' },
    }),
    submission({ reference: 'CP-4', emailId: 'e4', createdAt: 0, priority: { value: 475, label: 'goes live in 400 days' } }),
    submission({ reference: 'CP-5', emailId: 'e5', createdAt: 0, priority: { value: 476, label: 'no go-live date' } }),
    submission({
      reference: 'CP-3',
      emailId: 'e3',
      state: 'rejected',
      attention: ['a user is elsewhere'],
      priority: { value: 2 ** 21, label: 'set by staff (was live court)' },
    }),
  ];
  const senders = new Map([['e3', 'clerk@sender.example']]);
  const refs = (input: Record<string, string>) => searchSubmissions(all, query(input), senders).items.map((s) => s.reference);

  it('matches firm, user email, sender and reference, ignoring case', () => {
    expect(refs({ q: 'kestrel' })).toEqual(['CP-1']);
    expect(refs({ q: 'PRIYA@KH' })).toEqual(['CP-1']);
    expect(refs({ q: 'clerk@sender' })).toEqual(['CP-3']);
    expect(refs({ q: 'cp-2' })).toEqual(['CP-2']);
  });

  it('filters by state, attention, court, priority band and dates (the "to" day included)', () => {
    expect(refs({ state: 'review' })).toEqual(['CP-2']);
    expect(refs({ state: 'attention' })).toEqual(['CP-3']);
    expect(refs({ court: '429' })).toEqual(['CP-2']);
    expect(refs({ priority: 'live' })).toEqual(['CP-1']);
    expect(refs({ priority: 'scheduled' })).toEqual(['CP-2', 'CP-4']);
    expect(refs({ priority: 'none' })).toEqual(['CP-5']);
    expect(refs({ priority: 'staff' })).toEqual(['CP-3']);
    expect(refs({ from: '2026-11-21' })).toEqual(['CP-2']);
    expect(refs({ to: '2026-11-20' })).toEqual(['CP-1', 'CP-4', 'CP-5', 'CP-3']);
    expect(refs({ q: '', state: '' })).toHaveLength(5);
  });

  it('pages the results and keeps a page past the end on the last page', () => {
    const many = Array.from({ length: PAGE_SIZE + 3 }, (_, i) => submission({ reference: `CP-${i}` }));
    const second = searchSubmissions(many, query({ page: '9' }), new Map());
    expect(second).toMatchObject({ total: PAGE_SIZE + 3, page: 2, pages: 2 });
    expect(second.items).toHaveLength(3);
  });
});
