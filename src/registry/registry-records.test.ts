import { describe, expect, it } from 'vitest';
import { CorruptRecordError } from '../stored-record.js';
import { organisationFromHash, userFromHash } from './registry-records.js';

const userData = { firstName: 'Ada', lastName: 'Jones', email: 'ada@firm.example', mobileE164: '+447700900555', roles: ['advocate'] };
const organisationData = {
  name: 'Jones & Co',
  type: 'solicitors-firm',
  identifiers: { sra: '654321' },
  courts: ['C1'],
  address: null,
  phone: null,
  email: null,
  administrator: null,
};

describe('registry records read back from Redis', () => {
  it('reads a user, an absent activation state meaning not invited yet', () => {
    expect(userFromHash({ id: 'u1', organisationId: 'o1', data: JSON.stringify(userData), createdAt: '2026-12-01' })).toEqual({
      id: 'u1',
      organisationId: 'o1',
      ...userData,
      activationState: 'not-invited',
      activationStateAt: '',
      createdAt: '2026-12-01',
      updatedAt: '',
    });
    expect(userFromHash({})).toBeNull();
  });

  it('names the fields of a user record that cannot be read, never their values', () => {
    const hash = { id: 'u1', organisationId: 'o1', data: JSON.stringify({ ...userData, roles: ['judge'] }), activationState: 'asleep' };
    expect(() => userFromHash(hash)).toThrow(CorruptRecordError);
    expect(() => userFromHash(hash)).toThrow('The stored user record is unreadable (data.roles.0, activationState)');
    expect(() => userFromHash({ ...hash, data: '{"email":"ada@firm.example"' })).not.toThrow(/ada@/);
  });

  it('reads an organisation with its conflicts in address order, and refuses an unreadable conflict', () => {
    const hash = { id: 'o1', data: JSON.stringify(organisationData), submissionId: 's1' };
    const conflicts = {
      b: JSON.stringify({ email: 'b@x.example', existingOrganisationId: 'o2' }),
      a: JSON.stringify({ email: 'a@x.example', existingOrganisationId: 'o3' }),
    };
    const record = organisationFromHash(hash, conflicts);
    expect(record).toMatchObject({ id: 'o1', name: 'Jones & Co', submissionId: 's1', createdAt: '', identifiers: { sra: '654321' } });
    expect(record?.conflicts.map((conflict) => conflict.email)).toEqual(['a@x.example', 'b@x.example']);
    expect(() => organisationFromHash(hash, { a: 'not json' })).toThrow(CorruptRecordError);
    expect(() => organisationFromHash({ ...hash, data: JSON.stringify({ ...organisationData, type: 'bakery' }) }, {})).toThrow('(data.type)');
  });
});
