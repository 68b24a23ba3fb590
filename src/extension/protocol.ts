// Messages between the extension host and its worker thread (dist/runWorker.js). Pure types.
import type { Progress } from '../core/dynamics/run';
import type { Diagnostic, StopReason } from '../core/types';
import type { FixContext } from './fixes';

export interface CheckRequest {
  type: 'check';
  id: number;
  /** Absolute path of the experiment file (data paths are relative to its folder). */
  path: string;
  text: string;
}

export interface RunRequest {
  type: 'run';
  id: number;
  path: string;
  text: string;
  /** Absolute path of the results file, written atomically after each model and at the end. */
  out: string;
  /** `lnnLab.defaultBackend`: used when the file leaves compute.backend unset. */
  defaultBackend?: string;
  /** `lnnLab.recordLimit`: at most this many records per run (0: no limit). */
  recordLimit?: number;
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
}

export type WorkerRequest = CheckRequest | RunRequest | CancelRequest;

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
}

export interface ProgressReply {
  type: 'progress';
  id: number;
  progress: Progress;
  modelCount: number;
  /** A sweep (spec §2): the value running, its index among `count` values. */
  point?: { index: number; count: number; value: unknown };
}

export interface RunReply {
  type: 'ran';
  id: number;
  out: string | null;
  refused: boolean;
  diagnostics: Diagnostic[];
  engine: string;
  runs: Array<{ label: string; stopReason: StopReason; stoppedAt: number | null; wallMs: number }>;
  /** A sweep: how many of its values finished, of how many. */
  sweep?: { done: number; count: number };
  /** The CLI's plain-text summary of the results. */
  summary: string;
  notes: string[];
}

export interface ErrorReply {
  type: 'error';
  id: number;
  message: string;
}

export type WorkerReply = CheckReply | ProgressReply | RunReply | ErrorReply;
