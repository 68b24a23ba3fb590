// The job layer: one run of an experiment file, whichever shell asks (the CLI's run, report and
// examples, VS Code's Run command and Open Lab). prepare → settings → engine per point → every
// model of every point (and the baselines) as tasks on an executor, at once up to its concurrency
// → results assembled in the file's order → ordered atomic saves after every task and at the end
// → throttled progress → cancel. Shells adapt its hooks; none computes.
import { wantsNuclearNorm } from '../core/baselines/index';
import type { DataIO, ProblemCache } from '../core/data/index';
import type { CostBudget } from '../core/diagnostics/budget';
import type { Progress } from '../core/dynamics/run';
import type { EnginePick } from '../core/dynamics/select';
import { writeFileAtomic } from '../core/io';
import { modelsOf, prepareExperiment, type ModelsInput, type Prepared } from '../core/lab';
import { buildResults, stampResults } from '../core/results/results';
import { pointLabel, shownValue, sweepDocuments, sweepPoint, sweepResults } from '../core/sweep/points';
import { fieldName } from '../core/experiment/pointer';
import type { Results, RunResult, SweepPoint, SweepSpec } from '../core/types';
import type { CancelToken } from './cancel';
import { NotRun, type Executor } from './executor';
import { pickNodeEngine } from './engines';
import { applyRunSettings, type RunSettings } from './settings';
import { claimResultsFile, type Claim } from './claim';
import { JobError } from './errors';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface JobRequest {
  /** The experiment file's text (the editor's buffer, or the file). */
  text: string;
  io: DataIO;
  cache?: ProblemCache;
  settings?: RunSettings;
  /**
   * The results file, saved atomically and in order after every model and at the end; null:
   * nothing is written. It is claimed before anything is computed (claim.ts: checked, locked,
   * the finished results it replaces moved into the history).
   */
  out: string | null;
  /** The experiment file (so `out` is never the input, and the lock names it). */
  experimentPath?: string;
  /** The engine of a prepared point (default: the Node engines, js / wasm / cpu). */
  pickEngine?: (prepared: Prepared) => EnginePick;
  /**
   * Asked once every point is prepared, before anything runs: false declines the job (live mode
   * declines a run estimated longer than it waits for). Default: every job runs.
   */
  admit?: (points: readonly Prepared[]) => boolean;
}

export interface JobStart {
  prepared: Prepared;
  /** The results before any run (theory, diagnostics; a sweep with no points), null when refused early. */
  skeleton: Results | null;
  refused: boolean;
  engine: EnginePick | null;
  /** What the settings changed, and the sweep's shape: for the log. */
  notes: string[];
  sweep: SweepSpec | null;
  /** Models per point and points (1 without a sweep). */
  modelCount: number;
  pointCount: number;
}

export interface JobProgress {
  /** The sweep point (0 without a sweep) and model of this report. */
  point: number;
  modelIndex: number;
  /** Its progress; the label names the sweep value. */
  progress: Progress;
  /** The whole job's share done, 0…1 (steps done over steps asked, every task alike). */
  fraction: number;
  modelCount: number;
  pointCount: number;
}

export interface JobHooks {
  onStart?: (start: JobStart) => void;
  /** Live records of one model of one point: a slice from record `from` on (shared/runSlice.ts). */
  onRecords?: (point: number, modelIndex: number, from: number, slice: RunResult) => void;
  /** At most every PROGRESS_EVERY_MS per task, and at each task's end. */
  onProgress?: (p: JobProgress) => void;
  /** A model (or a point's baselines) ended. */
  onTaskDone?: (point: number, modelIndex: number | 'baselines', run: RunResult | null) => void;
  /** A sweep's points so far (the finished prefix), and the first point not finished (null once none is left). */
  onSweep?: (sweep: NonNullable<Results['sweep']>, running: number | null) => void;
  /** A save failed (the job goes on; the final save's failure is thrown). */
  onSaveError?: (e: Error) => void;
}

