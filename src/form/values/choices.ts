import { closestMatch, normaliseKey } from '../text.js';
import type { Choice } from '../form-schema.js';

/** `exact`: the input is the label itself, not one of its aliases. */
export type ChoiceMatch<T extends string> = { value: T; label: string; exact: boolean } | { value: null; nearest: Choice<T> | null };

type ChoiceIndex = Map<string, { choice: Choice<string>; exact: boolean }>;
const indexes = new WeakMap<readonly Choice<string>[], ChoiceIndex>();

/**
 * Each normalised label and alias of a list of choices, made once per list: a form of 200 users asks for a role
 * hundreds of times. The first choice to use a name keeps it, as a search in list order would find it.
 */
function indexOf(choices: readonly Choice<string>[]): ChoiceIndex {
  let index = indexes.get(choices);
  if (index) return index;
  index = new Map();
  for (const choice of choices) {
    const labels = [choice.label, choice.labelCy].map(normaliseKey);
    for (const key of [...labels, ...choice.aliases.map(normaliseKey)]) {
      if (!index.has(key)) index.set(key, { choice, exact: labels.includes(key) });
    }
  }
  indexes.set(choices, index);
  return index;
}

/** Exact label or alias, ignoring case and punctuation; otherwise the nearest choice for "did you mean". */
export function matchChoice<T extends string>(input: string, choices: readonly Choice<T>[]): ChoiceMatch<T> {
  const found = indexOf(choices).get(normaliseKey(input));
  if (found) return { value: found.choice.value as T, label: found.choice.label, exact: found.exact };
  return { value: null, nearest: closestMatch(input, choices, (c) => [c.label, c.labelCy, ...c.aliases], 0.6) };
}

/** "Advocate; Organisation administrator", "advocate and admin" or "Eiriolwr a Staff cymorth" → the separate role names. */
export function splitList(input: string): string[] {
  return input
    .split(/[,;/&+\n|]| and | ac? /i)
    .map((part) => part.trim())
    .filter(Boolean);
}
