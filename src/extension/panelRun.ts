// One run of the lab panel: prepare (core/lab.ts), pick the engine (core select.ts, with WebGL
// when the webview has it), compute — float32 in the webview on tfjs WebGL, or float64 here in
// the extension host as the fallback — stream live records, and save NAME.results.json
// atomically after each model and at the end, as the run command does.
import * as vscode from 'vscode';
import { createFloat64Engine } from '../core/dynamics/float64Engine';
import { problemDims } from '../core/dynamics/gradient';
import { hardwareWebglHint, pickEngine, type ConcreteBackend, type EnginePick } from '../core/dynamics/select';
import { parseExperimentText } from '../core/experiment/parse';
import { nodeDataIO, writeFileAtomic } from '../core/io';
import { computeBaselines } from '../core/baselines/index';
import { modelsOf, packModels, prepareExperiment, runExperiment, type Prepared, type RunExperimentOptions } from '../core/lab';
import { buildResults } from '../core/results/results';
import { runAll } from '../core/sweep/runSweep';
import { fieldName } from '../core/experiment/pointer';
import type { EngineChoice, Progress } from '../core/dynamics/run';
import type { Backend, Results, RunResult, SweepPoint } from '../core/types';
import type { EngineInfo, SourceInfo, ToWebview, WebglProbe } from '../shared/messages';
import { sliceRun } from '../shared/runSlice';
import { toWire } from '../shared/wire';
import { resultsPathFor } from './resultsPath';
import { readSettings } from './settings';

export interface RunChannel {
  post(m: ToWebview): void;
  /** Resolves with the webview's final runs of job `jobId`, or rejects with why it could not compute. */
  webviewCompute(jobId: number, onPartial: (runs: RunResult[]) => Promise<void>): Promise<RunResult[]>;
  log(line: string): void;
}

export interface LabRun {
  jobId: number;
  cancel(): void;
  done: Promise<{ results: Results | null; out: string | null }>;
}

let nextJob = 1;
const RECORD_INTERVAL_MS = 100;

/** lnnLab.defaultBackend when the file leaves compute.backend unset; lnnLab.recordLimit (as the run command). */
function applySettings(prepared: Prepared, text: string, uri: vscode.Uri, log: (s: string) => void): void {
  const exp = prepared.experiment;
  if (!exp) return;
  const settings = readSettings(uri);
  const raw = parseExperimentText(text).value as { compute?: { backend?: unknown } } | undefined;
  if (settings.defaultBackend && settings.defaultBackend !== 'auto' && raw?.compute?.backend === undefined) {
    exp.compute = { ...exp.compute, backend: settings.defaultBackend as Backend };
    log(`compute.backend unset: lnnLab.defaultBackend "${settings.defaultBackend}"`);
  }
  const limit = settings.recordLimit;
  if (limit > 0 && Math.ceil(exp.optimizer.steps / exp.record.every) + 1 > limit) {
    const every = Math.ceil(exp.optimizer.steps / Math.max(1, limit - 1));
    log(`record.every ${exp.record.every} → ${every} (lnnLab.recordLimit ${limit})`);
    exp.record = { every };
  }
}

/** The engine: WebGL in the webview when it initialised there, else the float64 engine here. */
export function pickLabEngine(prepared: Prepared, webgl: WebglProbe): EngineInfo {
  const exp = prepared.experiment!;
  const { d, p } = problemDims(prepared.problem!);
  const available: ConcreteBackend[] = webgl.ok ? ['js', 'webgl'] : ['js'];
  const pick: EnginePick = pickEngine(exp, d, p, available);
  let reason = pick.reason;
  if (!webgl.ok && pick.backend === 'js' && (exp.compute.backend !== 'auto' || exp.compute.precision === 'float32' || /float32|not available/.test(reason))) {
    reason = `WebGL is not available in the panel (${webgl.detail}); the extension host computes in float64. ${reason}`;
  }
  const hint = hardwareWebglHint(pick, exp, d, p, webgl.ok ? webgl.detail : null);
  if (hint) reason = `${reason}. ${hint}`;
  return { backend: pick.backend, precision: pick.precision, reason, side: pick.backend === 'webgl' ? 'webview' : 'host' };
}

