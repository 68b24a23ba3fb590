// `sweep` (spec §2, §5.5): the experiment once per point of a grid of values at JSON pointers —
// ACHL's error against the number of observations (ACHL Fig. 1), any one-parameter study (η, δ,
// depth), or a two-parameter phase diagram (step size × δ). Each point's values are written into
// the parsed file (without its `sweep`, its models keeping the base file's labels) and prepared as
// an experiment of its own, so its data, defaults and diagnostics are those that file would have.
// The results are the last point's full results with `sweep: { axes, points }` added (and, for one
// axis, `path`, `values`). Pure: the job layer (src/compute/job.ts) prepares, runs and assembles.
import { defaultLabels } from '../experiment/defaults';
import { fieldName, withValueAt } from '../experiment/pointer';
import { parseExperimentText } from '../experiment/parse';
import type { Diagnostic, ModelSpec, Results, SweepAxis, SweepPoint, SweepSpec } from '../types';
import { gridValues, sweepAxes, sweepHeader } from './axes';

/** A sweep whose path leads nowhere (the schema's check missed it): said to the user in one line. */
export class SweepPathError extends Error {}

export const shownValue = (v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

/** A point's values in words: "data.observed = 80", "optimizer.stepSize = 0.5, init.delta = 4". */
export const pointName = (axes: readonly SweepAxis[], values: readonly unknown[]) => axes.map((a, i) => `${fieldName(a.path)} = ${shownValue(values[i])}`).join(', ');

/** A run's label within a sweep point: "depth 3 · data.observed = 80". */
export const pointLabel = (label: string, axes: readonly SweepAxis[], values: readonly unknown[]) => `${label} · ${pointName(axes, values)}`;

/** The file without its sweep, each model given the label the base file gives it (spec §5.5: labels are the base file's, whatever the sweep changes). */
export function sweepBase(doc: Record<string, unknown>): Record<string, unknown> {
  const base = { ...doc };
  delete base.sweep;
  if (Array.isArray(base.models) && base.models.every((m) => m !== null && typeof m === 'object' && typeof (m as ModelSpec).depth === 'number')) {
    const labels = defaultLabels(base.models as ModelSpec[]);
    base.models = (base.models as ModelSpec[]).map((m, j) => ({ ...m, label: labels[j] }));
  }
  return base;
}

/** The sweep of a file: its axes, every point's values in the spec's order, and each point's document (text to prepare). Throws on a path that leads nowhere. */
export function sweepDocuments(text: string): { axes: SweepAxis[]; grid: unknown[][]; documents: string[] } {
  const parsed = parseExperimentText(text);
  const doc = parsed.value as Record<string, unknown> | undefined;
  const sweep = doc?.sweep as SweepSpec | undefined;
  if (parsed.diagnostics.length || !doc || !sweep) throw new Error('the experiment has no sweep');
  const base = sweepBase(doc);
  const axes = sweepAxes(sweep);
  const grid = gridValues(axes);
  const documents = grid.map((values) => {
    let pointDoc: Record<string, unknown> | null = base;
    axes.forEach((a, i) => {
      pointDoc = pointDoc && withValueAt(pointDoc, a.path, values[i]);
      if (!pointDoc) throw new SweepPathError(`sweep ${axes.length > 1 ? `axis ${i + 1}'s path` : 'path'} ${a.path} does not lead to a field of this experiment`);
    });
    return JSON.stringify(pointDoc);
  });
  return { axes, grid, documents };
}

/** The main body's diagnostics, then the other points' that it lacks, each naming its values. */
export function mergeDiagnostics(main: Diagnostic[], others: Array<{ values: unknown[]; diagnostics: Diagnostic[] }>, axes: readonly SweepAxis[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.code}|${d.path}|${d.severity}`;
  const seen = new Set(main.map(key));
  const out = [...main];
  for (const { values, diagnostics } of others) {
    for (const d of diagnostics) {
      if (seen.has(key(d))) continue;
      seen.add(key(d));
      out.push({ ...d, message: `with ${pointName(axes, values)}: ${d.message}` });
    }
  }
  return out;
}

/**
 * A sweep's results: the main point's, its experiment keeping the sweep as the file gave it, the
 * points finished (in grid order), every point's diagnostics.
 */
export function sweepResults(main: Results, spec: SweepSpec, points: SweepPoint[], others: Array<{ values: unknown[]; diagnostics: Diagnostic[] }>): Results {
  const axes = sweepAxes(spec);
  return {
    ...main,
    experiment: { ...main.experiment, sweep: spec },
    diagnostics: mergeDiagnostics(main.diagnostics, others, axes),
    sweep: { ...sweepHeader(axes), points },
  };
}
