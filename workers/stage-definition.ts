import type { Payload, Stage, StagesRunIn } from '../src/queues.js';
import type { FilingDeps } from './filing/handler.js';
import type { PipelineDeps } from './pipeline.js';
import type { SentCopyDeps } from './sent-copy/handler.js';
import type { ShellOptions, StageSpec } from './shell.js';

/** What the mailbox stages are given by the watcher role, whose IMAP connection they use. */
export interface MailboxStageDeps {
  filing: FilingDeps;
  sentCopy: SentCopyDeps;
}

/** What a stage's handler is built from: the worker role's shared stores and senders, or the watcher's mailbox. */
export type StageDeps<S extends Stage> = S extends StagesRunIn<'watcher'> ? MailboxStageDeps : PipelineDeps;

export type BuiltStage<S extends Stage> = StageSpec<Payload<S>> & { options?: Partial<ShellOptions> };

/** A stage's `stage.ts` exports one of these as its default: the role finds it by the stage's name. */
export interface StageDefinition<S extends Stage> {
  stage: S;
  build: (deps: StageDeps<S>) => BuiltStage<S>;
}

/** Declares the handler of one catalogue stage, typed by that stage's payload. */
export function defineStage<S extends Stage>(stage: S, build: (deps: StageDeps<S>) => BuiltStage<S>): StageDefinition<S> {
  return { stage, build };
}
