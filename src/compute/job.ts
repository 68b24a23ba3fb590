// The job layer: one run of an experiment file, whichever shell asks (the CLI's run, report and
// examples, VS Code's Run command and Open Lab). prepare → settings → engine per point → every
// model of every point (and the baselines) as tasks on an executor, at once up to its concurrency
// → results assembled in the file's order → ordered atomic saves after every task and at the end
// → throttled progress → cancel. Shells adapt its hooks; none computes. A sweep (spec §2, §5.5)
// runs every grid point's models as tasks at once up to the executor's concurrency, a completion
// baseline once per distinct dataset; `shard` runs the points ≡ i mod n only; an incomplete
// results file of the same experiment at `out` is resumed: the points it holds are not run again.
import { wantsNuclearNorm } from '../core/baselines/index';
import type { DataIO, ProblemCache } from '../core/data/index';
import type { CostBudget } from '../core/diagnostics/budget';
import type { Progress } from '../core/dynamics/run';
import type { EnginePick } from '../core/dynamics/select';
import { writeFileAtomic } from '../core/io';
import { modelsOf, prepareExperiment, type ModelsInput, type Prepared } from '../core/lab';
import { buildResults, stampResults } from '../core/results/results';
import { pointLabel, pointName, sweepDocuments, sweepResults } from '../core/sweep/points';
import { sweepPoint } from '../core/sweep/point';
import { sweepHeader } from '../core/sweep/axes';
import { bodyValues, experimentKey, isResults, pointKey, resultsKey, valuesOf } from '../core/sweep/same';
import type { Results, RunResult, SweepAxis, SweepPoint, SweepResults, SweepSpec } from '../core/types';
import type { CancelToken } from './cancel';
import { NotRun, type Executor } from './executor';
import { pickNodeEngine } from './engines';
import { applyRunSettings, type RunSettings } from './settings';
import { claimResultsFile, type Claim } from './claim';
import { JobError } from './errors';
import { readFile } from 'node:fs/promises';
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
  /** A sweep's shard: only the points whose index k ≡ index (mod count) run and are written (`lnn-lab run --shard i/n`). */
  shard?: Shard;
  /**
   * A sweep whose `out` already holds incomplete results of the same experiment (a cancelled
   * run, a shard) reuses the points those hold instead of running them again (default true).
   */
  resume?: boolean;
}

/** A sweep's shard i of n (i = 0…n−1): the points with index ≡ i mod n. */
export interface Shard {
  index: number;
  count: number;
}

export interface JobStart {
  prepared: Prepared;
  /** The results before any run (theory, diagnostics; a sweep with no points), null when refused early. */
  skeleton: Results | null;
  refused: boolean;
  engine: EnginePick | null;
  /** What the settings changed, the sweep's shape, the points reused: for the log. */
  notes: string[];
  /** The sweep's axes (results.sweep's header, no points yet), null without a sweep. */
  sweep: SweepResults | null;
  /** Models per point and points to run (1 without a sweep; a shard's, less those reused). */
  modelCount: number;
  pointCount: number;
  /** A sweep: the points taken from the results `out` already held (resume), 0 otherwise. */
  reused: number;
}

