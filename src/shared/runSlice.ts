// Live points travel as slices: the records of a run from index `from` on (the header fields —
// stopReason, wallMs, observed phase steps — as they stand). appendRun merges a slice into the
// run the webview holds. Plumbing only: the numbers are the core's (core/dynamics/run.ts).
import type { RunResult } from '../core/types';

type PerRecord = 'steps' | 'loss' | 'excessLoss' | 'singularValues' | 'nuclearNorm' | 'reconstructionError' | 'reducedRankDistance' | 'scalarTheory' | 'closedForm' | 'componentValues';
const PER_RECORD: PerRecord[] = ['steps', 'loss', 'excessLoss', 'singularValues', 'nuclearNorm', 'reconstructionError', 'reducedRankDistance', 'scalarTheory', 'closedForm', 'componentValues'];

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** A copy of `run` whose per-record arrays hold only the records from index `from` on. */
export function sliceRun(run: RunResult, from: number): RunResult {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(run)) {
    if ((PER_RECORD as string[]).includes(k)) out[k] = Array.isArray(v) ? v.slice(from) : v;
    else if (k === 'bounds') out[k] = run.bounds ? { lower: run.bounds.lower.slice(from), upper: run.bounds.upper.slice(from) } : null;
    else if (k === 'singularValueRate') out[k] = run.singularValueRate ? { observed: run.singularValueRate.observed.slice(from), predicted: run.singularValueRate.predicted.slice(from) } : v;
    else out[k] = v;
  }
  return clone(out) as unknown as RunResult;
}

/** Merges a slice that starts at record `from` into `into` (or starts a run when into is undefined). */
export function appendRun(into: RunResult | undefined, slice: RunResult, from: number): RunResult {
  if (!into || from === 0) return clone(slice);
  const target = into as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(slice)) {
    if ((PER_RECORD as string[]).includes(k)) {
      const cur = target[k];
      if (Array.isArray(cur) && Array.isArray(v)) {
        cur.length = Math.min(cur.length, from);
        cur.push(...v);
      } else target[k] = v;
    } else if (k === 'bounds') {
      if (into.bounds && slice.bounds) {
        into.bounds.lower.length = Math.min(into.bounds.lower.length, from);
        into.bounds.upper.length = Math.min(into.bounds.upper.length, from);
        into.bounds.lower.push(...slice.bounds.lower);
        into.bounds.upper.push(...slice.bounds.upper);
      } else target[k] = v;
    } else if (k === 'singularValueRate' && into.singularValueRate && slice.singularValueRate) {
      // spec §5.6's rates: per record, as the arrays above
      for (const side of ['observed', 'predicted'] as const) {
        into.singularValueRate[side].length = Math.min(into.singularValueRate[side].length, from);
        into.singularValueRate[side].push(...slice.singularValueRate[side]);
      }
    } else target[k] = v;
  }
  return into;
}
