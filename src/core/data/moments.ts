// The `moments` kind (spec §2): Σx and Σxy given directly — a number array is a diagonal, a nested
// array a full matrix; Σxy may be rectangular. Nothing is drawn; trΣy is unknown (null), so the
// loss is the excess loss. And the `data.moments` checks of spec §3.
import { applySpectralFunction, matmul, svd } from '../linalg/dense';
import { pseudoInverseCutoff, sigmaXEigOf } from '../theory/leastSquares';
import type { DataSpec, Diagnostic, Mat, MomentsProblem } from '../types';
import { ProblemError } from './problemError';

type MomentsSpec = Extract<DataSpec, { kind: 'moments' }>;

/** A number array as a diagonal matrix, a nested array as a full one. */
export function matrixOfSpec(value: number[] | number[][], path: string): Mat {
  if (!Array.isArray(value) || value.length === 0) throw new ProblemError('schema', path, 'expected a non-empty array');
  if (!Array.isArray(value[0])) {
    const diag = value as number[];
    const d = diag.length;
    const data = new Float64Array(d * d);
    diag.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ProblemError('schema', `${path}/${i}`, 'expected a finite number');
      data[i * d + i] = v;
    });
    return { rows: d, cols: d, data };
  }
  const rows = value.length;
  const cols = (value[0] as number[]).length;
  const data = new Float64Array(rows * cols);
  (value as unknown[]).forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new ProblemError('schema', `${path}/${i}`, `row ${i} must be an array of ${cols} numbers (ragged rows)`);
    }
    row.forEach((v: unknown, j: number) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ProblemError('schema', `${path}/${i}/${j}`, 'expected a finite number');
      data[i * cols + j] = v;
    });
  });
  return { rows, cols, data };
}

export function momentsProblem(spec: MomentsSpec): MomentsProblem {
  const sigmaX = matrixOfSpec(spec.sigmaX, '/data/sigmaX');
  const sigmaXY = matrixOfSpec(spec.sigmaXY, '/data/sigmaXY');
  if (sigmaX.rows !== sigmaX.cols) {
    throw new ProblemError('data.moments', '/data/sigmaX', `Σx must be square, got ${sigmaX.rows}×${sigmaX.cols}`);
  }
  if (sigmaXY.rows !== sigmaX.rows) {
    throw new ProblemError('data.moments', '/data/sigmaXY', `Σxy has ${sigmaXY.rows} rows but Σx is ${sigmaX.rows}×${sigmaX.rows}`);
  }
  return {
    kind: 'moments',
    n: spec.n ?? null,
    d: sigmaX.rows,
    p: sigmaXY.cols,
    sigmaX,
    sigmaXY,
    traceSigmaY: null,
    groundTruth: null,
  };
}

function frobenius(data: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < data.length; k++) s += data[k] * data[k];
  return Math.sqrt(s);
}

/**
 * Spec §3 `data.moments`, at /data: Σx not symmetric (‖Σx − Σxᵀ‖_F > 1e-9‖Σx‖_F) or not PSD
 * (λmin < −1e-12 λmax) → error; Σxy not in the range of Σx (relative residual of its projection
 * onto range(Σx) above 1e-9) or some λ_i = u_iᵀΣx u_i ≤ 0 (u_i the left singular vectors of Σxy with
 * σ_i > rankTol·σ1) → warning. range(Σx) is spanned by the eigenvectors with eigenvalue above
 * the cut-off of Σx⁺ (theory/leastSquares.ts pseudoInverseCutoff: d·ε·λmax).
 */
export function checkMoments(problem: MomentsProblem, rankTol = 1e-4): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { sigmaX, sigmaXY, d } = problem;
  const path = '/data';
  const normX = frobenius(sigmaX.data);
  let asym = 0;
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) asym += 2 * (sigmaX.data[i * d + j] - sigmaX.data[j * d + i]) ** 2;
  }
  asym = Math.sqrt(asym);
  if (asym > 1e-9 * normX) {
    out.push({
      code: 'data.moments',
      severity: 'error',
      message: `Σx is not symmetric: ‖Σx − Σxᵀ‖_F = ${asym.toPrecision(3)} (relative ${(asym / normX).toPrecision(3)})`,
      path,
      limit: 1e-9,
    });
    return out; // the eigen-analysis below assumes symmetry
  }
  // the eigendecomposition W* and the theory use (theory/leastSquares.ts), computed once per problem
  const eig = sigmaXEigOf(problem);
  const values = eig.values;
  const lmax = Math.max(...values.map(Math.abs), 0);
  const lmin = Math.min(...values);
  if (lmin < -1e-12 * lmax) {
    out.push({
      code: 'data.moments',
      severity: 'error',
      message: `Σx is not positive semidefinite: smallest eigenvalue ${lmin.toPrecision(4)} (largest ${lmax.toPrecision(4)})`,
      path,
      limit: lmin,
    });
  }
  // Projection of Σxy onto range(Σx): Q 1_{λ > cut-off} Qᵀ Σxy, with Q kept implicit (symmetricEigen.ts)
  const p = sigmaXY.cols;
  const threshold = pseudoInverseCutoff(eig);
  const normXY = frobenius(sigmaXY.data);
  if (normXY > 0) {
    const projected = applySpectralFunction(eig, () => 1, sigmaXY, threshold);
    let r2 = 0;
    for (let k = 0; k < d * p; k++) r2 += (sigmaXY.data[k] - projected.data[k]) ** 2;
    const residual = Math.sqrt(r2) / normXY;
    if (residual > 1e-9) {
      out.push({
        code: 'data.moments',
        severity: 'warning',
        message: `Σxy is not in the range of Σx (relative residual ${residual.toPrecision(3)}): f(W) is unbounded below along Σx's null space, so W* = Σx⁺Σxy is no minimizer`,
        path,
        limit: residual,
      });
    }
    // λ_i = u_iᵀ Σx u_i over the learnable components (spec §1): Σx U as one product
    const { U, s: sigma } = svd(sigmaXY);
    const k = sigma.length;
    const SU = matmul(sigmaX, U);
    const bad: number[] = [];
    for (let i = 0; i < k; i++) {
      if (!(sigma[i] > rankTol * sigma[0])) continue;
      let lambda = 0;
      for (let a = 0; a < d; a++) lambda += U.data[a * k + i] * SU.data[a * k + i];
      if (lambda <= 1e-12 * lmax) bad.push(i + 1);
    }
    if (bad.length > 0) {
      out.push({
        code: 'data.moments',
        severity: 'warning',
        message: `λ_i = u_iᵀΣx u_i ≤ 0 for component${bad.length > 1 ? 's' : ''} i = ${bad.join(', ')}: the direction is not excited by the data, its scalar dynamics never learn it`,
        path,
      });
    }
  }
  return out;
}
