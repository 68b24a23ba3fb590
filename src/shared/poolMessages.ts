// The messages between the job layer (src/compute/pool.ts) and its worker threads
// (src/compute/worker.ts, bundled to dist/computeWorker.js). Pure types. Inputs cross as
// core/lab.ts PackedModels by structured clone (typed arrays copied, the lazy basis left behind);
// the cancel flag is shared memory, read between engine slices.
import type { Progress } from '../core/dynamics/run';
import type { EnginePick } from '../core/dynamics/select';
import type { PackedModels } from '../core/lab';
import type { Results, RunResult } from '../core/types';

export interface ModelTaskMessage {
  type: 'model';
  id: number;
  input: PackedModels;
  modelIndex: number;
  engine: EnginePick;
  /** Int32Array over a SharedArrayBuffer: [0] ≠ 0 once cancelled. */
  cancel: Int32Array;
  /** Stream records as slices (live charts; also what is kept if the worker must be stopped). */
  stream: boolean;
  /**
   * The pool's spare threads, lent to this model's large products (src/compute/gemmTeam.ts):
   * `lease` an Int32Array over a SharedArrayBuffer, [0] = threads of the budget no task holds;
   * `maxHelpers` the most it may take at once.
   */
  threads?: { lease: Int32Array; maxHelpers: number };
}

export interface BaselineTaskMessage {
  type: 'baselines';
  id: number;
  input: PackedModels;
  cancel: Int32Array;
}

export type ToPoolWorker = ModelTaskMessage | BaselineTaskMessage;

export type FromPoolWorker =
  | { type: 'records'; id: number; from: number; run: RunResult }
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'ran'; id: number; run: RunResult }
  | { type: 'solved'; id: number; baselines: Results['baselines'] }
  | { type: 'failed'; id: number; message: string };
