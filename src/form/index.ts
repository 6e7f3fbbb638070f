// The form's public face. Everything that reads a sender's file runs in a worker under memory and time limits.
import { unreadable, type FormInput, type FormResult } from './check-form.js';
import type { AnnotateOptions } from './annotate/shown-finding.js';
import { hasErrors, type Finding, type FindingCode, type LegacyFinding, type Severity, type StoredFinding } from './findings.js';
import { FORM_VERSION, LIMITS } from './form-schema.js';
import { runIsolated } from './isolate/run-isolated.js';
import { UnreadableFileError } from './read/read-errors.js';
import type { Registration } from './registration.js';
import { TEMPLATE_PATHS, WELSH_TEMPLATE_PATHS } from './template/template-paths.js';

export type { AnnotateOptions, Finding, FindingCode, FormResult, LegacyFinding, Registration, Severity, StoredFinding };
export type { Language } from './messages/catalogue.js';
export { FORM_VERSION, TEMPLATE_PATHS, WELSH_TEMPLATE_PATHS };
export { checkForm } from './check-form.js';
export { describeFinding, renderFinding, type RenderedFinding, type RenderOptions } from './messages/render-finding.js';
export { prewarmWorkers as startFormWorkers, stopIdleWorkers as stopFormWorkers } from './isolate/run-isolated.js';

export async function validateForm(input: FormInput, options: { now?: Date; timeoutMs?: number } = {}): Promise<FormResult> {
  try {
    if (input.content.length === 0) return unreadable(new UnreadableFileError('FILE_EMPTY', 'no bytes'));
    if (input.content.length > LIMITS.maxFileBytes) return unreadable(new UnreadableFileError('FILE_TOO_LARGE', 'too large'));
    const now = (options.now ?? new Date()).toISOString();
    const outcome = await runIsolated({ kind: 'check', filename: input.filename, content: input.content, now }, options.timeoutMs);
    if (outcome.ok && outcome.reply.kind === 'check') {
      const result = outcome.reply.result;
      return { ...result, valid: result.readable && !hasErrors(result.findings) };
    }
    const code =
      !outcome.ok && outcome.reason === 'timeout' ? 'FILE_TIMEOUT' : !outcome.ok && outcome.reason === 'memory' ? 'FILE_TOO_COMPLEX' : 'FILE_CHECK_FAILED';
    return unreadable(new UnreadableFileError(code, outcome.ok ? 'unexpected reply' : outcome.message));
  } catch (error) {
    return unreadable(new UnreadableFileError('FILE_CHECK_FAILED', String(error)));
  }
}

/** A copy of the sender's file with the problems marked, in `options.language`; null when there is nothing sensible to mark. */
export async function annotateForm(
  input: FormInput,
  findings: readonly StoredFinding[],
  options: AnnotateOptions = {},
): Promise<{ filename: string; content: Buffer } | null> {
  try {
    if (input.content.length === 0 || input.content.length > LIMITS.maxFileBytes) return null;
    const outcome = await runIsolated({ kind: 'annotate', filename: input.filename, content: input.content, findings: [...findings], options });
    if (!outcome.ok || outcome.reply.kind !== 'annotate' || !outcome.reply.file) return null;
    return { filename: outcome.reply.file.filename, content: Buffer.from(outcome.reply.file.content) };
  } catch {
    return null;
  }
}
