// The extension's worker thread (bundled to dist/runWorker.js): the moments, decompositions and
// runs behind the editor, off the extension host's main thread. Handles `check` (static
// diagnostics, data cached until its files change) and `run` — the Run command's and Open Lab's —
// through the job layer (src/compute/job.ts) on its pool of compute workers; for Open Lab it
// streams the run to the panel and relays float32 runs computed there. Messages: protocol.ts.
import { parentPort } from 'node:worker_threads';
import { dirname, isAbsolute, join } from 'node:path';
import { createProblemCache, dataFiles, type ProblemCache } from '../core/data/index';
import { createCancel, type CancelToken } from '../compute/cancel';
import type { Executor } from '../compute/executor';
import { ComputePool } from '../compute/pool';
import { JobError } from '../compute/errors';
import { SweepPathError } from '../core/sweep/points';
import { resultsAxes, sweepPointCount } from '../core/sweep/axes';
import { estimateJobSeconds } from '../compute/estimate';
import { runJob } from '../compute/job';
import { threadBudget } from '../compute/threads';
import type { EnginePick } from '../core/dynamics/select';
import { initScale } from '../core/experiment/defaults';
import { readExperiment } from '../core/experiment/index';
import { fieldName } from '../core/experiment/pointer';
import { nodeDataIO, type NodeDataIOOptions } from '../core/io';
import { prepareExperiment, type Prepared } from '../core/lab';
import { summarize } from '../core/results/summary';
import type { RunResult } from '../core/types';
import type { EngineInfo } from '../shared/messages';
import { appendRun, sliceRun } from '../shared/runSlice';
import { fieldFacts } from './hoverFacts';
import { pickLabEngine } from './labEngine';
import type { CheckedDiagnostic, CheckRequest, RunRequest, WorkerReply, WorkerRequest } from './protocol';
import { WebviewExecutor } from './webviewExecutor';

const port = parentPort!;
const send = (m: WorkerReply) => port.postMessage(m);

/** One problem cache per folder (data paths are relative to the experiment's folder). */
const caches = new Map<string, ProblemCache>();
function cacheFor(path: string): ProblemCache {
  const folder = dirname(path);
  let c = caches.get(folder);
  if (!c) caches.set(folder, (c = createProblemCache()));
  return c;
}

function prepare(path: string, text: string, options: NodeDataIOOptions = {}): Promise<Prepared> {
  return prepareExperiment(text, nodeDataIO(path, options), cacheFor(path));
}

/** init.notVanishing's fix needs λ w0/σ of the last learnable component (spec §3). */
function withFixContext(prepared: Prepared): CheckedDiagnostic[] {
  const { experiment: exp, theory } = prepared;
  return prepared.diagnostics.map((d) => {
    if (d.code !== 'init.notVanishing' || !exp || !theory) return d;
    const w0 = initScale(exp.init);
    let last = -1;
    for (let i = 0; i < theory.rxy; i++) if (theory.sigma[i] > 0 && theory.lambda[i] > 0) last = i;
    if (last < 0 || w0 === null) return d;
    return { ...d, fix: { ratio: (theory.lambda[last] * w0) / theory.sigma[last] } };
  });
}

async function check(req: CheckRequest): Promise<void> {
  if (req.schemaOnly) {
    // Restricted Mode: the schema only — no data file read, nothing computed (issue 12)
    const read = readExperiment(req.text);
    send({ type: 'checked', id: req.id, diagnostics: read.diagnostics, refused: true, dataFiles: [] });
    return;
  }
  const prepared = await prepare(req.path, req.text, { memoryBudget: req.memoryBudget, threads: req.threads });
  const files = prepared.experiment ? dataFiles(prepared.experiment.data) : [];
  send({
    type: 'checked',
    id: req.id,
    diagnostics: withFixContext(prepared),
    refused: prepared.refused,
    dataFiles: files.map((f) => (isAbsolute(f) ? f : join(dirname(req.path), f))),
    facts: fieldFacts(prepared),
  });
}

/** The jobs running, by request id: their cancel, and the panel's executor when it computes. */
const running = new Map<number, { cancel: CancelToken; panel: WebviewExecutor | null }>();

/** Open Lab: keeps the records of every (point, model) so the point shown can be sent whole when it changes. */
function labStream(id: number) {
  const mirrors = new Map<string, RunResult>();
  let shown = 0;
  return {
    records(point: number, modelIndex: number, from: number, slice: RunResult) {
      const key = `${point}/${modelIndex}`;
      mirrors.set(key, appendRun(mirrors.get(key), slice, from));
      if (point === shown) send({ type: 'records', id, modelIndex, from, run: slice });
    },
    /** The point shown became `point`: its records so far, from the start. */
    show(point: number | null) {
      if (point === null || point === shown) return;
      shown = point;
      for (const [key, run] of mirrors) {
        const [p, m] = key.split('/').map(Number);
        if (p === point) send({ type: 'records', id, modelIndex: m, from: 0, run: sliceRun(run, 0) });
      }
    },
  };
}

/**
 * The one pool of the extension (its thread budget): every job — the Run command's, Open Lab's —
 * queues its tasks on it. Re-sized when lnnLab.threads changes while no job runs.
 */
