// `sweep` (spec §2): run the experiment once per value at a JSON pointer — ACHL's error against
// the number of observations (ACHL Fig. 1), or any one-parameter study (η, δ, depth). Each value is
// written into the parsed file (without its `sweep`), re-prepared and run as an experiment of its
// own, so its data, defaults and diagnostics are those that file would have. The results are the
// last point's full results, with `sweep: { path, values, points }` added (spec §4).
import type { DataIO, ProblemCache } from '../data/index';
import { fieldName } from '../experiment/pointer';
import { parseExperimentText } from '../experiment/parse';
import type { EngineChoice, RunHooks } from '../dynamics/run';
import { prepareExperiment, runExperiment, type Prepared, type RunExperimentOptions } from '../lab';
import type { Diagnostic, Results, SweepPoint, SweepSpec } from '../types';
import { withValueAt } from '../experiment/pointer';

export interface SweepOptions extends RunHooks {
  io: DataIO;
  cache?: ProblemCache;
  /** The engine for model i of one point (the shells pick by compute.backend, spec §2). */
  engineFor: (modelIndex: number, prepared: Prepared) => EngineChoice | Promise<EngineChoice>;
  /** After each model of each point ends: the point's results so far, with the sweep so far. */
  onRun?: (results: Results) => void | Promise<void>;
  /** After each point: the point and its index. */
  onPoint?: (point: SweepPoint, index: number) => void;
  /** Adjust a point's prepared experiment before it runs (e.g. a command-line backend override). */
  adjust?: (prepared: Prepared) => void;
  /**
   * Runs one point's prepared experiment; core runExperiment when absent. The lab panel passes one
   * that computes the point in the webview on tfjs WebGL (its `options` carry the sweep's hooks).
   */
  runPoint?: (prepared: Prepared, options: RunExperimentOptions, index: number) => Promise<Results>;
}

const shown = (v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

/** The sweep's point of one run: each model's final reconstruction error (and loss), the baseline's. */
export function sweepPoint(value: unknown, results: Results): SweepPoint {
  const final: SweepPoint['final'] = {};
  const loss: NonNullable<SweepPoint['loss']> = {};
  const stopReason: NonNullable<SweepPoint['stopReason']> = {};
  for (const run of results.runs) {
    const errors = run.reconstructionError ?? [];
    final[run.label] = errors.length ? errors[errors.length - 1] : null;
    loss[run.label] = run.loss.length ? run.loss[run.loss.length - 1] : null;
    stopReason[run.label] = run.stopReason;
  }
  const baseline = results.baselines.nuclearNormMinimization?.reconstructionError ?? null;
  return { value, final, baseline, loss, stopReason };
}

/** The main body's diagnostics, then the other points' that it lacks, each naming its value. */
function mergeDiagnostics(main: Diagnostic[], others: Array<{ value: unknown; diagnostics: Diagnostic[] }>, path: string): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.code}|${d.path}|${d.severity}`;
  const seen = new Set(main.map(key));
  const out = [...main];
  for (const { value, diagnostics } of others) {
    for (const d of diagnostics) {
      if (seen.has(key(d))) continue;
      seen.add(key(d));
      out.push({ ...d, message: `with ${fieldName(path)} = ${shown(value)}: ${d.message}` });
    }
  }
  return out;
}

/**
 * Runs every value of the file's sweep. Throws when the file has no sweep or cannot be run (check
 * prepareExperiment first). Cancelling (signal) ends the sweep after the point in progress, which
 * keeps what it recorded; the results hold the points so far.
 */
export async function runSweep(text: string, options: SweepOptions): Promise<Results> {
  const parsed = parseExperimentText(text);
  const doc = parsed.value as Record<string, unknown> | undefined;
  const sweep = doc?.sweep as SweepSpec | undefined;
  if (parsed.diagnostics.length || !doc || !sweep) throw new Error('runSweep: the experiment has no sweep');
  const base = { ...doc };
  delete base.sweep;
  const spec: SweepSpec = { path: sweep.path, values: [...sweep.values] };
  const points: SweepPoint[] = [];
  const seen: Array<{ value: unknown; diagnostics: Diagnostic[] }> = [];
  let main: Results | null = null;
  const finish = (r: Results, upTo: SweepPoint[]): Results => ({
    ...r,
    experiment: { ...r.experiment, sweep: spec },
    diagnostics: mergeDiagnostics(r.diagnostics, seen.slice(0, -1), spec.path),
    sweep: { path: spec.path, values: spec.values, points: upTo },
  });
  for (let i = 0; i < spec.values.length; i++) {
    if (options.signal?.aborted) break;
    const value = spec.values[i];
    const pointDoc = withValueAt(base, spec.path, value);
    if (!pointDoc) throw new Error(`runSweep: ${spec.path} does not lead to a field of this experiment`);
    const prepared = await prepareExperiment(JSON.stringify(pointDoc), options.io, options.cache);
    if (prepared.refused || !prepared.experiment) {
      const first = prepared.diagnostics.find((d) => d.severity === 'error');
      throw new Error(`runSweep: with ${fieldName(spec.path)} = ${shown(value)} the experiment cannot run: ${first?.message ?? 'no problem'}`);
    }
    options.adjust?.(prepared);
    const label = (l: string) => `${l} · ${fieldName(spec.path)} = ${shown(value)}`;
    seen.push({ value, diagnostics: prepared.diagnostics });
    const runPoint = options.runPoint ?? ((p: Prepared, o: RunExperimentOptions) => runExperiment(p, o));
    const results = await runPoint(prepared, {
      ...options,
      engineFor: (m) => options.engineFor(m, prepared),
      onProgress: options.onProgress ? (p) => options.onProgress!({ ...p, label: label(p.label) }) : undefined,
      onRun: options.onRun ? (partial) => options.onRun!(finish(partial, points)) : undefined,
    }, i);
    const cancelled = results.runs.some((r) => r.stopReason === 'cancelled') || options.signal?.aborted;
    // a point cut short by a cancel is not a point of the study, but its runs are the main body
    main = results;
    if (cancelled) break;
    const point = sweepPoint(value, results);
    points.push(point);
    options.onPoint?.(point, i);
  }
  if (!main) throw new Error('runSweep: cancelled before the first point');
  return finish(main, points);
}

/** Runs a prepared experiment: its sweep when it has one (from the same text), else once. */
export async function runAll(text: string, prepared: Prepared, options: SweepOptions): Promise<Results> {
  if (prepared.experiment?.sweep) return runSweep(text, options);
  options.adjust?.(prepared);
  return runExperiment(prepared, { ...options, engineFor: (m) => options.engineFor(m, prepared) });
}
