/** What a script answers when a value its caller read (and named its keys after) changed before it ran. */
export const STALE = 'stale';

/**
 * Runs `attempt` (read what decides the keys, then run the script with those keys and what was read) until the
 * script finds what was read still current. Redis Cluster needs every key in KEYS, and a script cannot follow a
 * stored id to another key itself; two writers racing on one firm or link simply read again.
 */
export async function readThenWrite<T>(attempt: () => Promise<T | typeof STALE>, tries = 20): Promise<T> {
  for (let n = 1; ; n += 1) {
    const result = await attempt();
    if (result !== STALE) return result;
    if (n >= tries) throw new Error(`The registry changed under ${tries} attempts in a row`);
  }
}
