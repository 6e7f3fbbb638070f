import type { RedisClient } from '../../src/redis.js';
import type { RegistrationInput, UserInput } from '../../src/registry/account-registry.js';

export function user(first: string, overrides: Partial<UserInput> = {}): UserInput {
  return {
    firstName: first,
    lastName: 'Example',
    email: `${first.toLowerCase()}@smith-law.example`,
    mobileE164: '+447700900123',
    roles: ['defence-lawyer'],
    ...overrides,
  };
}

export function registration(overrides: Partial<RegistrationInput['organisation']> = {}, users: UserInput[] = [user('Ada'), user('Ben')]): RegistrationInput {
  return {
    organisation: {
      name: 'Smith Law LLP',
      type: 'solicitors-firm',
      identifiers: { laa: '0A123B', sra: '612345' },
      courts: ['404', '408'],
      address: { line1: '1 High Street', line2: null, town: 'Leeds', postcode: 'LS1 1AA' },
      phone: '+441132000000',
      email: 'office@smith-law.example',
      ...overrides,
    },
    administrator: { name: 'Ada Example', jobTitle: 'Practice manager', email: 'ada@smith-law.example', phone: '+441132000001' },
    users,
  };
}

/** Every key under the prefix with its serialised value, to show that a call wrote nothing. */
export async function snapshot(redis: RedisClient, prefix: string): Promise<Record<string, string>> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  const result: Record<string, string> = {};
  for (const key of keys.sort()) result[key] = `${await readValue(redis, key)} ttl=${(await redis.pttl(key)) > 0 ? 'set' : 'none'}`;
  return result;
}

// DUMP is no use here: a hash's serialised field order changes as Redis rehashes it, even on reads.
async function readValue(redis: RedisClient, key: string): Promise<string> {
  const type = await redis.type(key);
  if (type === 'string') return (await redis.get(key)) ?? '';
  if (type === 'hash') return JSON.stringify(Object.entries(await redis.hgetall(key)).sort());
  if (type === 'set') return JSON.stringify((await redis.smembers(key)).sort());
  if (type === 'zset') return JSON.stringify(await redis.zrange(key, 0, -1, 'WITHSCORES'));
  return type;
}
