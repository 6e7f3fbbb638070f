import type { AccountRegistry } from './account-registry.js';
import type { ActivationTokens, IssuedToken } from './activation-tokens.js';

export interface ActivationDeps {
  registry: AccountRegistry;
  tokens: ActivationTokens;
}

/** What the activation page shows. Only the first name and organisation: the link may have been forwarded. */
export type ActivationView =
  { status: 'ready'; firstName: string; organisationName: string; expiresAt: Date } | { status: 'already-activated' | 'expired' | 'replaced' | 'not-found' };

export type ActivationResult = { status: 'activated'; userId: string } | { status: 'already-activated' | 'expired' | 'replaced' | 'not-found' };

/** GET: looks at the link without spending it. */
export async function viewActivation(token: string, { registry, tokens }: ActivationDeps): Promise<ActivationView> {
  const found = await tokens.lookup(token);
  if (found.status === 'unknown') return { status: 'not-found' };
  if (found.status === 'used') return { status: 'already-activated' };
  if (found.status !== 'valid') return { status: found.status };
  const user = await registry.getUser(found.userId);
  if (!user) return { status: 'not-found' };
  if (user.activationState === 'activated') return { status: 'already-activated' };
  const organisation = await registry.getOrganisation(user.organisationId);
  return { status: 'ready', firstName: user.firstName, organisationName: organisation?.name ?? '', expiresAt: found.expiresAt };
}

/**
 * POST: spends the link and marks the account activated. If the process dies between the two, the next POST
 * of the same link finds it spent and finishes marking the account, so no activation is lost.
 */
export async function activate(token: string, { registry, tokens }: ActivationDeps): Promise<ActivationResult> {
  const spent = await tokens.consume(token);
  if (spent.status === 'unknown') return { status: 'not-found' };
  if (spent.status === 'expired' || spent.status === 'replaced') return { status: spent.status };
  const { changed, user } = await registry.setActivationState(spent.userId, 'activated');
  if (!user) return { status: 'not-found' };
  return spent.status === 'activated' || changed ? { status: 'activated', userId: user.id } : { status: 'already-activated' };
}

/**
 * A link for the activation email; `fresh` (staff re-sending) stops every earlier link. Returns null for a
 * user who is gone or already activated. Mark the user `invited` once the email has been sent.
 */
export async function linkFor(userId: string, { registry, tokens }: ActivationDeps, fresh = false): Promise<IssuedToken | null> {
  const user = await registry.getUser(userId);
  if (!user || user.activationState === 'activated') return null;
  return fresh ? tokens.reissue(userId) : tokens.issue(userId);
}

/**
 * Day 28 and after: accounts whose links ran out unused show as expired. The account is marked before its
 * links are cleared, so a crash in between leaves the user due and the next sweep finishes the job.
 */
export async function expireDue({ registry, tokens }: ActivationDeps, limit = 100): Promise<string[]> {
  const expired: string[] = [];
  for (const userId of await tokens.dueExpiries(limit)) {
    const before = await registry.getUser(userId);
    if (!before || before.activationState === 'activated') {
      await tokens.expire(userId);
      continue;
    }
    const { changed } = await registry.setActivationState(userId, 'expired');
    if (await tokens.expire(userId)) {
      if (changed) expired.push(userId);
    } else if (changed) {
      // Staff sent a fresh link in the meantime: the account is not expired after all.
      await registry.setActivationState(userId, before.activationState);
    }
  }
  return expired;
}
