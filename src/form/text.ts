/** Text helpers shared by the readers, the rules and the court list. */

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
// Zero-width characters and bidi controls can hide text or reorder it in a reply, so they are dropped.
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
// ZWNJ and ZWJ shape letters in Arabic, Persian and Indic scripts (a Persian surname may need one), so between
// two letters of such a script they are part of the name; beside Latin, Greek or Cyrillic they only hide text.
const SHAPING_JOINER = /(?<=[\p{L}\p{M}])(?<![\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}])[\u200C\u200D](?=\p{L})(?![\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}])/uy;
// Vertical tab and form feed are left to count as spaces: Word's line break (Shift+Enter) pastes as a vertical tab.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed from form text
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

function isShapingJoiner(text: string, at: number): boolean {
  SHAPING_JOINER.lastIndex = at;
  return SHAPING_JOINER.test(text);
}

export function cleanText(value: string): string {
  return value
    .replace(INVISIBLE, (character, at: number, text: string) => (isShapingJoiner(text, at) ? character : ''))
    .replace(/\u00AD/g, '')
    .replace(CONTROL, '')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .trim();
}

/** Invisible, direction-changing or control characters; the soft hyphen is not one, as word processors paste it in harmlessly. */
export function hasHiddenCharacters(value: string): boolean {
  return value.search(CONTROL) !== -1 || [...value.matchAll(INVISIBLE)].some((found) => !isShapingJoiner(value, found.index));
}

/** A comparison key for labels and names: case, dashes, quotes, punctuation and spacing do not matter. */
export function normaliseKey(value: string): string {
  return cleanText(value)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(DASHES, '-')
    .replace(/[\u2018\u2019\u201A\u201B\u2032`]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/organization/g, 'organisation')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Levenshtein distance, over two rows of typed integers: tab names and court names are compared this way on every form. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return a.length + b.length;
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (code === b.charCodeAt(j - 1) ? 0 : 1);
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      current[j] = substitution < deletion ? (substitution < insertion ? substitution : insertion) : deletion < insertion ? deletion : insertion;
    }
    const done = previous;
    previous = current;
    current = done;
  }
  return previous[b.length]!;
}

/** 1 for equal strings, towards 0 as they differ; relative to length so short words need closer matches. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - editDistance(a, b) / longest;
}

export function closestMatch<T>(input: string, candidates: readonly T[], keyOf: (c: T) => string[], threshold: number): T | null {
  const key = normaliseKey(input);
  let best: { candidate: T; score: number } | null = null;
  for (const candidate of candidates) {
    for (const other of keyOf(candidate)) {
      const score = similarity(key, normaliseKey(other));
      if (score >= threshold && (!best || score > best.score)) best = { candidate, score };
    }
  }
  return best?.candidate ?? null;
}

// Replies are HTML-escaped by the mail templates; quoting keeps sender text from hiding, reordering or flooding a message.
export function quote(value: string, max = 40): string {
  const oneLine = cleanText(value).replace(/\s+/g, ' ');
  const short = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
  return `"${short.replace(/"/g, "'")}"`;
}
