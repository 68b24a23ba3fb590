// The `completion` kind (spec §2, ACHL): M = A Bᵀ with A (rows×rank), B (cols×rank) standard
// Gaussian, scaled so ‖M‖_F = √(rows·cols) (mean squared entry 1, as ACHL's code); `observed`
// entries uniformly without replacement (a partial Fisher–Yates shuffle). Or `matrix` and `mask`
// files (same shape, 1 = observed; NaN/empty outside the mask = no ground truth there).
// And the `data.mask` diagnostics of spec §3.
import type { CompletionProblem, DataSpec, Diagnostic, Mat } from '../types';
import { loadMatrixFile, type ReadFile } from './files';
import { ProblemError } from './problemError';
import type { Rng } from './rng';
import { gaussianMatrix } from './synthetic';

type CompletionSpec = Extract<DataSpec, { kind: 'completion' }>;

/** M = A Bᵀ scaled to ‖M‖_F² = rows·cols. Streams: completion/A, completion/B. */
export function lowRankMatrix(rows: number, cols: number, rank: number, rng: Rng): Mat {
  const a = gaussianMatrix(rng.fork('A'), rows, rank);
  const b = gaussianMatrix(rng.fork('B'), cols, rank);
  const data = new Float64Array(rows * cols);
  let norm2 = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let c = 0; c < rank; c++) s += a.data[i * rank + c] * b.data[j * rank + c];
      data[i * cols + j] = s;
      norm2 += s * s;
    }
  }
  const scale = norm2 > 0 ? Math.sqrt((rows * cols) / norm2) : 0;
  for (let k = 0; k < data.length; k++) data[k] *= scale;
  return { rows, cols, data };
}

/** `observed` distinct entries of a size-`total` array, uniformly: the first steps of Fisher–Yates. */
export function sampleMask(total: number, observed: number, rng: Rng): Uint8Array {
  const perm = new Int32Array(total);
  for (let k = 0; k < total; k++) perm[k] = k;
  const mask = new Uint8Array(total);
  for (let k = 0; k < observed; k++) {
    const j = k + rng.int(total - k);
    const t = perm[k];
    perm[k] = perm[j];
    perm[j] = t;
    mask[perm[k]] = 1;
  }
  return mask;
}

/** Spec §3 `data.mask` warnings: rows and columns with no observed entry. */
export function maskWarnings(mask: Uint8Array, rows: number, cols: number, path: string): Diagnostic[] {
  const rowSeen = new Uint8Array(rows);
  const colSeen = new Uint8Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (mask[i * cols + j]) {
        rowSeen[i] = 1;
        colSeen[j] = 1;
      }
    }
  }
  const emptyRows: number[] = [];
  const emptyCols: number[] = [];
  rowSeen.forEach((s, i) => s || emptyRows.push(i + 1));
  colSeen.forEach((s, j) => s || emptyCols.push(j + 1));
  const list = (xs: number[]) => (xs.length > 8 ? `${xs.slice(0, 8).join(', ')}, … (${xs.length} in all)` : xs.join(', '));
  const out: Diagnostic[] = [];
  if (emptyRows.length > 0) {
    out.push({
      code: 'data.mask',
      severity: 'warning',
      message: `${emptyRows.length} row${emptyRows.length > 1 ? 's have' : ' has'} no observed entry (row ${list(emptyRows)}): nothing determines ${emptyRows.length > 1 ? 'them' : 'it'}`,
      path,
      limit: emptyRows.length,
    });
  }
  if (emptyCols.length > 0) {
    out.push({
      code: 'data.mask',
      severity: 'warning',
      message: `${emptyCols.length} column${emptyCols.length > 1 ? 's have' : ' has'} no observed entry (column ${list(emptyCols)}): nothing determines ${emptyCols.length > 1 ? 'them' : 'it'}`,
      path,
      limit: emptyCols.length,
    });
  }
  return out;
}

function syntheticCompletion(spec: CompletionSpec, rng: Rng): CompletionProblem {
  const { rows, cols, rank, observed } = spec;
  const total = rows * cols;
  if (!Number.isInteger(observed) || observed < 1) {
    throw new ProblemError('data.mask', '/data/observed', `observed must be a positive integer (no observed entry), got ${observed}`);
  }
  if (observed > total) {
    throw new ProblemError('data.mask', '/data/observed', `observed = ${observed} exceeds the ${rows}×${cols} = ${total} entries`);
  }
  if (total > 5e7) throw new ProblemError('schema', '/data/rows', `${rows}×${cols} is too large (at most 5e7 entries)`);
  const root = rng.fork('completion');
  const matrix = lowRankMatrix(rows, cols, rank, root);
  const mask = sampleMask(total, observed, root.fork('mask'));
  return { kind: 'completion', rows, cols, matrix, mask, observedCount: observed, hasGroundTruth: true };
}

async function filesCompletion(spec: CompletionSpec, readFile: ReadFile): Promise<CompletionProblem> {
  if (spec.matrix === undefined) throw new ProblemError('data.file', '/data/matrix', 'a mask file needs a matrix file');
  const m = await loadMatrixFile(readFile, spec.matrix, '/data/matrix', { allowMissing: true });
  const { rows, cols } = m;
  const mask = new Uint8Array(rows * cols);
  if (spec.mask !== undefined) {
    const raw = await loadMatrixFile(readFile, spec.mask, '/data/mask');
    if (raw.rows !== rows || raw.cols !== cols) {
      throw new ProblemError('data.mask', '/data/mask', `${spec.mask} is ${raw.rows}×${raw.cols} but ${spec.matrix} is ${rows}×${cols}`);
    }
    for (let k = 0; k < raw.data.length; k++) {
      const v = raw.data[k];
      if (v !== 0 && v !== 1) {
        throw new ProblemError('data.mask', '/data/mask', `${spec.mask}: entry ${v} at row ${Math.floor(k / cols) + 1}, column ${(k % cols) + 1} is neither 0 nor 1`);
      }
      mask[k] = v;
    }
  } else {
    // No mask: the known (finite) entries are the observations.
    for (let k = 0; k < m.data.length; k++) mask[k] = Number.isNaN(m.data[k]) ? 0 : 1;
  }
  let observedCount = 0;
  let hasGroundTruth = true;
  for (let k = 0; k < mask.length; k++) {
    const known = !Number.isNaN(m.data[k]);
    if (mask[k]) {
      observedCount++;
      if (!known) {
        throw new ProblemError('data.file', '/data/matrix', `${spec.matrix}: observed entry at row ${Math.floor(k / cols) + 1}, column ${(k % cols) + 1} has no value`);
      }
    } else if (!known) hasGroundTruth = false;
  }
  if (observedCount === 0) {
    throw new ProblemError('data.mask', spec.mask !== undefined ? '/data/mask' : '/data/matrix', 'no observed entry');
  }
  return { kind: 'completion', rows, cols, matrix: m, mask, observedCount, hasGroundTruth };
}

/** The completion problem and its `data.mask` warnings. rows/cols/observed of the spec are ignored when files are given. */
export async function completionProblem(
  spec: CompletionSpec,
  rng: Rng,
  readFile: ReadFile,
): Promise<{ problem: CompletionProblem; diagnostics: Diagnostic[] }> {
  const fromFiles = spec.matrix !== undefined || spec.mask !== undefined;
  const problem = fromFiles ? await filesCompletion(spec, readFile) : syntheticCompletion(spec, rng);
  const path = fromFiles ? (spec.mask !== undefined ? '/data/mask' : '/data/matrix') : '/data/observed';
  return { problem, diagnostics: maskWarnings(problem.mask, problem.rows, problem.cols, path) };
}
