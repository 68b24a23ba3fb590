// f(W) of spec §2, the one definition the engines' stop/diverge checks (gradient.ts) and the
// recorded metrics (results/metrics.ts) evaluate, each with G = ∂f/∂W on request.

/**
 * Moments: f = ½⟨W, ΣxW⟩ − ⟨W, Σxy⟩ + c (c: lossConstant.ts), from W and SW = ΣxW (d×p each);
 * writes G = ΣxW − Σxy (GBL eq. 7) into `G` when given.
 */
export function momentsLoss(W: Float64Array, SW: Float64Array, sigmaXY: Float64Array, c: number, G: Float64Array | null): number {
  let quad = 0;
  let lin = 0;
  for (let i = 0; i < W.length; i++) {
    const w = W[i];
    const sw = SW[i];
    const sxy = sigmaXY[i];
    quad += w * sw;
    lin += w * sxy;
    if (G) G[i] = sw - sxy;
  }
  return 0.5 * quad - lin + c;
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