export interface JobProgress {
  /** The sweep point (its index in the grid, 0 without a sweep) and model of this report. */
  point: number;
  /** The point's place among the points this job runs (0…pointCount−1; a shard or a resume runs fewer than the grid). */
  ordinal: number;
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
  /** A sweep's points so far (every finished one, in grid order), and the grid index of the first point not finished (null once none is left). */
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
/**
 * A sweep's partial saves: at most one in flight, the next at least this long — and four times
 * the last save's time — after it ended (saving then takes at most a fifth of the job). Its
 * results grow with every point (each with its thinned runs), so a save after every task would
 * cost O(points²): a 60-point grid spent 33 s saving against 7 s computing.
 */
export const SWEEP_SAVE_EVERY_MS = 1000;

interface Point {
  /** Its index in the grid (spec §5.5: i·|V2| + j), 0 without a sweep. */
  index: number;
  /** Its values on the sweep's axes ([] without a sweep). */
  values: unknown[];
  prepared: Prepared;
  input: ModelsInput;
  engine: EnginePick;
  runs: Array<RunResult | null>;
  baselines: Results['baselines'] | null;
  /** The dataset its baseline is solved for (once per distinct dataset), null when it asks for none. */
  baselineKey: string | null;
  /** Resumed: the point the results at `out` held (not run again), and their body when it is this point's. */
  stored: SweepPoint | null;
  storedBody: Results | null;
  /** Its sweep point once finished (computed once). */
  done: SweepPoint | null;
  /** Every task ended (not cancelled), or it was reused. */
  finished(): boolean;
}

/** The dataset a completion baseline is solved on: the data and the seed that draws it (spec §5.5: once per distinct dataset). */
const datasetKey = (input: ModelsInput) => JSON.stringify([input.experiment.data, input.experiment.seed, input.experiment.baseline ?? null]);

function pointOf(prepared: Prepared, index: number, values: unknown[], engine: EnginePick): Point {
  const input = modelsOf(prepared);
  const wants = wantsNuclearNorm(input.experiment, input.problem);
  const point: Point = {
    index,
    values,
    prepared,
    input,
    engine,
    runs: input.experiment.models.map(() => null),
    baselines: wants ? null : {},
    baselineKey: wants ? datasetKey(input) : null,
    stored: null,
    storedBody: null,
    done: null,
    finished: () => point.stored !== null || (point.baselines !== null && point.runs.every((r) => r !== null && r.stopReason !== 'cancelled')),
  };
  return point;
}

/** The results of one point: its runs so far in model order, its baselines once solved (a reused point: the stored body's). */
function pointResults(p: Point): Results {
  const { experiment, problem, theory } = p.input;
  if (p.storedBody) return buildResults(experiment, problem, theory, p.storedBody.runs, p.prepared.diagnostics, p.storedBody.baselines);
  const runs = p.runs.filter((r): r is RunResult => r !== null);
  return buildResults(experiment, problem, theory, runs, p.prepared.diagnostics, p.baselines ?? {});
}

const hasBody = (p: Point) => p.storedBody !== null || p.runs.some((r) => r !== null);

/**
 * The job's results: the one point's, or the sweep's — every finished point of `points` in grid
 * order, the body the last point with runs, the diagnostics of every point of the grid (`all`).
 */
function assemble(points: Point[], all: Point[], spec: SweepSpec | null, shard: Shard | null): Results {
  if (!spec) return pointResults(points[0]);
  const done: SweepPoint[] = [];
  for (const p of points) {
    if (!p.finished()) continue;
    if (!p.done) {
      p.done = p.stored ?? sweepPoint(p.values, pointResults(p), p.input.problem, p.input.theory);
      // only the last point's full runs can be the body of a finished sweep: the others keep their thinned runs (memory, spec §5.7)
      if (p !== points[points.length - 1] && p.done.runs) p.runs = p.done.runs;
    }
    done.push(p.done);
  }
  let main = points.length - 1;
  while (main > 0 && !hasBody(points[main])) main--;
  const body = points[main];
  const others = all.filter((p) => p.index !== body.index).map((p) => ({ values: p.values, diagnostics: p.prepared.diagnostics }));
  const results = sweepResults(pointResults(body), spec, done, others);
  return shard ? { ...results, shard: { index: shard.index, count: shard.count, complete: points.every((p) => p.finished()) } } : results;
}

/**
 * Resume (spec §5.5): the points an incomplete sweep results file at `out` holds, for the same
 * experiment, by their values; and its body when it is a finished point's. Null when the file is
 * missing, unreadable, complete, or of another experiment.
 */
async function storedSweep(out: string, key: string): Promise<{ points: Map<string, SweepPoint>; body: Results | null; bodyKey: string | null } | null> {
  const text = await readFile(out, 'utf8').catch(() => null);
  if (text === null) return null;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isResults(stored) || stored.complete === true || !stored.sweep || !Array.isArray(stored.sweep.points) || resultsKey(stored) !== key) return null;
  // points written before spec §5.5 (no `values`, no runs) are run again: a resumed file equals an uninterrupted run's
  const points = new Map(stored.sweep.points.filter((p) => Array.isArray(p.values) && Array.isArray(p.runs)).map((p) => [pointKey(valuesOf(p)), p] as const));
  const at = bodyValues(stored);
  const bodyKey = at ? pointKey(at) : null;
  const whole = stored.runs.length === stored.experiment.models.length && stored.runs.every((r) => r.stopReason !== 'cancelled');
  return { points, body: bodyKey !== null && points.has(bodyKey) && whole ? stored : null, bodyKey };
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
    hooks.onStart?.({ prepared, skeleton, refused: true, engine: null, notes, sweep: null, modelCount: 0, pointCount: 0, reused: 0 });
    return refusedOutcome();
  }
  const engine = pick(prepared);
  const spec = prepared.experiment.sweep ?? null;
  if (request.shard && !spec) throw new JobError(`a shard (${request.shard.index}/${request.shard.count}) was asked for, but the experiment has no sweep to share out`);
  const shard = spec && request.shard ? request.shard : null;
  // every point of the grid is prepared (its diagnostics are the results'); `points` are those this job writes
  const all: Point[] = [];
  let axes: SweepAxis[] = [];
  if (spec) {
    // every point prepared as the file it makes (its own data, defaults, diagnostics), settings laid over it
    const sweep = sweepDocuments(request.text);
    axes = sweep.axes;
    for (const [k, doc] of sweep.documents.entries()) {
      const p = await prepareExperiment(doc, io, request.cache);
      applyRunSettings(p, settings);
      if (p.refused || !p.experiment || !p.problem) {
        const first = p.diagnostics.find((d) => d.severity === 'error');
        throw new JobError(`with ${pointName(axes, sweep.grid[k])} the experiment cannot run: ${first ? `${first.code} at ${first.path}: ${first.message}` : 'no problem'}`);
      }
      all.push(pointOf(p, k, sweep.grid[k], pick(p)));
    }
    notes.push(`sweep over ${axes.map((a) => `${a.path} (${a.values.length} values)`).join(' × ')}: ${all.length} points`);
    if (shard) notes.push(`shard ${shard.index}/${shard.count}: the points with index ≡ ${shard.index} mod ${shard.count}`);
  } else all.push(pointOf(prepared, 0, [], engine));
  const points = shard ? all.filter((p) => p.index % shard.count === shard.index) : all;
  if (points.length === 0) throw new JobError(`shard ${shard!.index}/${shard!.count}: the sweep has only ${all.length} point(s); this shard has none`);

  let reused = 0;
  if (spec && request.out && request.resume !== false) {
    const stored = await storedSweep(request.out, experimentKey(prepared.experiment, axes));
    if (stored) {
      for (const p of points) {
        const key = pointKey(p.values);
        const found = stored.points.get(key);
        if (!found) continue;
        const body = stored.bodyKey === key ? stored.body : null;
        // the last point is the results' body: reused only with its full runs, else run again
        if (p === points[points.length - 1] && !body) continue;
        p.stored = found;
        p.storedBody = body;
        reused++;
      }
      notes.push(`resumed ${request.out}: ${reused} of ${points.length} points reused (already in the results), ${points.length - reused} to run`);
    }
  }
  const toRun = points.filter((p) => p.stored === null);

  if (request.admit && !request.admit(toRun.map((p) => p.prepared))) {
    return { prepared, refused: false, results: null, out: null, cancelled: false, engine, notes, savedTo: null, saveError: null, declined: true };
  }
  const modelCount = prepared.experiment.models.length;
  const skeleton = spec ? { ...assemble(points, all, spec, shard), runs: [] } : pointResults(points[0]);
  const header = spec ? { ...sweepHeader(axes), points: [] } : null;
  hooks.onStart?.({ prepared, skeleton, refused: false, engine, notes, sweep: header, modelCount, pointCount: toRun.length, reused });

  const saver = orderedSaver(request.out, claim, (e) => hooks.onSaveError?.(e));
  const ordinals = new Map(toRun.map((p, k) => [p, k] as const));
  const totalSteps = toRun.reduce((s, p) => s + p.input.experiment.models.length * Math.max(1, p.input.experiment.optimizer.steps), 0);
  const stepsAt = new Map<string, number>();
  let stepsDone = 0;
  const lastReport = new Map<string, number>();
  const report = (point: Point, progress: Progress, force = false) => {
    const pi = point.index;
    const key = `${pi}/${progress.modelIndex}`;
    stepsDone += progress.step - (stepsAt.get(key) ?? 0);
    stepsAt.set(key, progress.step);
    const t = Date.now();
    if (!force && t - (lastReport.get(key) ?? 0) < PROGRESS_EVERY_MS) return;
    lastReport.set(key, t);
    const label = spec ? pointLabel(progress.label, axes, point.values) : progress.label;
    hooks.onProgress?.({ point: pi, ordinal: ordinals.get(point) ?? 0, modelIndex: progress.modelIndex, progress: { ...progress, label }, fraction: Math.min(1, stepsDone / Math.max(1, totalSteps)), modelCount, pointCount: toRun.length });
  };
  const firstUnfinished = () => points.find((p) => !p.finished())?.index ?? null;
  let saving = false;
  let nextSave = -Infinity;
  const afterTask = async () => {
    // after the job's last task the final save follows at once: a partial save here would be its twin
    // (a results file assembled, stringified and written twice, on the job's critical path)
    const last = points.every((p) => p.finished());
    if (last && !spec) return;
    const partial = assemble(points, all, spec, shard);
    if (spec) hooks.onSweep?.(partial.sweep!, cancel.cancelled ? null : firstUnfinished());
    if (last || (spec && (saving || Date.now() < nextSave))) return;
    saving = true;
    const t0 = Date.now();
    await saver.save(partial, false).catch(() => undefined);
    saving = false;
    nextSave = Date.now() + Math.max(SWEEP_SAVE_EVERY_MS, 4 * (Date.now() - t0));
  };

  // every task of the job, in the file's order: point by point, its models, then its baselines —
  // a baseline once per distinct dataset, for every point on it
  type Task = () => Promise<void>;
  const tasks: Task[] = [];
  const baselineSolved = new Set<string>();
  for (const point of toRun) {
    const pi = point.index;
    point.input.experiment.models.forEach((_, m) => {
      tasks.push(async () => {
        let run: RunResult;
        try {
          run = await executor.runModel(
            { input: point.input, modelIndex: m, engine: point.engine },
            {
              onRecords: hooks.onRecords ? (from, slice) => hooks.onRecords!(pi, m, from, slice) : undefined,
              onProgress: (p) => report(point, p),
            },
            cancel,
          );
        } catch (e) {
          if (e instanceof NotRun) return;
          throw e;
        }
        point.runs[m] = run;
        report(point, { modelIndex: m, label: run.label, step: run.stoppedAt ?? run.steps[run.steps.length - 1] ?? 0, steps: point.input.experiment.optimizer.steps, stepsPerSecond: 0 }, true);
        hooks.onTaskDone?.(pi, m, run);
        await afterTask();
      });
    });
    const key = point.baselineKey;
    if (key !== null && !baselineSolved.has(key)) {
      baselineSolved.add(key);
      tasks.push(async () => {
        const baselines = await executor.solveBaselines(point.input, cancel);
        // a cancelled solve is left out: its points are not finished
        if (!cancel.cancelled) for (const p of toRun) if (p.baselineKey === key) p.baselines = baselines;
        hooks.onTaskDone?.(pi, 'baselines', null);
        await afterTask();
      });
    }
  }
  await runAtMost(executor.concurrency, tasks, cancel);

  const results = assemble(points, all, spec, shard);
  const cancelled = cancel.cancelled || !points.every((p) => p.finished());
  // a shard's file is never the whole sweep (spec §5.3): its own completeness is results.shard.complete
  const complete = !cancelled && !shard;
  if (spec) hooks.onSweep?.(results.sweep!, null);
  await saver.idle();
  const saved = request.out ? await saveFinal(request.out, results, complete, claim) : { savedTo: null, saveError: null };
  return { prepared, refused: false, results: stampResults(results, complete), out: request.out, cancelled, engine, notes, ...saved, ...declined };
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