export interface JobOutcome {
  prepared: Prepared;
  refused: boolean;
  results: Results | null;
  out: string | null;
  cancelled: boolean;
  engine: EnginePick | null;
  notes: string[];
  /** Where the final results were written: `out`, or the fallback file when writing `out` failed (null: nowhere). */
  savedTo: string | null;
  /** Why writing `out` failed, in one line. */
  saveError: string | null;
  /** Where the results `out` held before moved (the history), if it held any. */
  previous: string | null;
  /** `admit` declined it: nothing ran, nothing was written. */
  declined: boolean;
}

export const PROGRESS_EVERY_MS = 100;

interface Point {
  value: unknown;
  prepared: Prepared;
  input: ModelsInput;
  engine: EnginePick;
  runs: Array<RunResult | null>;
  baselines: Results['baselines'] | null;
  wantsBaselines: boolean;
  /** Every task ended (not cancelled). */
  finished(): boolean;
}

function pointOf(prepared: Prepared, value: unknown, engine: EnginePick): Point {
  const input = modelsOf(prepared);
  const wants = wantsNuclearNorm(input.experiment, input.problem);
  const point: Point = {
    value,
    prepared,
    input,
    engine,
    runs: input.experiment.models.map(() => null),
    baselines: wants ? null : {},
    wantsBaselines: wants,
    finished: () => point.baselines !== null && point.runs.every((r) => r !== null && r.stopReason !== 'cancelled'),
  };
  return point;
}

/** The results of one point: its runs so far in model order, its baselines once solved. */
function pointResults(p: Point): Results {
  const { experiment, problem, theory } = p.input;
  const runs = p.runs.filter((r): r is RunResult => r !== null);
  return buildResults(experiment, problem, theory, runs, p.prepared.diagnostics, p.baselines ?? {});
}

/** The job's results: the one point's, or the sweep's (its finished prefix of points; the body the last point with runs). */
function assemble(points: Point[], spec: SweepSpec | null): Results {
  if (!spec) return pointResults(points[0]);
  const done: SweepPoint[] = [];
  for (const p of points) {
    if (!p.finished()) break;
    done.push(sweepPoint(p.value, pointResults(p)));
  }
  let main = points.length - 1;
  while (main > 0 && points[main].runs.every((r) => r === null)) main--;
  const others = points.filter((_, i) => i !== main).map((p) => ({ value: p.value, diagnostics: p.prepared.diagnostics }));
  return sweepResults(pointResults(points[main]), spec, done, others);
}

/** Saves in the order asked: a later save never lands before an earlier one; the first moves the previous results into the history. */
function orderedSaver(out: string | null, claim: Claim | null, onError: (e: Error) => void) {
  let chain: Promise<void> = Promise.resolve();
  return {
    save(results: Results, complete: boolean): Promise<void> {
      if (!out) return Promise.resolve();
      const text = JSON.stringify(stampResults(results, complete));
      const write = chain.then(async () => {
        await claim?.keepPrevious();
        await writeFileAtomic(out, text);
      });
      chain = write.catch((e: Error) => onError(e));
      return write;
    },
    idle: () => chain,
  };
}

/**
 * Runs a job to its end (or its cancel); never throws for a refused file (see `refused`). Throws
 * ResultsPathError (one line for the user) when `out` cannot be written, before computing.
 */
export async function runJob(request: JobRequest, executor: Executor, cancel: CancelToken, hooks: JobHooks = {}): Promise<JobOutcome> {
  const claim = request.out ? await claimResultsFile(request.out, request.experimentPath ?? null) : null;
  try {
    const outcome = await runClaimed(request, executor, cancel, hooks, claim);
    return { ...outcome, previous: claim && !outcome.refused && !outcome.declined ? await claim.keepPrevious() : null };
  } finally {
    await claim?.release();
  }
}

