import { TABS, type InputTab } from './form-schema.js';
import { WELSH_TABS } from './form-schema-cy.js';
import { normaliseKey, similarity } from './text.js';

// Each input tab by its English and its Welsh name (the Welsh form, cofrestru.xlsx, has the same cells).
const KEYS: Record<InputTab, { exact: string[]; words: RegExp; welsh: RegExp }> = {
  [TABS.organisation]: {
    exact: [normaliseKey(TABS.organisation), normaliseKey(WELSH_TABS.organisation)],
    words: /\b(organisation|org|firm|chambers|sefydliad|cwmni|siambrau)\b/,
    welsh: /\b(sefydliad|cwmni|siambrau)\b/,
  },
  [TABS.users]: {
    exact: [normaliseKey(TABS.users), normaliseKey(WELSH_TABS.users)],
    words: /\b(users?|defnyddwyr|defnyddiwr)\b/,
    welsh: /\b(defnyddwyr|defnyddiwr)\b/,
  },
};

/** How well a tab's name fits an input tab: 1 exact, 0.9 by key word, else by spelling; 0 when unrelated. */
export function tabScore(name: string, tab: InputTab): number {
  const key = normaliseKey(name);
  const { exact, words } = KEYS[tab];
  if (exact.includes(key)) return 1;
  const other = tab === TABS.users ? TABS.organisation : TABS.users;
  if (words.test(key) && !KEYS[other].words.test(key)) return 0.9;
  const score = Math.max(...exact.map((name) => similarity(key, name)));
  return score >= 0.7 ? score : 0;
}

/** A tab named in Welsh: the sender filled in the Welsh form. */
export function isWelshTabName(name: string): boolean {
  const key = normaliseKey(name);
  return Object.values(KEYS).some(({ welsh }) => welsh.test(key));
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
