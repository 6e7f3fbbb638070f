import { describe, expect, it } from 'vitest';
import { emailIdFor, referenceFor } from './email-identity.js';

describe('emailIdFor', () => {
  const content = Buffer.from('Subject: form\r\n\r\nattached');

  it('gives the same id to the same email picked up twice', () => {
    expect(emailIdFor('<a@firm>', content)).toBe(emailIdFor('<a@firm>', Buffer.from(content)));
  });

  it('gives a re-submission with the same content but a new Message-ID a new id', () => {
    expect(emailIdFor('<a@firm>', content)).not.toBe(emailIdFor('<b@firm>', content));
  });

  it('tells apart two emails that share a Message-ID but differ in content', () => {
    expect(emailIdFor('<a@firm>', content)).not.toBe(emailIdFor('<a@firm>', Buffer.from('other')));
  });

  it('is 32 hex digits, usable as a job id', () => {
    expect(emailIdFor(null, content)).toMatch(/^[a-f0-9]{32}$/);
  });
});

describe('referenceFor', () => {
  it('is a short upper-case reference', () => {
    expect(referenceFor('0a1b2c3d4e5f60718293a4b5c6d7e8f9')).toBe('CP-0A1B2C3D');
  });
});