let shared: { pool: ComputePool; threads: number } | null = null;
function sharedPool(cap: number | undefined): Executor {
  const threads = threadBudget(cap);
  if (!shared || (shared.threads !== threads && running.size === 0)) {
    shared?.pool.dispose();
    shared = { pool: new ComputePool(threads), threads };
  }
  const pool = shared.pool;
  // a job's view of it: disposing the job's executor leaves the pool to the others
  return { concurrency: pool.concurrency, runModel: (t, h, c) => pool.runModel(t, h, c), solveBaselines: (i, c) => pool.solveBaselines(i, c), dispose() {} };
}

async function run(req: RunRequest): Promise<void> {
  const cancel = createCancel();
  const pool = sharedPool(req.settings.threads);
  const lab = req.lab;
  const panel = lab
    ? new WebviewExecutor(pool, {
        compute: (compute, input) => send({ type: 'compute', id: req.id, compute, input }),
        fellBack: (engine) => {
          send({ type: 'log', id: req.id, level: 'warning', text: engine.reason });
          fallback = engine;
        },
      })
    : null;
  let fallback: EngineInfo | null = null;
  const executor = panel ?? pool;
  running.set(req.id, { cancel, panel });
  const stream = lab ? labStream(req.id) : null;
  let engineInfo: EngineInfo | null = null;
  const pick = lab
    ? (p: Prepared) => {
        const info = pickLabEngine(p, lab.webgl);
        return { backend: info.backend, precision: info.precision, reason: info.reason } as EnginePick;
      }
    : undefined;
  try {
    let estimateSeconds = 0;
    const admit = req.preview
      ? (points: readonly Prepared[]) => (estimateSeconds = estimateJobSeconds(points, pool.concurrency)) <= req.preview!.maxSeconds
      : undefined;
    const outcome = await runJob({ text: req.text, io: nodeDataIO(req.path, { memoryBudget: req.settings.memoryBudget, threads: req.settings.threads }), cache: cacheFor(req.path), settings: req.settings, out: req.out, experimentPath: req.path, pickEngine: pick, admit }, executor, cancel, {
      onStart: (start) => {
        if (!lab) return;
        engineInfo = start.engine && { ...start.engine, side: start.engine.backend === 'webgl' ? 'webview' : 'host' };
        if (engineInfo && start.sweep) engineInfo = { ...engineInfo, reason: `a sweep over ${resultsAxes(start.sweep).map((a) => `${fieldName(a.path)} (${a.values.length} values)`).join(' × ')}: ${engineInfo.reason}` };
        send({ type: 'started', id: req.id, skeleton: start.skeleton, diagnostics: start.prepared.diagnostics, refused: start.refused, engine: engineInfo });
        // a sweep: the panel shows its first value running before any record arrives
        if (start.sweep) send({ type: 'sweep', id: req.id, sweep: start.sweep, running: 0 });
      },
      onProgress: (progress) => send({ type: 'progress', id: req.id, progress }),
      onRecords: stream ? (point, m, from, slice) => stream.records(point, m, from, slice) : undefined,
      onSweep: lab
        ? (sweep, shown) => {
            const changed = fallback;
            fallback = null;
            // the panel restarts its live runs when the value shown changes: the sweep first, then that value's records so far
            // the points' thinned runs (spec §5.5) come with the final results (showResults): a grid's
            // would otherwise cross to the panel again after every task, O(points²)
            const light = { ...sweep, points: sweep.points.map(({ runs: _runs, ...p }) => p) };
            send({ type: 'sweep', id: req.id, sweep: light, running: shown, ...(changed ? { engine: changed } : {}) });
            stream!.show(shown);
          }
        : undefined,
      onSaveError: (e) => send({ type: 'log', id: req.id, level: 'warning', text: `could not save partial results: ${e.message}` }),
    });
    const results = outcome.results;
    send({
      type: 'ran',
      id: req.id,
      out: results ? outcome.savedTo : null,
      saveError: outcome.saveError,
      previous: outcome.previous,
      refused: outcome.refused,
      cancelled: outcome.cancelled,
      diagnostics: results?.diagnostics ?? outcome.prepared.diagnostics,
      engine: outcome.engine ? `${outcome.engine.backend} (${outcome.engine.precision}) — ${outcome.engine.reason}` : '',
      runs: (results?.runs ?? []).map((r) => ({ label: r.label, stopReason: r.stopReason, stoppedAt: r.stoppedAt, wallMs: r.wallMs })),
      ...(results?.sweep ? { sweep: { done: results.sweep.points.length, count: sweepPointCount(results.sweep) } } : {}),
      summary: results ? summarize(results, results.experiment.name ?? req.path) : '',
      notes: outcome.notes,
      ...(outcome.declined ? { declined: { estimateSeconds } } : {}),
      ...(lab && results ? { results } : {}),
    });
  } finally {
    running.delete(req.id);
    executor.dispose();
  }
}

port.on('message', (req: WorkerRequest) => {
  switch (req.type) {
    case 'cancel':
      running.get(req.id)?.cancel.cancel();
      return;
    case 'computed':
      running.get(req.id)?.panel?.computed(req.compute, req.runs, req.final);
      return;
    case 'computeFailed':
      running.get(req.id)?.panel?.computeFailed(req.compute, req.reason);
      return;
    default: {
      const job = req.type === 'check' ? check(req) : run(req);
      // a results path it cannot write is said in one line; anything else is an internal error, with its stack for the log
      job.catch((e: unknown) => {
        const said = e instanceof JobError || e instanceof SweepPathError;
        send({ type: 'error', id: req.id, message: said ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e), internal: !said });
      });
    }
  }
});
