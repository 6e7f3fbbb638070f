import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CorruptRecordError, jsonField, parseStored } from './stored-record.js';

const Schema = z.object({ id: z.string(), at: z.coerce.number(), tags: jsonField(z.array(z.string())).optional() });

describe('records read back from Redis', () => {
  it('parses a record of the right shape, JSON fields included', () => {
    expect(parseStored(Schema, { id: 'a', at: '5', tags: '["x"]' }, 'thing')).toEqual({ id: 'a', at: 5, tags: ['x'] });
  });

  it('names the record and the fields at fault, never their values', () => {
    let caught: unknown;
    try {
      parseStored(Schema, { id: 'secret@example.com', at: 'soon', tags: '{not json' }, 'thing');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CorruptRecordError);
    expect((caught as CorruptRecordError).fields).toEqual(['at', 'tags']);
    expect((caught as Error).message).toBe('The stored thing is unreadable (at, tags)');
    expect((caught as Error).message).not.toContain('secret');
  });
});
