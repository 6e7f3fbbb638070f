import { describe, expect, it } from 'vitest';
import { cleanHeaderText, replyMessageId, replySubject, threadHeaders } from './reply-headers.js';

describe('replySubject', () => {
  it('adds Re: once', () => {
    expect(replySubject('Registration form', 'x')).toBe('Re: Registration form');
    expect(replySubject('RE: Registration form', 'x')).toBe('RE: Registration form');
  });

  it('uses the fallback when the subject is empty', () => {
    expect(replySubject('  ', 'Your registration')).toBe('Re: Your registration');
  });

  it('strips line breaks that would inject headers', () => {
    expect(replySubject('Form\r\nBcc: victim@example.com', 'x')).toBe('Re: Form Bcc: victim@example.com');
  });
});

describe('cleanHeaderText', () => {
  it('shortens very long text', () => {
    expect(cleanHeaderText('a'.repeat(500), 10)).toHaveLength(10);
  });
});

describe('threadHeaders', () => {
  it('threads under the original and keeps its references', () => {
    expect(threadHeaders('<b@x>', ['<a@x>'])).toEqual({ inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>'] });
  });

  it('keeps the first and latest references of a long thread', () => {
    const earlier = Array.from({ length: 50 }, (_, i) => `<m${i}@x>`);
    const { references } = threadHeaders('<last@x>', earlier);
    expect(references).toHaveLength(20);
    expect(references?.[0]).toBe('<m0@x>');
    expect(references?.at(-1)).toBe('<last@x>');
  });

  it('drops a malformed Message-ID rather than echo it', () => {
    expect(threadHeaders('<a@x>\r\nBcc: y', [])).toEqual({});
  });
});

describe('replyMessageId', () => {
  it('is the same for the same email, kind and recipient, and differs otherwise', () => {
    const id = replyMessageId('e1', 'form-received', 'A@x.example', 'onboarding@justice.example');
    expect(id).toBe(replyMessageId('e1', 'form-received', 'a@x.example', 'onboarding@justice.example'));
    expect(id).not.toBe(replyMessageId('e1', 'no-form', 'a@x.example', 'onboarding@justice.example'));
    expect(id).toMatch(/^<e1\.form-received\.[a-f0-9]{16}@justice\.example>$/);
  });
});