async function runClaimed(request: JobRequest, executor: Executor, cancel: CancelToken, hooks: JobHooks, claim: Claim | null): Promise<Omit<JobOutcome, 'previous'>> {
  const declined = { declined: false };
  const settings = request.settings ?? {};
  const pick = request.pickEngine ?? ((p: Prepared) => pickNodeEngine(p.experiment!, p.problem!));
  // a run asked for is not bounded the way a check is: its preparation may take what it takes (spec §5.7)
  const io = forRun(request.io);
  const prepared = await prepareExperiment(request.text, io, request.cache);
  const notes = applyRunSettings(prepared, settings);
  const refusedOutcome = (): Omit<JobOutcome, 'previous'> => ({ prepared, refused: true, results: null, out: null, cancelled: false, engine: null, notes, savedTo: null, saveError: null, ...declined });
  if (prepared.refused || !prepared.experiment || !prepared.problem) {
    const skeleton = prepared.experiment && prepared.problem ? buildResults(prepared.experiment, prepared.problem, prepared.theory, [], prepared.diagnostics) : null;
    hooks.onStart?.({ prepared, skeleton, refused: true, engine: null, notes, sweep: null, modelCount: 0, pointCount: 0 });
    return refusedOutcome();
  }
  const engine = pick(prepared);
  const spec = prepared.experiment.sweep ?? null;
  const points: Point[] = [];
  if (spec) {
    // every value prepared as the file it makes (its own data, defaults, diagnostics), settings laid over it
    const { documents } = sweepDocuments(request.text);
    for (const [i, doc] of documents.entries()) {
      const p = await prepareExperiment(doc, io, request.cache);
      applyRunSettings(p, settings);
      if (p.refused || !p.experiment || !p.problem) {
        const first = p.diagnostics.find((d) => d.severity === 'error');
        throw new JobError(`with ${fieldName(spec.path)} = ${shownValue(spec.values[i])} the experiment cannot run: ${first ? `${first.code} at ${first.path}: ${first.message}` : 'no problem'}`);
      }
      points.push(pointOf(p, spec.values[i], pick(p)));
    }
    notes.push(`sweep over ${spec.path}: ${spec.values.length} values (${spec.values.map(shownValue).join(', ')})`);
  } else points.push(pointOf(prepared, null, engine));

  if (request.admit && !request.admit(points.map((p) => p.prepared))) {
    return { prepared, refused: false, results: null, out: null, cancelled: false, engine, notes, savedTo: null, saveError: null, declined: true };
  }
  const modelCount = prepared.experiment.models.length;
  const skeleton = spec ? { ...assemble(points, spec), runs: [] } : pointResults(points[0]);
  hooks.onStart?.({ prepared, skeleton, refused: false, engine, notes, sweep: spec, modelCount, pointCount: points.length });

  const saver = orderedSaver(request.out, claim, (e) => hooks.onSaveError?.(e));
  const totalSteps = points.reduce((s, p) => s + p.input.experiment.models.length * Math.max(1, p.input.experiment.optimizer.steps), 0);
  const stepsAt = new Map<string, number>();
  let stepsDone = 0;
  const lastReport = new Map<string, number>();
  const report = (pi: number, progress: Progress, force = false) => {
    const key = `${pi}/${progress.modelIndex}`;
    stepsDone += progress.step - (stepsAt.get(key) ?? 0);
    stepsAt.set(key, progress.step);
    const t = Date.now();
    if (!force && t - (lastReport.get(key) ?? 0) < PROGRESS_EVERY_MS) return;
    lastReport.set(key, t);
    const label = spec ? pointLabel(progress.label, spec, points[pi].value) : progress.label;
    hooks.onProgress?.({ point: pi, modelIndex: progress.modelIndex, progress: { ...progress, label }, fraction: Math.min(1, stepsDone / Math.max(1, totalSteps)), modelCount, pointCount: points.length });
  };
  const firstUnfinished = () => {
    const i = points.findIndex((p) => !p.finished());
    return i < 0 ? null : i;
  };
  const afterTask = async () => {
    const partial = assemble(points, spec);
    if (spec) hooks.onSweep?.(partial.sweep!, cancel.cancelled ? null : firstUnfinished());
    await saver.save(partial, false).catch(() => undefined);
  };

  // every task of the job, in the file's order: point by point, its models, then its baselines
  type Task = () => Promise<void>;
  const tasks: Task[] = [];
  points.forEach((point, pi) => {
    point.input.experiment.models.forEach((_, m) => {
      tasks.push(async () => {
        let run: RunResult;
        try {
          run = await executor.runModel(
            { input: point.input, modelIndex: m, engine: point.engine },
            {
              onRecords: hooks.onRecords ? (from, slice) => hooks.onRecords!(pi, m, from, slice) : undefined,
              onProgress: (p) => report(pi, p),
            },
            cancel,
          );
        } catch (e) {
          if (e instanceof NotRun) return;
          throw e;
        }
        point.runs[m] = run;
        report(pi, { modelIndex: m, label: run.label, step: run.stoppedAt ?? run.steps[run.steps.length - 1] ?? 0, steps: point.input.experiment.optimizer.steps, stepsPerSecond: 0 }, true);
        hooks.onTaskDone?.(pi, m, run);
        await afterTask();
      });
    });
    if (point.wantsBaselines) {
      tasks.push(async () => {
        const baselines = await executor.solveBaselines(point.input, cancel);
        // a cancelled solve is left out: the point is not finished
        if (!cancel.cancelled) point.baselines = baselines;
        hooks.onTaskDone?.(pi, 'baselines', null);
        await afterTask();
      });
    }
  });
  await runAtMost(executor.concurrency, tasks, cancel);

  const results = assemble(points, spec);
  const cancelled = cancel.cancelled || !points.every((p) => p.finished());
  if (spec) hooks.onSweep?.(results.sweep!, null);
  await saver.idle();
  const saved = request.out ? await saveFinal(request.out, results, !cancelled, claim) : { savedTo: null, saveError: null };
  return { prepared, refused: false, results: stampResults(results, !cancelled), out: request.out, cancelled, engine, notes, ...saved, ...declined };
}