export function startLabRun(uri: vscode.Uri, text: string, webgl: Promise<WebglProbe>, channel: RunChannel): LabRun {
  const jobId = nextJob++;
  const controller = new AbortController();
  const source: SourceInfo = { kind: 'experiment', path: uri.fsPath, name: uri.path.split('/').pop() ?? 'experiment' };
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  const out = resultsPathFor(uri.fsPath, readSettings(uri).resultsFolder, folder);
  // one write at a time, in order: partial saves (after each model) never overtake the final one
  let writes: Promise<void> = Promise.resolve();
  const save = (r: Results) => (writes = writes.catch(() => undefined).then(() => writeFileAtomic(out, JSON.stringify(r))));

  const done = (async () => {
    const prepared = await prepareExperiment(text, nodeDataIO(uri.fsPath));
    applySettings(prepared, text, uri, channel.log);
    const skeleton = prepared.experiment && prepared.problem ? buildResults(prepared.experiment, prepared.problem, prepared.theory, [], prepared.diagnostics) : null;
    if (prepared.refused || !skeleton) {
      channel.post({ type: 'runStart', jobId, source, results: skeleton, diagnostics: prepared.diagnostics, engine: null, refused: true });
      return { results: null, out: null };
    }
    const sweep = prepared.experiment!.sweep;
    if (sweep) {
      // a sweep (spec §2): every value re-prepared here and run — on tfjs WebGL in the webview when
      // the file asks for it, else on the float64 engine here — its points as they finish
      const picked = pickLabEngine(prepared, await webgl);
      const engine: EngineInfo = { ...picked, reason: `a sweep over ${fieldName(sweep.path)} (${sweep.values.length} values): ${picked.reason}` };
      channel.log(`lab: ${uri.fsPath}: ${engine.backend} (${engine.precision}) in the ${engine.side} — ${engine.reason}`);
      skeleton.sweep = { path: sweep.path, values: sweep.values, points: [] };
      channel.post({ type: 'runStart', jobId, source, results: skeleton, diagnostics: prepared.diagnostics, engine, refused: false });
      const results = await labSweep({ jobId, text, uri, prepared, engine, signal: controller.signal, channel, save });
      await save(results);
      channel.post({ type: 'showResults', source, results, savedTo: out });
      return { results, out };
    }
    let engine = pickLabEngine(prepared, await webgl);
    channel.log(`lab: ${uri.fsPath}: ${engine.backend} (${engine.precision}) in the ${engine.side} — ${engine.reason}`);
    channel.post({ type: 'runStart', jobId, source, results: skeleton, diagnostics: prepared.diagnostics, engine, refused: false });
    let results: Results | null = null;
    if (engine.side === 'webview') {
      try {
        results = await webviewResults(jobId, prepared, channel, save, controller.signal);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        channel.log(`lab: WebGL compute failed (${why}); the extension host computes in float64`);
        engine = { backend: 'js', precision: 'float64', side: 'host', reason: `WebGL failed in the panel (${why}); the extension host computes in float64` };
        channel.post({ type: 'runStart', jobId, source, results: skeleton, diagnostics: prepared.diagnostics, engine, refused: false });
        channel.post({ type: 'status', level: 'warning', text: engine.reason });
      }
    }
    if (!results && !controller.signal.aborted) results = await hostCompute(jobId, prepared, controller.signal, channel, save);
    if (!results) return { results: null, out: null };
    await save(results);
    channel.post({ type: 'showResults', source, results, savedTo: out });
    return { results, out };
  })();

  return {
    jobId,
    cancel: () => {
      controller.abort();
      channel.post({ type: 'cancelCompute', jobId });
    },
    done,
  };
}

/** The models computed in the webview, the baselines here; results assembled here. */
async function webviewResults(jobId: number, prepared: Prepared, channel: RunChannel, onPartial: (r: Results) => Promise<void>, signal: AbortSignal): Promise<Results> {
  const { experiment: exp, problem, theory } = modelsOf(prepared);
  const assemble = (runs: RunResult[], baselines: Results['baselines'] = {}) => buildResults(exp, problem, theory, runs, prepared.diagnostics, baselines);
  channel.post({ type: 'compute', jobId, input: toWire(packModels(modelsOf(prepared))) });
  const runs = await channel.webviewCompute(jobId, (partial) => onPartial(assemble(partial)));
  return assemble(runs, await computeBaselines(exp, problem, signal));
}

const FLOAT64: EngineChoice = { factory: createFloat64Engine, backend: 'js', precision: 'float64' };

