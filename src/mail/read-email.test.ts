import { describe, expect, it } from 'vitest';
import { composeEmail } from '../../test/helpers/compose-email.js';
import { DEFAULT_MAX_ATTACHMENTS, readEmail, type ReadLimits } from './read-email.js';

const limits: ReadLimits = { maxBytes: 1024 * 1024, maxParts: 100, maxDepth: 10, timeoutMs: 5_000 };
const withAttachments = (count: number) =>
  composeEmail({ attachments: Array.from({ length: count }, (_, i) => ({ filename: `form-${i}.csv`, content: 'a,b' })) });

describe('readEmail', () => {
  it('reads an email with its attachments', async () => {
    const read = await readEmail(await withAttachments(2), limits);
    expect(read.ok && read.email.attachments.map((attachment) => attachment.filename)).toEqual(['form-0.csv', 'form-1.csv']);
  });

  it('refuses an email with more attachments than allowed, with a reason for staff', async () => {
    expect(await readEmail(await withAttachments(4), { ...limits, maxAttachments: 3 })).toEqual({
      ok: false,
      reason: 'the email has more than 3 attachments',
    });
    expect((await readEmail(await withAttachments(3), { ...limits, maxAttachments: 3 })).ok).toBe(true);
  });

  it('caps attachments at a default when no limit is given', async () => {
    const read = await readEmail(await withAttachments(DEFAULT_MAX_ATTACHMENTS + 1), limits);
    expect(read).toEqual({ ok: false, reason: `the email has more than ${DEFAULT_MAX_ATTACHMENTS} attachments` });
  });

  it('refuses an email over the size limit before parsing it', async () => {
    expect(await readEmail(Buffer.alloc(2 * 1024 * 1024, 'a'), limits)).toEqual({ ok: false, reason: 'the email is larger than 1 MB' });
  });
});

describe('headers', () => {
  it('keeps every occurrence of a repeated header, topmost first, unfolded and with its parameters', async () => {
    const raw = Buffer.from(
      [
        'Return-Path: <clerk@gmail.com>',
        'Received: by mx.example',
        'Return-Path: <clerk@gmail.com>',
        'From: clerk@gmail.com',
        'Content-Type: multipart/report;',
        '\treport-type=disposition-notification;',
        ' boundary="b"',
        'Subject: Read: hello',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'read',
        '--b--',
        '',
      ].join('\r\n'),
    );
    const read = await readEmail(raw, limits);
    expect(read.ok && read.email.headers.get('return-path')).toEqual(['<clerk@gmail.com>', '<clerk@gmail.com>']);
    expect(read.ok && read.email.headers.get('content-type')).toEqual(['multipart/report; report-type=disposition-notification; boundary="b"']);
  });
});
