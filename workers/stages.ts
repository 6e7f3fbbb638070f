import type { Worker } from 'bullmq';
import { CATALOGUE, type Stage, type StagesRunIn } from '../src/queues.js';
import { startStageWorkers as startInShell, type ShellOptions, type StageHandlers } from './shell.js';
import type { StageDefinition, StageDeps } from './stage-definition.js';

type Role = 'worker' | 'watcher';

/** The catalogue's stages that the given role runs. */
export function stagesOf<R extends Role>(role: R): StagesRunIn<R>[] {
  return (Object.keys(CATALOGUE) as Stage[]).filter((stage): stage is StagesRunIn<R> => CATALOGUE[stage].runsIn === role);
}

/**
 * Finds each stage's handler by its name: `workers/<stage>/stage.ts`, whose default export is `defineStage(<stage>, …)`.
 * Adding a stage is then its catalogue entry and its folder; a folder missing or naming another stage stops the
 * role at start-up, before it takes any job.
 */
export async function loadStage<S extends Stage>(stage: S): Promise<StageDefinition<S>> {
  // Not a pattern for the bundler to expand: the folder is found at run time, in dist/ as under the test runner.
  const found = ((await import(/* @vite-ignore */ `./${stage}/stage.js`)) as { default?: StageDefinition<Stage> }).default;
  if (found?.stage !== stage) throw new Error(`workers/${stage}/stage.ts must export defineStage('${stage}', …) as its default`);
  return found as StageDefinition<S>;
}

/** Builds the handler of every stage the role runs, from its folder. */
export async function loadStageHandlers<R extends Role>(role: R, deps: StageDeps<StagesRunIn<R>>): Promise<StageHandlers<StagesRunIn<R>>> {
  const built = await Promise.all(
    stagesOf(role).map(async (stage) => {
      const definition = (await loadStage(stage)) as unknown as StageDefinition<StagesRunIn<R>>;
      return [stage, definition.build(deps)] as const;
    }),
  );
  return Object.fromEntries(built) as unknown as StageHandlers<StagesRunIn<R>>;
}

/** Starts a worker, in the shell, for every stage the role runs. */
export async function startRoleStages<R extends Role>(role: R, deps: StageDeps<StagesRunIn<R>>, options: ShellOptions): Promise<Worker[]> {
  return startInShell(await loadStageHandlers(role, deps), options);
}
