import { TABS, type InputTab } from './form-schema.js';
import { normaliseKey, similarity } from './text.js';

const KEYS: Record<InputTab, { exact: string; words: RegExp }> = {
  [TABS.organisation]: { exact: normaliseKey(TABS.organisation), words: /\b(organisation|org|firm|chambers)\b/ },
  [TABS.users]: { exact: normaliseKey(TABS.users), words: /\busers?\b/ },
};

/** How well a tab's name fits an input tab: 1 exact, 0.9 by key word, else by spelling; 0 when unrelated. */
export function tabScore(name: string, tab: InputTab): number {
  const key = normaliseKey(name);
  const { exact, words } = KEYS[tab];
  if (key === exact) return 1;
  const other = tab === TABS.users ? TABS.organisation : TABS.users;
  if (words.test(key) && !KEYS[other].words.test(key)) return 0.9;
  const score = similarity(key, exact);
  return score >= 0.7 ? score : 0;
}

/** Picks the sender's tab for each input tab, tolerating en-dashes, case, spacing and small renames. */
export function identifyTabs(names: readonly string[]): Record<InputTab, string | null> {
  const pick = (tab: InputTab): string | null => {
    let best: { name: string; score: number } | null = null;
    for (const name of names) {
      const score = tabScore(name, tab);
      if (score > 0 && (!best || score > best.score)) best = { name, score };
    }
    return best?.name ?? null;
  };
  return { [TABS.organisation]: pick(TABS.organisation), [TABS.users]: pick(TABS.users) } as Record<InputTab, string | null>;
}
