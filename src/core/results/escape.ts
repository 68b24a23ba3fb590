// Cao's stages for completion (spec §2, ACHL Fig. 2): singular value i of W "escapes" at the first
// recorded step where it exceeds half the i-th singular value of M. The targets are M's singular
// values above rankTol·σ1(M) (the §1 notion of a learnable component), null without ground truth.
import { singularValues } from '../linalg/dense';
import type { Problem } from '../types';

/** ½σ_i(M) for the singular values of M above rankTol·σ1(M); null unless completion with a full ground truth. */
export function escapeThresholds(problem: Problem, rankTol: number): number[] | null {
  if (problem.kind !== 'completion' || !problem.hasGroundTruth) return null;
  const s = singularValues(problem.matrix);
  const top = s[0] ?? 0;
  return s.filter((v) => top > 0 && v > rankTol * top).map((v) => v / 2);
}

/** Fills escape[i] with step k where it is still null and sv[i] > threshold[i]. */
export function updateEscapeSteps(escape: Array<number | null>, thresholds: number[], sv: number[], k: number): void {
  for (let i = 0; i < thresholds.length; i++) if (escape[i] === null && (sv[i] ?? 0) > thresholds[i]) escape[i] = k;
}
