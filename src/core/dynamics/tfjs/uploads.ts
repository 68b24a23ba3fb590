// What a float32 engine uploads once: the gradient operands scaled by the method's s, the loss
// anchor, and the float64 affine map from the raw float32 loss to f.
import type * as TF from '@tensorflow/tfjs';
import { lossConstant } from '../lossConstant';
import type { Problem } from '../../types';
import { momentsAnchor, type LossOperands } from './anchor';
import type { Tf } from './load';
import type { GradientOperands } from './steps';

export interface Uploads {
  operands: GradientOperands;
  lossOperands: LossOperands;
  /** f = lossScale·raw + lossOffset (float64, after the read-back). */
  lossScale: number;
  lossOffset: number;
}

/** x·scale as float32. */
export function float32Of(x: Float64Array, scale = 1): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = scale * x[i];
  return out;
}

/**
 * The operands of `problem` (d×p end-to-end) with every gradient multiplied by s: then each ∇_l a
 * step sees is s·∇_l, which saves one op per step. `two`: the engine's scalar 2.
 */
export function uploadProblem(tf: Tf, problem: Problem, d: number, p: number, s: number, two: TF.Scalar): Uploads {
  if (problem.kind === 'moments') {
    const A = tf.tensor2d(float32Of(problem.sigmaX.data, s), [d, d], 'float32');
    const B = tf.tensor2d(float32Of(problem.sigmaXY.data, s), [d, p], 'float32');
    // f = ½ tr(WᵀΣxW) − tr(WᵀΣxy) + c (lossConstant.ts); raw = ⟨E, sΣxE⟩ − 2⟨W, sR⟩ = 2s(f − c0) (momentsAnchor)
    const { wStar, R, c0 } = momentsAnchor(problem, lossConstant(problem));
    return {
      operands: { kind: 'moments', A, B },
      lossOperands: { A, anchor: { wStar: tf.tensor2d(wStar, [d, p], 'float32'), sR: tf.tensor2d(float32Of(R, s), [d, p], 'float32') }, two },
      lossScale: 1 / (2 * s),
      lossOffset: c0,
    };
  }
  // G = P_Ω(W − M)/|Ω| (spec §2, ACHL); entries of M outside Ω may be NaN: never uploaded.
  const k = problem.observedCount;
  const mask = new Float32Array(d * p);
  const m = new Float32Array(d * p);
  for (let i = 0; i < d * p; i++) {
    if (problem.mask[i]) {
      mask[i] = s / k;
      m[i] = (s * problem.matrix.data[i]) / k;
    }
  }
  const A = tf.tensor2d(mask, [d, p], 'float32');
  // raw = ‖sG‖² = s²/|Ω|² Σ_Ω (W−M)², f = Σ_Ω (W−M)²/(2|Ω|) = raw·|Ω|/(2s²)
  return { operands: { kind: 'completion', A, B: tf.tensor2d(m, [d, p], 'float32') }, lossOperands: { A, anchor: null, two }, lossScale: k / (2 * s * s), lossOffset: 0 };
}
