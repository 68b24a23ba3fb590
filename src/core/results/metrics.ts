// What a run records at each recorded step, all from the float64 end-to-end W (spec §4).
import { gemm } from '../linalg/gemm';
import { singularValues } from '../linalg/dense';
import { componentValues, reducedRankDistances } from '../theory/index';
import type { Mat, Problem, Theory } from '../types';
import { completionLoss, momentsLoss } from '../dynamics/loss';
import { lossConstant } from '../dynamics/lossConstant';

export interface RecordMetrics {
  loss: number;
  excessLoss: number;
  singularValues: number[];
  nuclearNorm: number;
  reconstructionError: number | null;
  reducedRankDistance: number[] | null;
  componentValues: number[] | null;
}

/** f(W) (dynamics/loss.ts): ½⟨W,ΣxW⟩ − ⟨W,Σxy⟩ + c (c: ½trΣy, or the excess-loss constant when trΣy is unknown); completion: Σ_Ω (W−M)²/(2|Ω|). */
export function lossOf(problem: Problem, W: Mat): number {
  if (problem.kind === 'completion') return completionLoss(W.data, problem.matrix.data, problem.mask, problem.observedCount, null);
  const { d, p } = problem;
  const SW = new Float64Array(d * p);
  gemm(problem.sigmaX.data, W.data, SW, d, d, p);
  return momentsLoss(W.data, SW, problem.sigmaXY.data, lossConstant(problem), null);
}

/** f(W) − min f = ½ tr((W−W*)ᵀ Σx (W−W*)) (spec §1), computed directly so it stays exact near 0. */
export function excessLossOf(problem: Problem, theory: Theory | null, W: Mat): number {
  if (problem.kind === 'completion' || !theory) return lossOf(problem, W);
  const { d, p } = problem;
  const D = new Float64Array(d * p);
  for (let i = 0; i < d * p; i++) D[i] = W.data[i] - theory.wStar.data[i];
  const SD = new Float64Array(d * p);
  gemm(problem.sigmaX.data, D, SD, d, d, p);
  let s = 0;
  for (let i = 0; i < d * p; i++) s += D[i] * SD[i];
  return Math.max(0, 0.5 * s);
}

/** ‖W − W_true‖²_F / ‖W_true‖²_F over all entries (ACHL's test error), or null without a ground truth. */
export function reconstructionErrorOf(problem: Problem, W: Mat): number | null {
  const truth = problem.kind === 'completion' ? (problem.hasGroundTruth ? problem.matrix : null) : problem.groundTruth;
  if (!truth) return null;
  let num = 0;
  let den = 0;
  for (let i = 0; i < truth.data.length; i++) {
    num += (W.data[i] - truth.data[i]) ** 2;
    den += truth.data[i] ** 2;
  }
  return den > 0 ? num / den : null;
}

export function recordMetrics(problem: Problem, theory: Theory | null, W: Mat): RecordMetrics {
  const sv = singularValues(W);
  const excessLoss = excessLossOf(problem, theory, W);
  // moments data without trΣy: the loss is the excess loss (spec §2), taken from its exact form
  const lossIsExcess = problem.kind === 'moments' && problem.traceSigmaY === null && theory !== null;
  return {
    loss: lossIsExcess ? excessLoss : lossOf(problem, W),
    excessLoss,
    singularValues: sv,
    nuclearNorm: sv.reduce((a, b) => a + b, 0),
    reconstructionError: reconstructionErrorOf(problem, W),
    reducedRankDistance: theory ? reducedRankDistances(W, theory) : null,
    componentValues: theory ? componentValues(W, theory) : null,
  };
}
