// A sweep point's runs, thinned to a few hundred records (spec §5.5: clicking a heatmap cell shows
// that point's curves). Kept: the first and the last record, every record at an observed phase
// step (the staircase's corners) or an escape step (Cao's stages), and the rest evenly spaced in
// record index — evenly in time for `every`, evenly on a log time axis for log-spaced records
// (spec §5.4). Every per-record array (those as long as `steps`, also inside objects such as
// `bounds`) is cut to the kept records; per-component fields are kept whole. Pure.
import type { RunResult } from '../types';

/** The most records a sweep point's run keeps. */
export const SWEEP_RUN_RECORDS = 300;

/** Fields of a run that are per component, not per record, whatever their length. */
const PER_COMPONENT = new Set(['phaseSteps', 'escapeSteps']);

/** The record indices kept out of `n`: sorted, distinct, at most `max`, 0 and n − 1 among them, `must` (in range) first. */
export function keptRecords(n: number, must: readonly number[], max = SWEEP_RUN_RECORDS): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const kept = new Set<number>([0, n - 1]);
  for (const i of must) if (kept.size < max && Number.isInteger(i) && i > 0 && i < n - 1) kept.add(i);
  // the rest evenly spaced in index, skipping those already kept, until max
  const room = max - kept.size;
  for (let j = 1; j <= room && kept.size < max; j++) {
    const at = Math.round((j * (n - 1)) / (room + 1));
    // taken: the nearest free record (n > max, so one is free)
    for (let d = 0; d < n; d++) {
      if (at + d < n && !kept.has(at + d)) {
        kept.add(at + d);
        break;
      }
      if (at - d >= 0 && !kept.has(at - d)) {
        kept.add(at - d);
        break;
      }
    }
  }
  return [...kept].sort((a, b) => a - b);
}

/** The record indices of a run's observed phase and escape steps (the steps where its curves turn). */
function turningRecords(run: RunResult): number[] {
  const at = new Map(run.steps.map((s, i) => [s, i]));
  const steps = [...(run.phaseSteps?.observed ?? []), ...(run.escapeSteps ?? [])];
  return steps.flatMap((s) => (s !== null && at.has(s) ? [at.get(s)!] : []));
}

function cut(value: unknown, n: number, keep: readonly number[]): unknown {
  if (Array.isArray(value)) return value.length === n ? keep.map((i) => value[i]) : value;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cut(v, n, keep);
    return out;
  }
  return value;
}

/** A run with at most `max` records (core of spec §5.5's per-point runs); a run that short comes back unchanged (a copy). */
export function thinRun(run: RunResult, max = SWEEP_RUN_RECORDS): RunResult {
  const n = run.steps.length;
  const keep = keptRecords(n, turningRecords(run), max);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(run)) out[k] = PER_COMPONENT.has(k) || keep.length === n ? structuredClone(v) : cut(v, n, keep);
  return out as unknown as RunResult;
}
