import { afterAll, describe, expect, it } from 'vitest';
import { EmailStore } from '../src/emails/email-store.js';
import { createRedis, keysFor } from '../src/redis.js';
import { testEnvironment } from './helpers/environment.js';

describe('recording where an email was filed', () => {
  const environment = testEnvironment();
  const redis = createRedis(environment.config.redis, 'test');
  const store = new EmailStore(redis, keysFor(environment.config.keyPrefix));
  afterAll(() => redis.disconnect());

  it('records it as filed only in the folder its outcome names now', async () => {
    const emailId = 'cd'.repeat(16);
    await store.recordPickup(
      { emailId, messageId: '<filed@example>', mailbox: 'INBOX', uidValidity: '7', uid: 3, size: 100, noticedAt: Date.now(), pickedUpAt: Date.now() },
      Buffer.from('raw'),
    );
    await store.recordOutcome(emailId, { outcome: 'accepted', folder: 'Accepted', reason: 'accepted by staff' });

    // The move went to Review while staff changed the outcome: where it is is kept, but it is not filed.
    const inReview = { mailbox: 'Review', uidValidity: '9', uid: 12 };
    expect(await store.recordFiled(emailId, inReview, 'Review')).toBe(false);
    expect(await store.get(emailId)).toMatchObject({ state: 'replied', filedLocation: inReview });

    const inAccepted = { mailbox: 'Accepted', uidValidity: '8', uid: 40 };
    expect(await store.recordFiled(emailId, inAccepted, 'Accepted')).toBe(true);
    expect(await store.get(emailId)).toMatchObject({ state: 'filed', filedLocation: inAccepted });
    expect(await redis.ttl(keysFor(environment.config.keyPrefix).emailRaw(emailId))).toBeGreaterThan(29 * 86_400);

    // A server that does not say the new UID: the old location is forgotten rather than kept wrong.
    expect(await store.recordFiled(emailId, null, 'Accepted')).toBe(true);
    expect((await store.get(emailId))?.filedLocation).toBeUndefined();
  });

  it('gives back the pickup fields a record lost, and keeps what was written after them', async () => {
    const emailId = 'ef'.repeat(16);
    const keys = keysFor(environment.config.keyPrefix);
    // What a failover can leave: the decision landed on the replica, the pickup before it did not.
    await redis.hset(keys.email(emailId), { outcome: 'accepted', outcomeFolder: 'Accepted', state: 'replied' });
    const pickedUpAt = Date.now();
    const pickup = { emailId, messageId: '<restored@example>', mailbox: 'INBOX', uidValidity: '7', uid: 5, size: 120, noticedAt: pickedUpAt, pickedUpAt };

    expect((await store.recordPickup(pickup, Buffer.from('raw'))).isNew).toBe(false);
    expect(await store.get(emailId)).toMatchObject({ emailId, messageId: '<restored@example>', uid: 5, state: 'replied', outcome: 'accepted' });
    expect((await store.listSince(pickedUpAt)).map((record) => record.emailId)).toContain(emailId);
    expect(await redis.getBuffer(keys.emailRaw(emailId))).toEqual(Buffer.from('raw'));
    // A second pickup of a whole record (the same email found at another UID) changes only where it is.
    const again = await store.recordPickup({ ...pickup, uid: 9, messageId: '<other@example>', pickedUpAt: pickedUpAt + 1 }, Buffer.from('other'));
    expect(again.isNew).toBe(false);
    expect(again.record).toMatchObject({ uid: 9, messageId: '<restored@example>', pickedUpAt, state: 'replied' });
    expect(await store.get(emailId)).toEqual(again.record);
    expect(await redis.getBuffer(keys.emailRaw(emailId))).toEqual(Buffer.from('raw'));
    expect(await store.emailAt({ mailbox: 'INBOX', uidValidity: '7', uid: 9 })).toBe(emailId);
  });

  it('records a new email, its content and where it was found in one step, and returns its record', async () => {
    const emailId = 'ab'.repeat(16);
    const keys = keysFor(environment.config.keyPrefix);
    const pickedUpAt = Date.now();
    const location = { mailbox: 'INBOX', uidValidity: '7', uid: 21 };
    const picked = await store.recordPickup(
      { emailId, messageId: '<new@example>', ...location, size: 3, noticedAt: pickedUpAt - 4, pickedUpAt },
      Buffer.from('raw'),
    );

    expect(picked.isNew).toBe(true);
    expect(picked.record).toEqual(await store.get(emailId));
    expect(picked.record).toMatchObject({ emailId, messageId: '<new@example>', ...location, size: 3, noticedAt: pickedUpAt - 4, pickedUpAt, state: 'queued' });
    expect(await store.emailAt(location)).toBe(emailId);
    expect(await redis.ttl(keys.location(location.mailbox, location.uidValidity, location.uid))).toBeGreaterThan(29 * 86_400);
    expect(await redis.getBuffer(keys.emailRaw(emailId))).toEqual(Buffer.from('raw'));
  });
});
