import type { FetchMessageObject } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { GROUP_MAX_BYTES, GROUP_MAX_EMAILS, inGroups } from './pickup.js';

const MB = 1024 * 1024;
const listed = (sizes: number[]) => sizes.map((size, index) => ({ uid: index + 1, seq: index + 1, size }) as FetchMessageObject);
const uidsOf = (groups: FetchMessageObject[][]) => groups.map((group) => group.map((message) => message.uid));

describe('picking up emails in groups', () => {
  it('keeps the mailbox order and puts at most GROUP_MAX_EMAILS in a group', () => {
    const groups = inGroups(listed(Array.from({ length: GROUP_MAX_EMAILS * 2 + 3 }, () => 40_000)), 25 * MB);
    expect(groups.map((group) => group.length)).toEqual([GROUP_MAX_EMAILS, GROUP_MAX_EMAILS, 3]);
    expect(groups.flat().map((message) => message.uid)).toEqual(Array.from({ length: GROUP_MAX_EMAILS * 2 + 3 }, (_, i) => i + 1));
  });

  it('starts a new group before the downloads would pass GROUP_MAX_BYTES, and lets one large email through alone', () => {
    const large = GROUP_MAX_BYTES - MB;
    expect(uidsOf(inGroups(listed([2 * MB, large, 2 * MB, 1_000]), GROUP_MAX_BYTES))).toEqual([[1], [2], [3, 4]]);
    // Larger than a group's budget but within the email limit: it is downloaded on its own.
    expect(uidsOf(inGroups(listed([1_000, GROUP_MAX_BYTES + MB, 1_000]), 2 * GROUP_MAX_BYTES))).toEqual([[1], [2], [3]]);
  });

  it('counts an email too large to download as nothing to download', () => {
    const groups = inGroups(listed([GROUP_MAX_BYTES * 4, GROUP_MAX_BYTES * 4, 1_000]), 25 * MB);
    expect(uidsOf(groups)).toEqual([[1, 2, 3]]);
  });

  it('makes no group of an empty listing', () => {
    expect(inGroups([], 25 * MB)).toEqual([]);
  });
});
