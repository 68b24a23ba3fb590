// Messages between the extension host's main thread and its worker (dist/runWorker.js), which
// checks files and runs every job (src/compute/job.ts) — the Run command's and Open Lab's — so
// the main thread only routes. Pure types.
import type { JobProgress } from '../compute/job';
import type { RunSettings } from '../compute/settings';
import type { PackedModels } from '../core/lab';
import type { Diagnostic, Results, RunResult, StopReason } from '../core/types';
import type { EngineInfo, WebglProbe } from '../shared/messages';
import type { FixContext } from './fixes';
import type { FieldFacts } from './hoverFacts';

export interface CheckRequest {
  type: 'check';
  id: number;
  /** Absolute path of the experiment file (data paths are relative to its folder). */
  path: string;
  text: string;
  /**
   * Restricted Mode (an untrusted workspace): validate the text against the schema only — no data
   * file is read, nothing is computed (issue 12).
   */
  schemaOnly?: boolean;
  /** The memory budget in bytes (lnnLab.memoryBudget; unset: a fraction of the machine's memory, spec §5.7). */
  memoryBudget?: number;
  /** lnnLab.threads: the runs at once the budget counts (unset: one per core). */
  threads?: number;
}

export interface RunRequest {
  type: 'run';
  id: number;
  path: string;
  text: string;
  /** Absolute path of the results file, written atomically after each model and at the end; null: not written (a live preview). */
  out: string | null;
  settings: RunSettings;
  /** Live mode: run only when the job is estimated to finish within `maxSeconds`; else decline (the panel marks itself out of date). */
  preview?: { maxSeconds: number };
  /**
   * Open Lab: stream the run to the panel (started, records, sweep) and, where the panel's WebGL
   * initialised (its probe), let it compute float32 runs (`compute` replies).
   */
  lab?: { webgl: WebglProbe };
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
}

/** The panel's runs of a `compute` so far (after each model) or at its end. */
export interface ComputedRequest {
  type: 'computed';
  id: number;
  compute: number;
  runs: RunResult[];
  final: boolean;
}

export interface ComputeFailedRequest {
  type: 'computeFailed';
  id: number;
  compute: number;
  reason: string;
}

export type WorkerRequest = CheckRequest | RunRequest | CancelRequest | ComputedRequest | ComputeFailedRequest;

/** A diagnostic with what its quick fix needs. */
export interface CheckedDiagnostic extends Diagnostic {
  fix?: FixContext;
}

export interface CheckReply {
  type: 'checked';
  id: number;
  diagnostics: CheckedDiagnostic[];
  refused: boolean;
  /** Absolute paths of the data files the experiment reads (the extension watches them). */
  dataFiles: string[];
  /** This file's numbers per field, for the hovers (hoverFacts.ts); absent in Restricted Mode. */
  facts?: FieldFacts;
}

export interface ProgressReply {
  type: 'progress';
  id: number;
  progress: JobProgress;
}

/** Open Lab: the run starts (theory card, empty charts) or was refused. */
export interface StartedReply {
  type: 'started';
  id: number;
  skeleton: Results | null;
  diagnostics: Diagnostic[];
  refused: boolean;
  engine: EngineInfo | null;
}

/** Open Lab: live records of model `modelIndex` of the point shown, from record `from` on. */
export interface RecordsReply {
  type: 'records';
  id: number;
  modelIndex: number;
  from: number;
  run: RunResult;
}

/** Open Lab: a sweep's finished points and the value now shown; `engine` when it changed. */
export interface SweepReply {
  type: 'sweep';
  id: number;
  sweep: NonNullable<Results['sweep']>;
  running: number | null;
  engine?: EngineInfo;
}

/** Open Lab: run these models in the panel (tfjs WebGL); answer with `computed` / `computeFailed`. */
export interface ComputeReply {
  type: 'compute';
  id: number;
  compute: number;
  input: PackedModels;
}

/** A line for the output channel (Open Lab: also shown in the panel when `warning`). */
export interface LogReply {
  type: 'log';
  id: number;
  text: string;
  level: 'info' | 'warning';
}

export interface RunReply {
  type: 'ran';
  id: number;
  out: string | null;
  refused: boolean;
  cancelled: boolean;
  diagnostics: Diagnostic[];
  engine: string;
  runs: Array<{ label: string; stopReason: StopReason; stoppedAt: number | null; wallMs: number }>;
  /** A sweep: how many of its values finished, of how many. */
  sweep?: { done: number; count: number };
  /** The plain-text summary of the results (core/results/summary.ts). */
  summary: string;
  notes: string[];
  /** Why writing `out` failed (the results then went to the fallback file in `out`, or nowhere). */
  saveError: string | null;
  /** Where the results the file held before were moved (the history). */
  previous: string | null;
  /** A preview declined: the job's estimated seconds (nothing ran). */
  declined?: { estimateSeconds: number };
  /** Open Lab: the results, to show. */
  results?: Results;
}

export interface ErrorReply {
  type: 'error';
  id: number;
  /** A JobError's one line, or an internal error's stack. */
  message: string;
  /** Not a reason the user can act on (anything but a JobError): shown as "internal error <id>". */
  internal: boolean;
}

export type WorkerReply = CheckReply | ProgressReply | StartedReply | RecordsReply | SweepReply | ComputeReply | LogReply | RunReply | ErrorReply;