/** The data I/O of a run: its cost budget without the check's preparation bound. */
function forRun(io: DataIO): DataIO {
  const budget = (io as DataIO & { budget?: CostBudget }).budget;
  return budget ? ({ ...io, budget: { ...budget, prepareSeconds: Infinity } } as DataIO) : io;
}

/** Where results go when their file cannot be written: the system's temp folder, a name of their own. */
export function fallbackPath(out: string): string {
  return join(tmpdir(), 'lnn-lab', `${basename(out).replace(/\.json$/, '')}.${new Date().toISOString().replace(/[:.]/g, '-')}.${process.pid}.json`);
}

/** The final write; if it fails, the results go to a fallback file, marked incomplete (spec §5.3), and both are said. */
async function saveFinal(out: string, results: Results, complete: boolean, claim: Claim | null): Promise<{ savedTo: string | null; saveError: string | null }> {
  try {
    await claim?.keepPrevious();
    await writeFileAtomic(out, JSON.stringify(stampResults(results, complete)));
    return { savedTo: out, saveError: null };
  } catch (e) {
    const saveError = `could not write ${out}: ${(e as Error).message}`;
    const fallback = fallbackPath(out);
    try {
      await writeFileAtomic(fallback, JSON.stringify(stampResults(results, false)));
      return { savedTo: fallback, saveError };
    } catch {
      return { savedTo: null, saveError };
    }
  }
}

/** Runs the tasks in order, at most `limit` at a time; after a cancel, the ones not started run too (they end at once). */
async function runAtMost(limit: number, tasks: Array<() => Promise<void>>, cancel: CancelToken): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const lane = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      try {
        await task();
      } catch (e) {
        failure ??= e;
        cancel.cancel();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, lane));
  if (failure) throw failure;
}
