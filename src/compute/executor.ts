// Where a job's work runs: one model of one prepared experiment, or its baselines. The job layer
// (job.ts) hands tasks to an executor and assembles what comes back in the file's order; the
// executors are this thread (inline.ts), a pool of worker threads (pool.ts), or a shell's own
// (the lab panel's WebGL, in the extension).
import type { Progress } from '../core/dynamics/run';
import type { EnginePick } from '../core/dynamics/select';
import type { ModelsInput } from '../core/lab';
import type { Results, RunResult } from '../core/types';
import type { CancelToken } from './cancel';

export interface ModelTask {
  input: ModelsInput;
  modelIndex: number;
  engine: EnginePick;
}

export interface TaskHooks {
  /** The records of the run from index `from` on (a slice, shared/runSlice.ts), at most every ~100 ms. */
  onRecords?: (from: number, slice: RunResult) => void;
  onProgress?: (p: Progress) => void;
}

export interface Executor {
  /** How many tasks it runs at once. */
  readonly concurrency: number;
  /** Runs the model; a cancel ends it with what it recorded (stopReason "cancelled"). */
  runModel(task: ModelTask, hooks: TaskHooks, cancel: CancelToken): Promise<RunResult>;
  /** The baselines the experiment asks for (completion: ACHL's nuclear-norm program); a cancelled one is left out. */
  solveBaselines(input: ModelsInput, cancel: CancelToken): Promise<Results['baselines']>;
  dispose(): void;
}

/** Thrown for a task cancelled before it started: nothing was run, nothing recorded. */
export class NotRun extends Error {
  constructor() {
    super('cancelled before it started');
  }
}

/** How often records and progress cross from a running model (ms). */
export const STREAM_EVERY_MS = 100;

/**
 * Throttled streaming of a growing run: `onRecord` after each record, `flush` at the end. Sends
 * the records since the last send as a slice (shared/runSlice.ts), at most every STREAM_EVERY_MS.
 */
export function recordStreamer(send: (from: number, slice: RunResult) => void, slice: (run: RunResult, from: number) => RunResult) {
  let sent = 0;
  let last = 0;
  const flush = (run: RunResult) => {
    if (run.steps.length <= sent) return;
    send(sent, slice(run, sent));
    sent = run.steps.length;
  };
  return {
    onRecord: (run: RunResult) => {
      const t = Date.now();
      if (t - last < STREAM_EVERY_MS) return;
      last = t;
      flush(run);
    },
    flush,
  };
}
