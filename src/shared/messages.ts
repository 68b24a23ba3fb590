// The one typed union of messages between the extension host (src/extension/panel.ts, and the
// report page's stand-in) and the lab webview (src/webview/main.ts), and, at the end, between the
// webview's page and its compute worker. Pure types: no runtime code.
import type { Progress } from '../core/dynamics/run';
import type { Diagnostic, Results, RunResult } from '../core/types';
import type { FieldChange } from './experimentDiff';
import type { Wire } from './wire';

/** Where what the panel shows came from: an experiment it ran, or a results file it opened. */
export interface SourceInfo {
  kind: 'experiment' | 'results';
  /** Absolute path (the serializer reopens it). */
  path: string;
  /** Short name for legends and titles. */
  name: string;
}

/** Which engine a run got, and on which side of the message channel it computes. */
export interface EngineInfo {
  backend: RunResult['backend'];
  precision: RunResult['precision'];
  reason: string;
  side: 'webview' | 'host';
}

/** What the webview found out about WebGL (tfjs webgl backend, float32 render targets). */
export interface WebglProbe {
  ok: boolean;
  /** Why not, or the renderer string. */
  detail: string;
}

// ---------------------------------------------------------------- host → webview

/** Show results (a file, or a finished run); `overlay` adds them beside what is shown, to compare. */
export interface ShowResultsMessage {
  type: 'showResults';
  source: SourceInfo;
  results: Results;
  overlay?: boolean;
  /** Where they were saved, when a run just wrote them. */
  savedTo?: string;
  /** A live preview of the editor's text (live mode): drawn, not saved — the panel offers Keep. */
  preview?: boolean;
}

/** A run is starting: theory card and empty charts (results with no runs yet), filled live by `records`. */
export interface RunStartMessage {
  type: 'runStart';
  jobId: number;
  source: SourceInfo;
  /** The results before any run (core buildResults with runs: []); null when the file was refused early. */
  results: Results | null;
  /** Every diagnostic of the file (spec §3). */
  diagnostics: Diagnostic[];
  engine: EngineInfo | null;
  /** The file has errors that prevent a run (spec §3): diagnostics only. */
  refused: boolean;
  /** A live preview of the editor's text (live mode): the previous run stays ghosted until it finishes. */
  preview?: boolean;
}

/** Live points from a host-side run: the records of model `modelIndex` from index `from` on. */
export interface RecordsMessage {
  type: 'records';
  jobId: number;
  modelIndex: number;
  from: number;
  run: RunResult;
}

/**
 * A sweep (spec §2 `sweep`) being run: its points so far, and the value now running — when that
 * changes, the live runs restart (records of the new value follow from index 0, from the host's
 * `records` or from the webview's own compute).
 */
export interface SweepMessage {
  type: 'sweep';
  jobId: number;
  sweep: NonNullable<Results['sweep']>;
  /** The index in sweep.values of the value now running; null once the sweep has ended. */
  running: number | null;
  /** The engine from here on, when it changed (WebGL failed: the host computes the rest). */
  engine?: EngineInfo;
}

export interface ProgressMessage {
  type: 'progress';
  jobId: number;
  progress: Progress;
}

/**
 * Run these models here (float32, tfjs WebGL) and post back `computed`. Only the models: the
 * baselines (seconds of ADMM) are solved in the host's compute pool, never in the page.
 */
export interface ComputeMessage {
  type: 'compute';
  jobId: number;
  /** core/lab.ts `PackedModels` (experiment, problem, theory without its lazy U), typed arrays encoded (shared/wire.ts). */
  input: Wire;
}

export interface StatusMessage {
  type: 'status';
  level: 'info' | 'warning' | 'error';
  text: string;
  /** What is shown no longer matches the file (an edit not previewed): the panel marks it out of date, with Run. */
  stale?: boolean;
}

/** One finished results file the history kept (.lnn-lab/history/NAME/, src/compute/claim.ts). */
export interface HistoryEntry {
  /** Absolute path of the kept results file (the page may ask to compare it: compareHistory). */
  file: string;
  /** When those results were made (their createdAt, else the file's time), ISO 8601. */
  time: string;
  /** The experiment's fields that differ from the results shown now (from: the kept run's, to: now). */
  changed: FieldChange[];
  complete: boolean | null;
}

/** The history of the experiment shown, newest first. */
export interface HistoryMessage {
  type: 'history';
  /** The experiment file whose results these replaced. */
  experiment: string;
  entries: HistoryEntry[];
}

/** Live mode's setting (lnnLab.liveMode) for the shown file: the panel's live toggle shows it. */
export interface LiveMessage {
  type: 'live';
  on: boolean;
}

