// The float32 loss of the tfjs engines: evaluated from an anchor W* so that it stays accurate near
// convergence (momentsAnchor), for a batch of states in a few ops (rawLosses).
import type * as TF from '@tensorflow/tfjs';
import { gemm } from '../../linalg/gemm';
import { sigmaXEigOf, sigmaXPinvTimes } from '../../theory/leastSquares';
import type { MomentsProblem } from '../../types';
import type { Tf } from './load';

type Tensor2D = TF.Tensor2D;

/**
 * Eigen-directions of Σx below this fraction of λmax are left out of the loss anchor W*: an anchor,
 * not the lab's W* (which keeps every direction above the pseudo-inverse cut-off), so that it stays
 * of the size of the iterates; any anchor makes the identity below exact.
 */
export const ANCHOR_RCOND = 1e-3;

/**
 * The anchor of the float32 loss of a moments problem. For any W* (here: Σx⁺Σxy restricted to the
 * eigen-directions of Σx above ANCHOR_RCOND·λmax, so that it stays of the size of the iterates,
 * then rounded to float32) and R = Σxy − Σx W*, the identity
 *   f(W) = ½⟨W,ΣxW⟩ − ⟨W,Σxy⟩ + c = ½⟨E, ΣxE⟩ − ⟨W, R⟩ + c0,   E = W − W*,  c0 = c − ½⟨W*, ΣxW*⟩
 * holds exactly. Evaluated in float32, the direct form loses eps·c (c = ½trΣy, which near
 * convergence may be 10⁶ times the loss, GBL §4.2); this one loses about eps·λmax‖E‖², small where
 * the loss is small, so stopLoss trips where the float64 engine's does. c0 is computed in float64.
 */
export function momentsAnchor(problem: MomentsProblem, c: number): { wStar: Float32Array; R: Float64Array; c0: number } {
  const { d, p } = problem;
  const sx = problem.sigmaX.data;
  const sxy = problem.sigmaXY.data;
  // Σx⁺Σxy with the anchor's cut-off (theory/leastSquares.ts: the same eigendecomposition as W*)
  const eig = sigmaXEigOf(problem);
  const lmax = Math.max(0, eig.values[0] ?? 0);
  const wStar = Float32Array.from(sigmaXPinvTimes(eig, problem.sigmaXY, ANCHOR_RCOND * lmax).data);
  const w64 = Float64Array.from(wStar);
  const sw = new Float64Array(d * p);
  gemm(sx, w64, sw, d, d, p);
  const R = new Float64Array(d * p);
  let quad = 0;
  for (let i = 0; i < d * p; i++) {
    R[i] = sxy[i] - sw[i];
    quad += w64[i] * sw[i];
  }
  return { wStar, R, c0: c - quad / 2 };
}

/** What the raw losses are formed from: moments: s·Σx and the anchor; completion: nothing more. */
export interface LossOperands {
  /** moments: s·Σx (d×d); completion: unused. */
  A: Tensor2D;
  /** moments: the loss anchor W* and s·R (momentsAnchor); completion: null. */
  anchor: { wStar: Tensor2D; sR: Tensor2D } | null;
  /** The scalar 2. */
  two: TF.Scalar;
}

/**
 * The raw losses (1-D, one per state) of consecutive states from their loss inputs (moments: W;
 * completion: sG); disposes them. moments: raw = ⟨E, sΣx E⟩ − 2⟨W, sR⟩, E = W − W* (momentsAnchor),
 * the quadratic form of all the states in one matMul; completion: raw = ‖sG‖²_F. The engine maps
 * raw to f in float64 (f = lossScale·raw + lossOffset).
 */
export function rawLosses(tf: Tf, inputs: Tensor2D[], ops: LossOperands, d: number, p: number): TF.Tensor1D {
  const anchor = ops.anchor;
  const m = inputs.length;
  const out = tf.tidy(() => {
    const X = tf.stack(inputs) as TF.Tensor3D; // m×d×p
    if (!anchor) return tf.sum(tf.square(X), [1, 2]);
    const Et = tf.transpose(tf.sub(X, anchor.wStar), [1, 0, 2]); // d×m×p
    const AE = tf.reshape(tf.matMul(ops.A, tf.reshape(Et, [d, m * p])), [d, m, p]);
    const quad = tf.sum(tf.mul(Et, AE), [0, 2]);
    const lin = tf.sum(tf.mul(X, anchor.sR), [1, 2]);
    return tf.sub(quad, tf.mul(lin, ops.two));
  }) as TF.Tensor1D;
  for (const t of inputs) t.dispose();
  return out;
}
