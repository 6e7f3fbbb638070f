import type { AccountRegistry, UserRecord } from '../../registry/account-registry.js';
import type { AttentionItem } from './attention-item.js';

const ORGANISATIONS_READ = 2_000;
const PAGE = 500;

/** Users whose activation link ran out unused, less those staff already sent a new link since. */
export async function expiredActivationItems(registry: AccountRegistry, resent: ReadonlyMap<string, number>): Promise<AttentionItem[]> {
  const items: AttentionItem[] = [];
  for (let offset = 0; offset < ORGANISATIONS_READ; offset += PAGE) {
    const { organisations } = await registry.listOrganisations({ offset, limit: PAGE });
    for (const organisation of organisations.filter((o) => o.activation.expired > 0)) {
      const expired = (await registry.listUsers(organisation.id)).filter((user) => isWaiting(user, resent));
      for (const user of expired) {
        items.push({
          key: `activation:${user.id}`,
          source: 'activation',
          since: Date.parse(user.activationStateAt),
          who: organisation.name,
          reasons: [`${user.firstName} ${user.lastName}'s activation link expired before they used it`],
          link: { href: `/staff/organisations/${organisation.id}`, text: organisation.name },
          actions: [{ kind: 'resend-activation', userId: user.id }],
        });
      }
    }
    if (organisations.length < PAGE) break;
  }
  return items;
}

function isWaiting(user: UserRecord, resent: ReadonlyMap<string, number>): boolean {
  return user.activationState === 'expired' && (resent.get(user.id) ?? 0) < Date.parse(user.activationStateAt);
}
