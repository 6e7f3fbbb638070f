import type { Finding, LegacyFinding } from '../findings.js';
import { renderFinding } from '../messages/render-finding.js';

/** A finding as it read when findings carried their English text: tests compare that text word for word. */
export function englishFinding(finding: Finding): LegacyFinding {
  const { params: _params, inCsv: _inCsv, ...place } = finding;
  const { message, suggestion } = renderFinding(finding, 'en');
  return { ...place, message, suggestion };
}

/** A form check's result with each finding in its English words. */
export function inEnglish<T extends { findings: Finding[] }>(result: T): Omit<T, 'findings'> & { findings: LegacyFinding[] } {
  return { ...result, findings: result.findings.map(englishFinding) };
}
