// `sweep` (spec §2): the experiment once per value at a JSON pointer — ACHL's error against the
// number of observations (ACHL Fig. 1), or any one-parameter study (η, δ, depth). Each value is
// written into the parsed file (without its `sweep`) and prepared as an experiment of its own, so
// its data, defaults and diagnostics are those that file would have. The results are the last
// point's full results with `sweep: { path, values, points }` added (spec §4). Pure: the job layer
// (src/compute/job.ts) prepares, runs and assembles the points with these.
import { fieldName, withValueAt } from '../experiment/pointer';
import { parseExperimentText } from '../experiment/parse';
import type { Diagnostic, Results, SweepPoint, SweepSpec } from '../types';

/** A sweep whose path leads nowhere (the schema's check missed it): said to the user in one line. */
export class SweepPathError extends Error {}

export const shownValue = (v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

/** A run's label within a sweep point: "depth 3 · data.observed = 80". */
export const pointLabel = (label: string, spec: SweepSpec, value: unknown) => `${label} · ${fieldName(spec.path)} = ${shownValue(value)}`;

/** The sweep of a file and, per value, the document of that point (text to prepare). Throws on a path that leads nowhere. */
export function sweepDocuments(text: string): { spec: SweepSpec; documents: string[] } {
  const parsed = parseExperimentText(text);
  const doc = parsed.value as Record<string, unknown> | undefined;
  const sweep = doc?.sweep as SweepSpec | undefined;
  if (parsed.diagnostics.length || !doc || !sweep) throw new Error('the experiment has no sweep');
  const base = { ...doc };
  delete base.sweep;
  const spec: SweepSpec = { path: sweep.path, values: [...sweep.values] };
  const documents = spec.values.map((value) => {
    const pointDoc = withValueAt(base, spec.path, value);
    if (!pointDoc) throw new SweepPathError(`sweep.path ${spec.path} does not lead to a field of this experiment`);
    return JSON.stringify(pointDoc);
  });
  return { spec, documents };
}

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
export function mergeDiagnostics(main: Diagnostic[], others: Array<{ value: unknown; diagnostics: Diagnostic[] }>, path: string): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.code}|${d.path}|${d.severity}`;
  const seen = new Set(main.map(key));
  const out = [...main];
  for (const { value, diagnostics } of others) {
    for (const d of diagnostics) {
      if (seen.has(key(d))) continue;
      seen.add(key(d));
      out.push({ ...d, message: `with ${fieldName(path)} = ${shownValue(value)}: ${d.message}` });
    }
  }
  return out;
}

/** A sweep's results: the main point's, its experiment keeping the sweep, the points finished, every point's diagnostics. */
export function sweepResults(main: Results, spec: SweepSpec, points: SweepPoint[], others: Array<{ value: unknown; diagnostics: Diagnostic[] }>): Results {
  return {
    ...main,
    experiment: { ...main.experiment, sweep: spec },
    diagnostics: mergeDiagnostics(main.diagnostics, others, spec.path),
    sweep: { path: spec.path, values: spec.values, points },
  };
}
