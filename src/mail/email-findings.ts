import type { StoredFinding } from '../form/findings.js';
import type { Language } from '../form/messages/catalogue.js';
import { placedFinding } from '../form/messages/render-finding.js';

/**
 * Findings in the words of the firm's email: tab and field named in its language, and every link to the form
 * a full address on `baseUrl`, as only those work in an email.
 */
export function emailFindings(findings: readonly StoredFinding[], language: Language, baseUrl: string) {
  return findings.map((finding) => {
    const { text, ...place } = placedFinding(finding, language, { baseUrl });
    return { ...place, tab: text.tab, field: text.field, message: text.message, problem: text.problem, suggestion: text.suggestion };
  });
}
