// When two sweep results are of the same experiment, and which grid point a results body is: what
// resuming a sweep (src/compute/job.ts) and merging its shards (merge.ts) decide by. Two results
// are of the same experiment when their experiments (every default filled in) agree once the
// sweep and the swept fields are set aside, and their axes vary the same fields; a point is known
// by its values. Pure.
import { getAtPointer, withValueAt } from '../experiment/pointer';
import type { Experiment, Results, SweepAxis, SweepPoint } from '../types';
import { resultsAxes, sweepAxes } from './axes';

/** A point's identity: its values on the axes. */
export const pointKey = (values: readonly unknown[]) => JSON.stringify(values);

/** A stored point's values ([value] in files written before spec §5.5). */
export const valuesOf = (p: SweepPoint): unknown[] => (Array.isArray(p.values) ? p.values : [p.value]);

/** The experiment with its sweep and the fields the axes vary set aside: equal for every point of one sweep. */
export function experimentKey(exp: Experiment, axes: readonly SweepAxis[]): string {
  let doc: Record<string, unknown> = { ...(exp as unknown as Record<string, unknown>) };
  delete doc.sweep;
  for (const a of axes) doc = withValueAt(doc, a.path, null) ?? doc;
  return JSON.stringify(doc) + '|' + JSON.stringify(axes.map((a) => a.path));
}

/** The sweep's key of a results file, or null when it is no sweep results. */
export function resultsKey(r: Results): string | null {
  if (!r.sweep || !r.experiment?.sweep) return null;
  return experimentKey(r.experiment, sweepAxes(r.experiment.sweep));
}

/** The grid point a sweep's results body (its runs, problem, theory) belongs to: the values of its experiment at the axes. */
export function bodyValues(r: Results): unknown[] | null {
  if (!r.sweep) return null;
  return resultsAxes(r.sweep).map((a) => getAtPointer(r.experiment, a.path));
}

/** Whether a parsed file looks like results (format and the fields a sweep's reuse reads). */
export function isResults(value: unknown): value is Results {
  const r = value as Partial<Results> | null;
  return r !== null && typeof r === 'object' && r.format === 'lnn-lab.results/1' && typeof r.experiment === 'object' && Array.isArray(r.runs);
}
