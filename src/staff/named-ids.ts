import type { AccountRegistry } from '../registry/account-registry.js';

const ID = /\b(?:usr|org)_[a-f0-9]{32}\b/g;

/**
 * Records name people and organisations by id (`usr_…`, `org_…`); staff read names. Looks up every id the texts
 * mention, once each, and returns the texts with each id replaced by its name (an id no longer known stays).
 */
export async function withNames<T extends string | undefined>(texts: T[], registry: Pick<AccountRegistry, 'getUser' | 'getOrganisation'>): Promise<T[]> {
  const ids = new Set(texts.flatMap((text) => (text ? [...text.matchAll(ID)].map((match) => match[0]) : [])));
  const names = new Map<string, string>();
  await Promise.all(
    [...ids].map(async (id) => {
      if (id.startsWith('usr_')) {
        const user = await registry.getUser(id);
        if (user) names.set(id, `${user.firstName} ${user.lastName}`.trim());
      } else {
        const organisation = await registry.getOrganisation(id);
        if (organisation) names.set(id, organisation.name);
      }
    }),
  );
  const unknown = (id: string) => (id.startsWith('usr_') ? 'someone no longer on record' : '(no longer on record)');
  return texts.map((text) => (text ? text.replace(ID, (id) => names.get(id) ?? unknown(id)) : text) as T);
}
