// Initial factors (spec §2 `init`): identity, aligned (GBL Assumption 1's balanced init) and
// gaussian (ACHL's `scale`, or a per-factor `std`).
import { DEFAULT_DELTA, initScale } from '../experiment/defaults';
import { factorShapes } from './gradient';
import type { InitSpec, Mat } from '../types';

/** w0 = e^(−δ) (or `scale`), the end-to-end scale of identity and aligned inits (spec §1); δ = 8 when neither is given. */
export function initScaleOrDefault(init: InitSpec): number {
  return initScale(init) ?? Math.exp(-DEFAULT_DELTA);
}

function zeros(rows: number, cols: number): Mat {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** scale × the rectangular identity. */
function scaledIdentity(rows: number, cols: number, scale: number): Mat {
  const m = zeros(rows, cols);
  for (let i = 0; i < Math.min(rows, cols); i++) m.data[i * cols + i] = scale;
  return m;
}

export interface InitContext {
  d: number;
  p: number;
  depth: number;
  width: number;
  /**
   * Aligned only: the left vectors u_1…u_m as a d×m matrix (columns) — the learnable u_i, then the
   * completed basis U of spec §1 in its order — and the right basis V (p×p, columns) of Σxy.
   */
  leftVectors?: (m: number) => Mat;
  V?: Mat;
  /** A standard normal draw from this model's seeded stream; gaussian only. */
  normal?: () => number;
}

export function initialFactors(init: InitSpec, ctx: InitContext): Mat[] {
  const { d, p, depth, width } = ctx;
  const shapes = factorShapes(d, p, depth, width);
  if (init.scheme === 'gaussian') {
    const normal = ctx.normal;
    if (!normal) throw new Error('gaussian init needs a random stream');
    return shapes.map(([rows, cols]) => {
      // `std`: every factor N(0, std²); `scale` (ACHL): factor l's std scale^(1/L)/√rows
      const std = init.std ?? Math.pow(initScaleOrDefault(init), 1 / depth) / Math.sqrt(rows);
      const m = zeros(rows, cols);
      for (let i = 0; i < m.data.length; i++) m.data[i] = std * normal();
      return m;
    });
  }
  const w0 = initScaleOrDefault(init);
  const perFactor = Math.pow(w0, 1 / depth);
  if (init.scheme === 'identity') return shapes.map(([rows, cols]) => scaledIdentity(rows, cols, depth === 1 ? w0 : perFactor));

  // aligned: W(0) = e^(−δ) Σ_{i≤m} u_i v_iᵀ, m = min(d, p, r)
  const { leftVectors, V } = ctx;
  if (!leftVectors || !V) throw new Error('aligned init needs the bases U and V of Σxy');
  const m = Math.min(d, p, depth === 1 ? Math.min(d, p) : width);
  const U = leftVectors(m);
  if (depth === 1) {
    const W = zeros(d, p);
    for (let i = 0; i < m; i++)
      for (let a = 0; a < d; a++) {
        const u = U.data[a * m + i] * w0;
        for (let b = 0; b < p; b++) W.data[a * p + b] += u * V.data[b * p + i];
      }
    return [W];
  }
  return shapes.map(([rows, cols], l) => {
    if (l === 0) {
      // e^(−δ/L) U_m [I 0]
      const F = zeros(rows, cols);
      for (let a = 0; a < d; a++) for (let i = 0; i < m; i++) F.data[a * cols + i] = perFactor * U.data[a * m + i];
      return F;
    }
    if (l === depth - 1) {
      // e^(−δ/L) [I; 0] V_mᵀ
      const F = zeros(rows, cols);
      for (let i = 0; i < m; i++) for (let b = 0; b < p; b++) F.data[i * cols + b] = perFactor * V.data[b * p + i];
      return F;
    }
    return scaledIdentity(rows, cols, perFactor);
  });
}
