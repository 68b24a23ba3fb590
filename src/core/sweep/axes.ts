// A sweep's axes and its grid (spec §2 `sweep`, §5.5): the one-axis form `{ path, values }` and
// `{ axes: [ { path, values }, … ] }` (one or two axes) read alike; the grid V1 × V2 in the spec's
// order, point k = i·|V2| + j at [V1[i], V2[j]]. Pure.
import type { SweepAxis, SweepResults, SweepSpec } from '../types';

/** The most axes a sweep may have (spec §5.5: a phase diagram is two parameters). */
export const MAX_SWEEP_AXES = 2;

/** The axes of a sweep, whichever form the file gives (empty when it gives neither). */
export function sweepAxes(spec: SweepSpec): SweepAxis[] {
  if (spec.axes) return spec.axes.map((a) => ({ path: a.path, values: [...a.values] }));
  if (spec.path !== undefined && spec.values !== undefined) return [{ path: spec.path, values: [...spec.values] }];
  return [];
}

/** How many points the sweep runs: the product of its axes' lengths (1 without a sweep). */
export function sweepPointCount(spec: SweepSpec | undefined): number {
  if (!spec) return 1;
  return sweepAxes(spec).reduce((n, a) => n * a.values.length, 1);
}

/** Point k's index on each axis: k = i·|V2| + j → [i, j] (spec §5.5); row-major over any number of axes. */
export function gridIndex(axes: readonly SweepAxis[], k: number): number[] {
  const out = new Array<number>(axes.length);
  for (let a = axes.length - 1; a >= 0; a--) {
    const n = axes[a].values.length;
    out[a] = k % n;
    k = Math.floor(k / n);
  }
  return out;
}

/** Every point's values in the spec's order: [V1[i], V2[j]] at i·|V2| + j. */
export function gridValues(axes: readonly SweepAxis[]): unknown[][] {
  const count = axes.reduce((n, a) => n * a.values.length, 1);
  return Array.from({ length: axes.length ? count : 0 }, (_, k) => gridIndex(axes, k).map((i, a) => axes[a].values[i]));
}

/** The results' `sweep` header: `axes`, and for one axis its `path` and `values` too (older readers). */
export function sweepHeader(axes: readonly SweepAxis[]): { axes: SweepAxis[]; path?: string; values?: unknown[] } {
  const copy = axes.map((a) => ({ path: a.path, values: [...a.values] }));
  return copy.length === 1 ? { path: copy[0].path, values: copy[0].values, axes: copy } : { axes: copy };
}

/** The axes of a results file's sweep: `axes`, or (files written before spec §5.5) its one `path` and `values`. */
export function resultsAxes(sweep: Pick<SweepResults, 'axes' | 'path' | 'values'>): SweepAxis[] {
  return sweepAxes(sweep);
}
