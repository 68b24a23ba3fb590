// Step-size theory: the local rate ρ_i of the scalar recursion at its fixed point (spec §1) and the
// step-size conditions of GBL Thm 3 / Cor. 3.

/**
 * ρ_i = L σ_i^(2−2/L) λ_i^(2/L−1): the derivative of the scalar gd map at w = σ/λ, so gd
 * contracts on component i iff η ρ_i < 2 (spec §1). L = 1: ρ = λ.
 */
export function rho(sigma: number, lambda: number, depth: number): number {
  if (depth === 1) return lambda;
  return depth * Math.pow(sigma, 2 - 2 / depth) * Math.pow(lambda, 2 / depth - 1);
}

/** max_i ρ_i over the learnable components (0 when there are none). */
export function rhoMax(sigma: number[], lambda: number[], depth: number): number {
  let m = 0;
  for (let i = 0; i < sigma.length; i++) {
    const r = rho(sigma[i], lambda[i], depth);
    if (r > m || Number.isNaN(r)) m = r;
  }
  return m;
}

export interface StepSizeBounds {
  /** 1/(2σ1) (GBL Thm 3: 2ησ1 < 1); null when r_xy = 0. */
  stability: number | null;
  /** GBL Cor. 3: min over i < r_xy of 2(σ_i − σ_{i+1})/σ_i² and (σ_i − σ_{i+1})/(2σ_{i+1}²); null when r_xy < 2. */
  eigengap: number | null;
  /** 0-based index i attaining the eigengap bound: it involves sigma[i] and sigma[i+1] (the paper's σ_{i+1}, σ_{i+2}). */
  eigengapIndex: number | null;
}

/** GBL Cor. 3's two eigengap terms at a pair σ_i > σ_{i+1}: 2(σ_i − σ_{i+1})/σ_i² and (σ_i − σ_{i+1})/(2σ_{i+1}²); η must stay below both. */
export function eigengapTerms(sigmaI: number, sigmaNext: number): { first: number; second: number } {
  const gap = sigmaI - sigmaNext;
  return { first: (2 * gap) / (sigmaI * sigmaI), second: gap / (2 * sigmaNext * sigmaNext) };
}

/** GBL Thm 3 / Cor. 3 step-size bounds for σ_1 ≥ … ≥ σ_rxy. */
export function stepSizeBounds(sigma: number[]): StepSizeBounds {
  const r = sigma.length;
  const stability = r > 0 && sigma[0] > 0 ? 1 / (2 * sigma[0]) : null;
  let eigengap: number | null = null;
  let eigengapIndex: number | null = null;
  for (let i = 0; i + 1 < r; i++) {
    const { first, second } = eigengapTerms(sigma[i], sigma[i + 1]);
    const b = Math.min(first, second);
    if (eigengap === null || b < eigengap) {
      eigengap = b;
      eigengapIndex = i;
    }
  }
  return { stability, eigengap, eigengapIndex };
}
