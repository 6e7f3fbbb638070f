import { describe, expect, it } from 'vitest';
import { exceedsMimeLimits, measureMimeShape } from './mime-limits.js';

const limits = { maxParts: 20, maxDepth: 4 };

function multipart(boundary: string, parts: string[]): string {
  return [`Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts.flatMap((part) => [`--${boundary}`, part]), `--${boundary}--`, ''].join('\r\n');
}

describe('measureMimeShape', () => {
  it('counts the parts and nesting of an ordinary email', () => {
    const inner = multipart('alt', ['Content-Type: text/plain\r\n\r\nhello', 'Content-Type: text/html\r\n\r\n<p>hello</p>']);
    const raw = Buffer.from(`Subject: x\r\n${multipart('outer', [inner, 'Content-Type: text/csv\r\n\r\na,b'])}`);
    expect(measureMimeShape(raw, limits)).toEqual({ parts: 4, depth: 2 });
  });

  it('flags an email with too many sibling parts', () => {
    const parts = Array.from({ length: 1_000 }, (_, i) => `Content-Type: text/plain\r\n\r\npart ${i}`);
    const shape = measureMimeShape(Buffer.from(multipart('many', parts)), limits);
    expect(exceedsMimeLimits(shape, limits)).toMatch(/more than 20 MIME parts/);
  });

  it('flags parts nested too deep', () => {
    let body = 'Content-Type: text/plain\r\n\r\ndeep';
    for (let level = 0; level < 8; level += 1) body = multipart(`b${level}`, [body]);
    const shape = measureMimeShape(Buffer.from(body), limits);
    expect(exceedsMimeLimits(shape, limits)).toMatch(/nested more than 4 deep/);
  });

  it('accepts a single-part email', () => {
    const shape = measureMimeShape(Buffer.from('Subject: hi\r\n\r\nNo attachments here.'), limits);
    expect(shape).toEqual({ parts: 0, depth: 0 });
    expect(exceedsMimeLimits(shape, limits)).toBeNull();
  });
});
