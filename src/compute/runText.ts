// The job layer in one call, for scripts and tests: run an experiment's text to its results.
import type { DataIO, ProblemCache } from '../core/data/index';
import type { Results } from '../core/types';
import { createCancel } from './cancel';
import { nodeExecutor } from './inline';
import { runJob, type JobHooks, type JobRequest } from './job';
import type { RunSettings } from './settings';
import { threadBudget } from './threads';

export interface RunTextOptions {
  io: DataIO;
  cache?: ProblemCache;
  settings?: RunSettings;
  out?: string | null;
  signal?: AbortSignal;
  hooks?: JobHooks;
  pickEngine?: JobRequest['pickEngine'];
}

/** Runs the text through the job layer (threads: settings.threads, default the machine's); throws when the file is refused. */
export async function runText(text: string, options: RunTextOptions): Promise<Results> {
  const executor = nodeExecutor(threadBudget(options.settings?.threads));
  try {
    const outcome = await runJob(
      { text, io: options.io, cache: options.cache, settings: options.settings, out: options.out ?? null, pickEngine: options.pickEngine },
      executor,
      createCancel(options.signal),
      options.hooks,
    );
    if (outcome.refused || !outcome.results) {
      const first = outcome.prepared.diagnostics.find((d) => d.severity === 'error');
      throw new Error(`the experiment cannot run: ${first ? `${first.code} at ${first.path}: ${first.message}` : 'refused'}`);
    }
    return outcome.results;
  } finally {
    executor.dispose();
  }
}
