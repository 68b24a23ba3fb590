// The extension's worker thread (bundled to dist/runWorker.js): the moments, decompositions and
// runs behind the editor, off the extension host's main thread. Handles `check` (static
// diagnostics, data cached until its files change) and `run` (the CLI's pipeline, spec §4).
import { parentPort } from 'node:worker_threads';
import { dirname, isAbsolute, join } from 'node:path';
import { createProblemCache, dataFiles, type ProblemCache } from '../core/data/index';
import { initScale } from '../core/experiment/defaults';
import { parseExperimentText } from '../core/experiment/parse';
import { nodeDataIO, writeFileAtomic } from '../core/io';
import { prepareExperiment, type Prepared } from '../core/lab';
import { runAll } from '../core/sweep/runSweep';
import type { Backend, Experiment, Results } from '../core/types';
import { nodeEngine, pickNodeEngine } from '../cli/engines';
import { summarize } from '../cli/summary';
import type { CheckedDiagnostic, CheckRequest, RunRequest, WorkerReply, WorkerRequest } from './protocol';

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

function prepare(path: string, text: string): Promise<Prepared> {
  return prepareExperiment(text, nodeDataIO(path), cacheFor(path));
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
  const prepared = await prepare(req.path, req.text);
  const files = prepared.experiment ? dataFiles(prepared.experiment.data) : [];
  send({
    type: 'checked',
    id: req.id,
    diagnostics: withFixContext(prepared),
    refused: prepared.refused,
    dataFiles: files.map((f) => (isAbsolute(f) ? f : join(dirname(req.path), f))),
  });
}

const running = new Map<number, AbortController>();

function fileBackend(text: string): unknown {
  const raw = parseExperimentText(text).value as { compute?: { backend?: unknown } } | undefined;
  return raw?.compute?.backend;
}

async function run(req: RunRequest): Promise<void> {
  const prepared = await prepare(req.path, req.text);
  const exp = prepared.experiment;
  const notes: string[] = [];
  const base = { type: 'ran' as const, id: req.id, diagnostics: prepared.diagnostics };
  if (prepared.refused || !exp || !prepared.problem) {
    send({ ...base, out: null, refused: true, engine: '', runs: [], summary: '', notes });
    return;
  }
  const fromFile = fileBackend(req.text) === undefined;
  /** The settings' overrides, for the file and for every value of a sweep (each prepared afresh). */
  const override = (e: Experiment, say: (s: string) => void) => {
    if (req.defaultBackend && req.defaultBackend !== 'auto' && fromFile) {
      e.compute = { ...e.compute, backend: req.defaultBackend as Backend };
      say(`compute.backend unset: lnnLab.defaultBackend "${req.defaultBackend}"`);
    }
    const limit = req.recordLimit ?? 0;
    if (limit > 0 && Math.ceil(e.optimizer.steps / e.record.every) + 1 > limit) {
      const every = Math.ceil(e.optimizer.steps / Math.max(1, limit - 1));
      say(`record.every ${e.record.every} → ${every} (lnnLab.recordLimit ${limit})`);
      e.record = { every };
    }
  };
  override(exp, (n) => notes.push(n));
  const pick = pickNodeEngine(exp, prepared.problem);
  const sweep = exp.sweep;
  if (sweep) notes.push(`sweep over ${sweep.path}: ${sweep.values.length} values (${sweep.values.map((v) => JSON.stringify(v)).join(', ')})`);
  const controller = new AbortController();
  running.set(req.id, controller);
  let lastProgress = 0;
  // a sweep: the value running (its index), for the progress
  let point = 0;
  try {
    const results: Results = await runAll(req.text, prepared, {
      io: nodeDataIO(req.path),
      cache: cacheFor(req.path),
      adjust: (p) => p !== prepared && p.experiment && override(p.experiment, () => undefined),
      engineFor: (_, p) => nodeEngine(p === prepared || !p.experiment || !p.problem ? pick : pickNodeEngine(p.experiment, p.problem)),
      signal: controller.signal,
      onProgress: (progress) => {
        const t = Date.now();
        if (t - lastProgress < 100 && progress.step < progress.steps) return;
        lastProgress = t;
        send({ type: 'progress', id: req.id, progress, modelCount: exp.models.length, ...(sweep ? { point: { index: point, count: sweep.values.length, value: sweep.values[point] } } : {}) });
      },
      onPoint: (_, i) => {
        point = i + 1;
      },
      onRun: (partial) => writeFileAtomic(req.out, JSON.stringify(partial)),
    });
    await writeFileAtomic(req.out, JSON.stringify(results));
    send({
      ...base,
      diagnostics: results.diagnostics,
      out: req.out,
      refused: false,
      engine: `${pick.backend} (${pick.precision}) — ${pick.reason}`,
      runs: results.runs.map((r) => ({ label: r.label, stopReason: r.stopReason, stoppedAt: r.stoppedAt, wallMs: r.wallMs })),
      ...(results.sweep ? { sweep: { done: results.sweep.points.length, count: results.sweep.values.length } } : {}),
      summary: summarize(results, results.experiment.name ?? req.path),
      notes,
    });
  } finally {
    running.delete(req.id);
  }
}

port.on('message', (req: WorkerRequest) => {
  if (req.type === 'cancel') {
    running.get(req.id)?.abort();
    return;
  }
  const job = req.type === 'check' ? check(req) : run(req);
  job.catch((e: unknown) => send({ type: 'error', id: req.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
});
