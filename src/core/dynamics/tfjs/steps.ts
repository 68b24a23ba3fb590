// What one tfjs step is made of: the state it advances, the scaled factor gradients (GBL eq. 11)
// every method starts from, and what a method's step may use (methods/*.ts hold the steps).
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from './load';

type Tensor2D = TF.Tensor2D;
type Scalar = TF.Scalar;

export interface TfjsState {
  factors: Tensor2D[];
  /** grouprmsprop's running average v (scalar), else null. */
  v: Scalar | null;
  /** The update count t (grouprmsprop's bias correction 1 − α^t). */
  t: number;
}

/** Scalars uploaded once per engine. */
export interface TfjsConstants {
  half: Scalar;
  two: Scalar;
  sixth: Scalar;
  /** η (grouprmsprop's base step size). */
  eta: Scalar;
  /** grouprmsprop's α, 1 − α and ε (methods/grouprmsprop.ts). */
  alpha: Scalar;
  oneMinusAlpha: Scalar;
  eps: Scalar;
}

/** What a method's tfjs step is given: tfjs, the constants, and s·∇ at any factors. */
export interface TfjsStepContext {
  tf: Tf;
  consts: TfjsConstants;
  /** s·∇_l f for every factor at `Ws` (s: the method's gradientScale). Call inside tf.tidy. */
  gradients(Ws: Tensor2D[]): Tensor2D[];
}

/** The gradient operands, already multiplied by s: moments s·Σx, s·Σxy; completion s·P_Ω/|Ω|, s·P_Ω(M)/|Ω|. */
export interface GradientOperands {
  kind: 'moments' | 'completion';
  A: Tensor2D;
  B: Tensor2D;
}

/**
 * s·∇_l for every factor at `Ws`, with W = W1⋯WL and sG (kept for the loss). Call inside tf.tidy.
 * ∇_l = (W1⋯W(l−1))ᵀ G (W(l+1)⋯WL)ᵀ (GBL eq. 11).
 */
export function scaledGradients(tf: Tf, ops: GradientOperands, Ws: Tensor2D[]): { grads: Tensor2D[]; W: Tensor2D; G: Tensor2D } {
  const L = Ws.length;
  // prefix[l] = W1⋯W(l+1)
  const prefix: Tensor2D[] = [Ws[0]];
  for (let l = 1; l < L; l++) prefix.push(tf.matMul(prefix[l - 1], Ws[l]));
  const W = prefix[L - 1];
  const G: Tensor2D =
    ops.kind === 'moments'
      ? // sG = sΣx W − sΣxy (GBL eq. 7)
        tf.sub(tf.matMul(ops.A, W), ops.B)
      : // sG = s P_Ω(W − M)/|Ω| (ACHL)
        tf.sub(tf.mul(W, ops.A), ops.B);
  if (L === 1) return { grads: [G], W, G };
  // suffix[l] = W(l+1)⋯WL (suffix[0] unused)
  const suffix: Tensor2D[] = new Array(L);
  suffix[L - 1] = Ws[L - 1];
  for (let l = L - 2; l >= 1; l--) suffix[l] = tf.matMul(Ws[l], suffix[l + 1]);
  const grads: Tensor2D[] = new Array(L);
  grads[0] = tf.matMul(G, suffix[1], false, true); // G (W2⋯WL)ᵀ
  grads[L - 1] = tf.matMul(prefix[L - 2], G, true, false); // (W1⋯W(L−1))ᵀ G
  for (let l = 1; l < L - 1; l++) {
    grads[l] = tf.matMul(tf.matMul(prefix[l - 1], G, true, false), suffix[l + 1], false, true);
  }
  return { grads, W, G };
}
