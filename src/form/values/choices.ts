import { closestMatch, normaliseKey } from '../text.js';
import type { Choice } from '../form-schema.js';

/** `exact`: the input is the label itself, not one of its aliases. */
export type ChoiceMatch<T extends string> = { value: T; label: string; exact: boolean } | { value: null; nearest: Choice<T> | null };

/** Exact label or alias, ignoring case and punctuation; otherwise the nearest choice for "did you mean". */
export function matchChoice<T extends string>(input: string, choices: readonly Choice<T>[]): ChoiceMatch<T> {
  const key = normaliseKey(input);
  const found = choices.find((c) => [c.label, c.labelCy, ...c.aliases].some((name) => normaliseKey(name) === key));
  if (found) return { value: found.value, label: found.label, exact: [found.label, found.labelCy].some((label) => normaliseKey(label) === key) };
  return { value: null, nearest: closestMatch(input, choices, (c) => [c.label, c.labelCy, ...c.aliases], 0.6) };
}

/** "Advocate; Organisation administrator", "advocate and admin" or "Eiriolwr a Staff cymorth" → the separate role names. */
export function splitList(input: string): string[] {
  return input
    .split(/[,;/&+\n|]| and | ac? /i)
    .map((part) => part.trim())
    .filter(Boolean);
}
