// GBL Thm 2's limit, drawn: in rescaled time τ = 2ηk/δ (w0 = e^(−δ), spec §1) the depth-2
// trajectory of component i tends, as δ → ∞, to the step σ_i/λ_i·1[τ > 1/σ_i] — eq. (16) at
// t = ηk = τδ/2 is σ w0 e^(στδ)/(σ + λ w0(e^(στδ) − 1)), and w0 e^(στδ) = e^(δ(στ − 1)) goes to
// 0 below τ = 1/σ_i and to ∞ above it. On commuting problems (Assumption 1 with ε = 0, an init the
// per-component theory covers, spec §5.1) ‖W‖_* = Σ_i |c_i|, so the nuclear norm tends to the
// staircase Σ_{i: 1/σ_i < τ} σ_i/λ_i. Pure.
import type { Results } from '../types';

/** One step of the limit: at τ = 1/σ_i the nuclear norm rises by σ_i/λ_i. */
export interface LimitJump {
  /** Component index i (0-based). */
  component: number;
  tau: number;
  rise: number;
}

/** The jumps of GBL Thm 2's limit staircase, in increasing τ (components with σ_i ≤ 0 or λ_i ≤ 0 never switch on). */
export function limitJumps(sigma: readonly number[], lambda: readonly number[]): LimitJump[] {
  const out: LimitJump[] = [];
  sigma.forEach((s, i) => {
    const l = lambda[i];
    if (s > 0 && l > 0 && Number.isFinite(s) && Number.isFinite(l)) out.push({ component: i, tau: 1 / s, rise: s / l });
  });
  return out.sort((a, b) => a.tau - b.tau || a.component - b.component);
}

/** GBL Thm 2 (δ → ∞): Σ_{i: 1/σ_i < τ} σ_i/λ_i, the limit of the depth-2 nuclear norm at rescaled time τ. */
export function limitNuclearNorm(sigma: readonly number[], lambda: readonly number[], tau: number): number {
  let sum = 0;
  for (const j of limitJumps(sigma, lambda)) if (j.tau < tau) sum += j.rise;
  return sum;
}

/** Relative Δxy below which a problem counts as commuting (the `assumption.commutativity` info threshold, spec §3). */
export const COMMUTING_DELTA_XY = 1e-6;

/**
 * Whether the limit applies to these results: a commuting problem (Δxy ≤ 1e-6) on which the
 * per-component theory covers a depth-2 run (its closed form is recorded: gd or flow from an
 * aligned init, spec §5.1). Completion and gaussian inits have no closed form: false.
 */
export function limitApplies(results: Results): boolean {
  const dxy = results.theory.deltaXY;
  if (dxy === null || !(dxy <= COMMUTING_DELTA_XY)) return false;
  if (results.theory.sigma.length === 0) return false;
  return results.runs.some((r) => r.depth === 2 && r.closedForm !== null);
}

/**
 * The limit staircase as a polyline on [from, to] (τ): a vertical rise at each 1/σ_i inside the
 * range (two points at the same τ), flat between them. Null where the limit does not apply.
 */
export function limitStaircase(results: Results, from: number, to: number): { tau: number[]; nuclearNorm: number[] } | null {
  if (!limitApplies(results) || !(to > from)) return null;
  const { sigma, lambda } = results.theory;
  const tau = [from];
  const nuclearNorm = [limitNuclearNorm(sigma, lambda, from)];
  let level = nuclearNorm[0];
  for (const j of limitJumps(sigma, lambda)) {
    if (!(j.tau > from && j.tau < to)) continue;
    tau.push(j.tau, j.tau);
    nuclearNorm.push(level, (level += j.rise));
  }
  tau.push(to);
  nuclearNorm.push(level);
  return { tau, nuclearNorm };
}
