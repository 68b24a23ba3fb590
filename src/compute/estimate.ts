// How long a job will take on this machine: the one estimator (core select.ts
// estimateFloat64Seconds, flops × steps at the float64 engine's measured rate) summed over the
// sweep's points and shared among the threads that run its tasks at once. What live mode asks
// before it re-runs an edit (issue 13), beside `auto`'s pick and the budget diagnostics.
import { problemDims } from '../core/dynamics/gradient';
import { estimateFloat64Seconds } from '../core/dynamics/select';
import type { Prepared } from '../core/lab';

/** Estimated wall seconds of every model of every point, on `threads` threads (one task a thread). */
export function estimateJobSeconds(points: readonly Prepared[], threads: number): number {
  let total = 0;
  let longest = 0;
  let tasks = 0;
  for (const p of points) {
    if (!p.experiment || !p.problem) continue;
    const { d, p: cols } = problemDims(p.problem);
    for (const model of p.experiment.models) {
      const seconds = estimateFloat64Seconds({ ...p.experiment, models: [model] }, d, cols);
      total += seconds;
      longest = Math.max(longest, seconds);
      tasks++;
    }
  }
  // tasks share the threads; the longest task bounds it from below
  return Math.max(longest, total / Math.max(1, Math.min(threads, tasks)));
}
