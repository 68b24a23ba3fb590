// Which steps are recorded: spec §2 `record.every` — 0, k, 2k, …, and always the last step — or
// spec §5.4 `record: { points: N, spacing: "log" }` — N distinct log-spaced steps, 0 and `steps`
// among them. One schedule object answers both for the run loop and the cost estimates.
import type { RecordSpec } from '../types';

export interface RecordSchedule {
  /** The next step to record after `step`, never beyond `steps`. */
  next(step: number): number;
  /** How many steps a completed run records. */
  readonly count: number;
}

/** The next step to record after `step`, never beyond `steps` (every k steps). */
export function nextRecordStep(step: number, every: number, steps: number): number {
  return Math.min(steps, (Math.floor(step / every) + 1) * every);
}

/** Every step that a completed run records (every k steps). */
export function recordedSteps(every: number, steps: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < steps; k += every) out.push(k);
  out.push(steps);
  return out;
}

/**
 * Spec §5.4: N distinct steps — 0, steps, and N − 2 at round(steps^(j/(N−1))), j = 1…N−2, a value
 * already taken moving to the next unused integer; every step when N > steps + 1. Ascending.
 */
export function logSpacedSteps(points: number, steps: number): number[] {
  if (points > steps + 1) return Array.from({ length: steps + 1 }, (_, k) => k);
  const taken = new Set<number>([0, steps]);
  for (let j = 1; j <= points - 2; j++) {
    let v = Math.round(Math.pow(steps, j / (points - 1)));
    while (taken.has(v)) v++;
    // past the end (only when N is near steps + 1): the smallest unused step instead
    if (v >= steps) for (v = 1; taken.has(v); v++);
    taken.add(v);
  }
  return [...taken].sort((a, b) => a - b);
}

export function recordSchedule(record: RecordSpec, steps: number): RecordSchedule {
  if ('every' in record) {
    const every = record.every;
    return { next: (step) => nextRecordStep(step, every, steps), count: Math.floor(steps / every) + (steps % every === 0 ? 1 : 2) };
  }
  const at = logSpacedSteps(record.points, steps);
  return {
    next(step) {
      // the first recorded step after `step` (binary search)
      let lo = 0;
      let hi = at.length - 1;
      if (step >= at[hi]) return steps;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (at[mid] > step) hi = mid;
        else lo = mid + 1;
      }
      return at[lo];
    },
    count: at.length,
  };
}
