// Per-component scalar theory (spec §1): component i of a balanced depth-L network has all L
// factors equal to a scalar a and w = a^L. w0 = e^(−δ) is the initial component value.

/** One gd step on the factor value: a ← a − η a^(L−1)(λ a^L − σ) (GBL eq. 22 for L = 2). */
export function gdStep(a: number, sigma: number, lambda: number, depth: number, eta: number): number {
  return a - eta * factorGradient(a, sigma, lambda, depth);
}

/** ∂/∂a of the component loss seen by one factor: a^(L−1)(λ a^L − σ) (GBL eq. 11 on a component). */
function factorGradient(a: number, sigma: number, lambda: number, depth: number): number {
  const aLm1 = depth === 1 ? 1 : Math.pow(a, depth - 1);
  return aLm1 * (lambda * aLm1 * a - sigma);
}

/**
 * One classical RK4 step of da/dt = −a^(L−1)(λ a^L − σ), the factor gradient flow (GBL eq. 6)
 * on a component; w = a^L then follows dw/dt = L w^(2−2/L)(σ − λw) (ACHL).
 */
export function rk4Step(a: number, sigma: number, lambda: number, depth: number, h: number): number {
  const k1 = -factorGradient(a, sigma, lambda, depth);
  const k2 = -factorGradient(a + (h / 2) * k1, sigma, lambda, depth);
  const k3 = -factorGradient(a + (h / 2) * k2, sigma, lambda, depth);
  const k4 = -factorGradient(a + h * k3, sigma, lambda, depth);
  return a + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
}

/** The scalar theories: the gd recursion, or RK4 on the ODE at step h (spec §1). */
export type ScalarMethod = 'gd' | 'flow';

/** One step a → a' of a component's factor value. */
export type ScalarStep = (a: number, sigma: number, lambda: number, depth: number, eta: number) => number;

/** The step of each scalar theory: gd (GBL eq. 22) or RK4 on the factor flow (GBL eq. 6). */
export const SCALAR_STEPS: { readonly [M in ScalarMethod]: ScalarStep } = { gd: gdStep, flow: rk4Step };

/** a0 = w0^(1/L). */
export function initialFactor(w0: number, depth: number): number {
  return depth === 1 ? w0 : Math.pow(w0, 1 / depth);
}

/** w_k = a_k^L. */
export function componentValue(a: number, depth: number): number {
  return depth === 1 ? a : Math.pow(a, depth);
}

/**
 * The scalar theory streamed: w_k of the gd recursion (GBL eq. 22) or of RK4 on the ODE at step h,
 * for non-decreasing k, in O(1) memory — a run samples it at its recorded steps only.
 */
export class ScalarCursor {
  private k = 0;
  private a: number;
  constructor(
    private readonly sigma: number,
    private readonly lambda: number,
    private readonly depth: number,
    private readonly method: ScalarMethod,
    private readonly eta: number,
    w0: number,
  ) {
    this.a = initialFactor(w0, depth);
  }

  /** w at step k (k must not decrease between calls). */
  at(k: number): number {
    if (k < this.k) throw new Error(`ScalarCursor: step ${k} is behind ${this.k}`);
    const { sigma, lambda, depth, eta } = this;
    const step = SCALAR_STEPS[this.method];
    let a = this.a;
    for (let j = this.k; j < k; j++) a = step(a, sigma, lambda, depth, eta);
    this.a = a;
    this.k = k;
    return componentValue(a, depth);
  }
}

function trajectory(cursor: ScalarCursor, steps: number): Float64Array {
  const out = new Float64Array(steps + 1);
  for (let k = 0; k <= steps; k++) out[k] = cursor.at(k);
  return out;
}

/** gd scalar recursion, w_k for k = 0…steps (GBL eq. 22 for L = 2; eq. 20–21 for L = 1). */
export function scalarGdTrajectory(sigma: number, lambda: number, depth: number, eta: number, w0: number, steps: number): Float64Array {
  return trajectory(new ScalarCursor(sigma, lambda, depth, 'gd', eta, w0), steps);
}

/** Gradient flow by RK4 on a at step h; record k is time k·h (spec §1 flow). */
export function scalarFlowTrajectory(sigma: number, lambda: number, depth: number, h: number, w0: number, steps: number): Float64Array {
  return trajectory(new ScalarCursor(sigma, lambda, depth, 'flow', h, w0), steps);
}

/** Depth 1, gd: w_k = σ/λ + (w0 − σ/λ)(1 − ηλ)^k (GBL eq. 21); λ = 0: w0 + kησ. */
export function closedFormDepth1Gd(sigma: number, lambda: number, eta: number, w0: number, k: number): number {
  if (lambda === 0) return w0 + k * eta * sigma;
  const wInf = sigma / lambda;
  return wInf + (w0 - wInf) * Math.pow(1 - eta * lambda, k);
}

/** Depth 1, flow: w(t) = σ/λ + (w0 − σ/λ) e^(−λt) (GBL eq. 9); λ = 0: w0 + σt. */
export function closedFormDepth1Flow(sigma: number, lambda: number, w0: number, t: number): number {
  if (lambda === 0) return w0 + sigma * t;
  const wInf = sigma / lambda;
  return wInf + (w0 - wInf) * Math.exp(-lambda * t);
}

/**
 * Depth 2, flow (GBL eq. 16): w(t) = σ w0 e^(2σt) / (σ + λ w0 (e^(2σt) − 1)); σ = 0: w0/(1 + 2λw0 t).
 * Evaluated as σ w0 / (σ e^(−2σt) + λ w0 (1 − e^(−2σt))), which cannot overflow for t ≥ 0.
 */
export function closedFormDepth2Flow(sigma: number, lambda: number, w0: number, t: number): number {
  if (sigma === 0) return w0 / (1 + 2 * lambda * w0 * t);
  const e = Math.exp(-2 * sigma * t);
  const oneMinusE = -Math.expm1(-2 * sigma * t);
  return (sigma * w0) / (sigma * e + lambda * w0 * oneMinusE);
}

/**
 * GBL Thm 3 (eq. 23), depth 2 gd: σ w0 / ((σ − λ w0) e^(c k) + λ w0), lower bound with
 * c = −2ησ + 4η²σ², upper with c = ln(1 − 2ησ) (spec §1's corrected upper bound).
 * Null outside the validity 2ησ < 1, λ w0 < σ (and η, σ > 0).
 */
export function thm3Bounds(sigma: number, lambda: number, eta: number, w0: number, k: number): { lower: number; upper: number } | null {
  if (!(eta > 0 && sigma > 0 && 2 * eta * sigma < 1 && lambda * w0 < sigma)) return null;
  const es = eta * sigma;
  const cLower = -2 * es + 4 * es * es;
  const cUpper = Math.log1p(-2 * es);
  const value = (c: number) => (sigma * w0) / ((sigma - lambda * w0) * Math.exp(c * k) + lambda * w0);
  return { lower: value(cLower), upper: value(cUpper) };
}
