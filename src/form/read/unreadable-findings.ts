import { makeFinding, NOWHERE, type Finding } from '../findings.js';
import type { UnreadableCode } from './read-errors.js';

/** One specific, helpful finding for a file that could not be read at all (its words: src/form/messages). */
export function unreadableFinding(code: UnreadableCode): Finding {
  return makeFinding('error', code, NOWHERE, {});
}
