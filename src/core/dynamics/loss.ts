// f(W) of spec §2, the one definition the engines' stop/diverge checks (gradient.ts) and the
// recorded metrics (results/metrics.ts) evaluate, each with G = ∂f/∂W on request.
import { residualLoss } from '../linalg/gemm';

/**
 * Moments: f = ½⟨W, ΣxW⟩ − ⟨W, Σxy⟩ + c (c: lossConstant.ts), from W and SW = ΣxW (d×p each);
 * writes G = ΣxW − Σxy (GBL eq. 7) into `G` when given.
 */
export function momentsLoss(W: Float64Array, SW: Float64Array, sigmaXY: Float64Array, c: number, G: Float64Array | null): number {
  return residualLoss(W, SW, sigmaXY, c, G, W.length);
}

/**
 * Completion: f = Σ_Ω (W − M)² / (2|Ω|) (spec §2, ACHL); writes G = P_Ω(W − M)/|Ω| into `G` when
 * given. Entries of M outside Ω (possibly NaN) are never read.
 */
export function completionLoss(W: Float64Array, M: Float64Array, mask: ArrayLike<number | boolean>, observedCount: number, G: Float64Array | null): number {
  const inv = 1 / observedCount;
  let s = 0;
  for (let i = 0; i < W.length; i++) {
    if (mask[i]) {
      const r = W[i] - M[i];
      s += r * r;
      if (G) G[i] = r * inv;
    } else if (G) G[i] = 0;
  }
  return s / (2 * observedCount);
}

/** The indices of Ω (mask's nonzero entries) in increasing order: what completionLossOn walks. */
export function observedIndices(mask: ArrayLike<number | boolean>): Int32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  const out = new Int32Array(n);
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) out[j++] = i;
  return out;
}

/**
 * completionLoss on Ω given by its indices (observedIndices): |Ω| entries instead of rows·cols, the
 * same sums in the same order (bit-identical). Writes G = P_Ω(W − M)/|Ω| on Ω only: G must hold 0
 * off Ω already (a fresh arena buffer that nothing else writes, as the engine's workspace G).
 */
export function completionLossOn(W: Float64Array, M: Float64Array, observed: Int32Array, observedCount: number, G: Float64Array): number {
  const inv = 1 / observedCount;
  let s = 0;
  for (let t = 0; t < observed.length; t++) {
    const i = observed[t];
    const r = W[i] - M[i];
    s += r * r;
    G[i] = r * inv;
  }
  return s / (2 * observedCount);
}

/**
 * completionLossOn from W's entries on Ω alone, w[t] = W at observed[t] (sparse.ts sampledProduct):
 * the same sums in the same order (the same bits). Writes g[t] = (w[t] − M)/|Ω| and G = P_Ω(W − M)/|Ω|
 * on Ω (G must hold 0 off Ω already, as for completionLossOn).
 */
export function completionLossSampled(w: Float64Array, M: Float64Array, observed: Int32Array, observedCount: number, g: Float64Array, G: Float64Array): number {
  const inv = 1 / observedCount;
  let s = 0;
  for (let t = 0; t < observed.length; t++) {
    const i = observed[t];
    const r = w[t] - M[i];
    s += r * r;
    G[i] = g[t] = r * inv;
  }
  return s / (2 * observedCount);
}
