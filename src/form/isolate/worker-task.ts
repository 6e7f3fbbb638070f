import type { AnnotateOptions } from '../annotate/shown-finding.js';
import type { StoredFinding } from '../findings.js';
import type { FormResult } from '../check-form.js';

/** Messages between the service and the worker that reads an untrusted file. */
export type WorkerTask =
  | { kind: 'check'; filename: string; content: Uint8Array; now: string }
  | { kind: 'annotate'; filename: string; content: Uint8Array; findings: StoredFinding[]; options: AnnotateOptions }
  | { kind: 'limits'; content: Uint8Array };

export type WorkerReply =
  | { kind: 'check'; result: FormResult }
  | { kind: 'annotate'; file: { filename: string; content: Uint8Array } | null }
  | { kind: 'limits'; resourceLimits: object }
  | { kind: 'failed'; message: string };
