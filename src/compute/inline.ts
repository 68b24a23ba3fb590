// The executor on this thread: the model runs here, its slices checked against the shared flag.
// For tests, a pool of one where threads are not wanted, and the pool workers themselves.
import { computeBaselines } from '../core/baselines/index';
import { runModelOf } from '../core/lab';
import { sliceRun } from '../shared/runSlice';
import { stopWhen, type CancelToken } from './cancel';
import { nodeEngine } from './engines';
import type { GemmThreads } from '../core/linalg/wasm/gemmTeam';
import type { OffThread } from '../core/results/offThread';
import { NotRun, recordStreamer, type Executor, type ModelTask, type TaskHooks } from './executor';
import { ComputePool } from './pool';

/**
 * Runs one model task on this thread (what a pool worker does with a task it is sent); `team`:
 * helper threads for its products; `offThread`: a spare thread for part of each record (ended here).
 */
export async function runModelHere(task: ModelTask, hooks: TaskHooks, flag: Int32Array, signal?: AbortSignal, team?: GemmThreads, offThread?: OffThread) {
  const stream = recordStreamer((from, slice) => hooks.onRecords?.(from, slice), sliceRun);
  try {
    const run = await runModelOf(task.input, task.modelIndex, nodeEngine(task.engine, team), {
      signal,
      shouldStop: stopWhen(flag),
      onRecord: hooks.onRecords ? (_, r) => stream.onRecord(r) : undefined,
      onProgress: hooks.onProgress,
      offThread,
    });
    if (hooks.onRecords) stream.flush(run);
    return run;
  } finally {
    offThread?.dispose();
  }
}

export function inlineExecutor(): Executor {
  return {
    concurrency: 1,
    runModel: async (task, hooks, cancel) => {
      if (cancel.cancelled) throw new NotRun();
      return runModelHere(task, hooks, cancel.flag, cancel.signal);
    },
    solveBaselines: async (input, cancel: CancelToken) => (cancel.cancelled ? {} : computeBaselines(input.experiment, input.problem, cancel.signal)),
    dispose() {},
  };
}

/**
 * The executor for a thread budget: this thread for one, else a pool of worker threads, `prestart`
 * of them started at once (a CLI run starts them before it prepares the experiment).
 */
export function nodeExecutor(threads: number, prestart = 0): Executor {
  if (threads <= 1) return inlineExecutor();
  const pool = new ComputePool(threads);
  pool.prestart(prestart);
  return pool;
}