/** Live records (as slices, at most every RECORD_INTERVAL_MS) and progress (every 250 ms) to the panel. */
function streamer(jobId: number, channel: RunChannel) {
  let sent = new Map<number, number>();
  let last = 0;
  let lastProgress = 0;
  const flush = (modelIndex: number, run: RunResult) => {
    const from = sent.get(modelIndex) ?? 0;
    if (run.steps.length <= from) return;
    channel.post({ type: 'records', jobId, modelIndex, from, run: sliceRun(run, from) });
    sent.set(modelIndex, run.steps.length);
  };
  return {
    onRecord: (modelIndex: number, run: RunResult) => {
      const t = Date.now();
      if (t - last < RECORD_INTERVAL_MS) return;
      last = t;
      flush(modelIndex, run);
    },
    onProgress: (progress: Progress) => {
      const t = Date.now();
      if (t - lastProgress < 250) return;
      lastProgress = t;
      channel.post({ type: 'progress', jobId, progress });
    },
    flushAll: (partial: Results) => partial.runs.forEach((run, i) => flush(i, run)),
    /** A new sweep value: its runs start again from record 0. */
    reset: () => {
      sent = new Map();
    },
  };
}

/** After each model: the panel gets the rest of its records, then the results so far are saved. */
function flushAndSave(live: ReturnType<typeof streamer>, save: (r: Results) => Promise<void>) {
  return async (partial: Results) => {
    live.flushAll(partial);
    await save(partial);
  };
}

/** The float64 engine on the extension host, records streamed to the panel as slices. */
async function hostCompute(jobId: number, prepared: Prepared, signal: AbortSignal, channel: RunChannel, save: (r: Results) => Promise<void>): Promise<Results> {
  const live = streamer(jobId, channel);
  return runExperiment(prepared, {
    engineFor: () => FLOAT64,
    signal,
    onRecord: live.onRecord,
    onProgress: live.onProgress,
    onRun: flushAndSave(live, save),
  });
}

interface SweepJob {
  jobId: number;
  text: string;
  uri: vscode.Uri;
  prepared: Prepared;
  engine: EngineInfo;
  signal: AbortSignal;
  channel: RunChannel;
  save: (r: Results) => Promise<void>;
}

/**
 * A sweep (core runAll → runSweep): each value prepared here, then computed in the webview on tfjs
 * WebGL (float32) when the engine says so — the big matrix products on the GPU — or here on the
 * float64 engine, which also takes over for the rest of the sweep if WebGL fails. The panel gets
 * the live records of the value running (host side: as slices), a `sweep` message with the points
 * so far whenever a value finishes, and the results so far are saved after every model. A cancel
 * ends it after what was recorded.
 */
async function labSweep(job: SweepJob): Promise<Results> {
  const { jobId, text, uri, prepared, signal, channel, save } = job;
  let engine = job.engine;
  const live = streamer(jobId, channel);
  const hostSave = flushAndSave(live, save);
  const spec = prepared.experiment!.sweep!;
  const points: SweepPoint[] = [];
  let running: number | null = 0;
  const post = (changed?: EngineInfo) => channel.post({ type: 'sweep', jobId, sweep: { path: spec.path, values: spec.values, points: [...points] }, running, ...(changed ? { engine: changed } : {}) });
  post();
  const inWebview = async (point: Prepared, options: RunExperimentOptions): Promise<Results | null> => {
    try {
      return await webviewResults(jobId, point, channel, async (partial) => {
        await options.onRun?.(partial);
      }, signal);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      engine = { backend: 'js', precision: 'float64', side: 'host', reason: `WebGL failed in the panel (${why}); the extension host computes the rest of the sweep in float64` };
      channel.log(`lab: ${engine.reason}`);
      post(engine);
      channel.post({ type: 'status', level: 'warning', text: engine.reason });
      return null;
    }
  };
  const results = await runAll(text, prepared, {
    io: nodeDataIO(uri.fsPath),
    engineFor: () => FLOAT64,
    // each value is prepared afresh from the text: the settings apply to it as to the file
    adjust: (p) => applySettings(p, text, uri, () => undefined),
    signal,
    onRecord: live.onRecord,
    onProgress: live.onProgress,
    // the webview keeps its own records: only the host's are flushed to it
    onRun: (partial) => (engine.side === 'webview' ? save(partial) : hostSave(partial)),
    runPoint: async (point, options) => {
      if (engine.side === 'webview' && !signal.aborted) {
        const computed = await inWebview(point, options);
        if (computed) return computed;
      }
      return runExperiment(point, options);
    },
    onPoint: (point, i) => {
      points.push(point);
      running = i + 1 < spec.values.length && !signal.aborted ? i + 1 : null;
      live.reset();
      post();
    },
  });
  channel.post({ type: 'sweep', jobId, sweep: results.sweep ?? { path: spec.path, values: spec.values, points }, running: null });
  return results;
}