export interface CancelComputeMessage {
  type: 'cancelCompute';
  jobId: number;
}

export type ToWebview =
  | ShowResultsMessage
  | RunStartMessage
  | RecordsMessage
  | SweepMessage
  | ProgressMessage
  | ComputeMessage
  | StatusMessage
  | LiveMessage
  | HistoryMessage
  | CancelComputeMessage;

// ---------------------------------------------------------------- webview → host

export interface ReadyMessage {
  type: 'ready';
  webgl: WebglProbe;
}

/** The runs of a webview compute so far: after each model (`final` false, for incremental saving) and at the end. */
export interface ComputedMessage {
  type: 'computed';
  jobId: number;
  runs: RunResult[];
  final: boolean;
}

/** The webview could not compute (WebGL missing or failed): the host computes instead. */
export interface ComputeFailedMessage {
  type: 'computeFailed';
  jobId: number;
  reason: string;
}

/** Save these bytes to a file the user picks. */
export interface ExportMessage {
  type: 'export';
  /** Suggested file name, e.g. "gbl-fig1-staircase.png". */
  fileName: string;
  /** Base64 of the bytes. */
  base64: string;
}

export interface CommandMessage {
  type: 'command';
  /** keep: save the live preview shown (through the job layer's claim); liveOn/liveOff: set lnnLab.liveMode; exportReport: the offline HTML page of what is shown. */
  command: 'rerun' | 'cancel' | 'compare' | 'openResults' | 'keep' | 'liveOn' | 'liveOff' | 'exportReport';
}

/** A slider let go: set the number at `path` (a JSON pointer into the experiment file) — one undoable edit of the file. */
export interface EditMessage {
  type: 'edit';
  /** e.g. "/optimizer/stepSize", "/data/spectrum/2". */
  path: string;
  value: number;
}

/** Overlay a history entry the host listed (its `file`; anything else is refused). */
export interface CompareHistoryMessage {
  type: 'compareHistory';
  file: string;
}

export type FromWebview = ReadyMessage | ComputedMessage | ComputeFailedMessage | ExportMessage | CommandMessage | EditMessage | CompareHistoryMessage;

/** What the webview keeps in vscode.setState: the serializer reopens from it. */
export interface PanelState {
  sources: SourceInfo[];
}

// ---------------------------------------------------------------- webview page ↔ compute worker
// Inside the webview: the page (src/webview/computeClient.ts) starts the compute worker
// (src/webview/computeWorker.ts) from a Blob URL and they exchange these, by structured clone.
// The worker runs tfjs WebGL on an OffscreenCanvas; the page only draws and routes.

/** page → worker: run the models of a host's `compute` (its input passed on undecoded). */
export interface WorkerComputeMessage {
  type: 'compute';
  jobId: number;
  /** core/lab.ts `PackedModels`, wire-encoded (shared/wire.ts), as the host sent it. */
  input: Wire;
}

/** page → worker: stop the job at the engine's next advance (the page terminates the worker if no answer comes within ~100 ms). */
export interface WorkerCancelMessage {
  type: 'cancel';
  jobId: number;
}

export type ToComputeWorker = WorkerComputeMessage | WorkerCancelMessage;

/** worker → page, once when it starts: whether tfjs WebGL initialises in the worker (the WebGL that computes). */
export interface WorkerProbedMessage {
  type: 'probed';
  webgl: WebglProbe;
}

/** worker → page: the records of model `modelIndex` from index `from` on (shared/runSlice.ts sliceRun), at most about every 50 ms. */
export interface WorkerRecordsMessage {
  type: 'records';
  jobId: number;
  modelIndex: number;
  from: number;
  run: RunResult;
  /** When the worker posted it (ms since the epoch: performance.timeOrigin + now). */
  postedAt: number;
}

export interface WorkerProgressMessage {
  type: 'progress';
  jobId: number;
  progress: Progress;
  postedAt: number;
}

/** worker → page: model `modelIndex` ended (completed, stopped, diverged or cancelled): its whole run. */
export interface WorkerModelDoneMessage {
  type: 'modelDone';
  jobId: number;
  modelIndex: number;
  run: RunResult;
}

/** worker → page: the job ended; its runs are those of the `modelDone` messages before it. */
export interface WorkerDoneMessage {
  type: 'done';
  jobId: number;
}

export interface WorkerFailedMessage {
  type: 'failed';
  jobId: number;
  reason: string;
}

export type FromComputeWorker = WorkerProbedMessage | WorkerRecordsMessage | WorkerProgressMessage | WorkerModelDoneMessage | WorkerDoneMessage | WorkerFailedMessage;
