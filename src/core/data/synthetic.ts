// The synthetic kinds of spec §2: `autoencoder` (GBL §4.2) and `regression`. Samples are drawn one
// row at a time from the seeded streams and folded into the moments (empirical.ts): X is never stored.
import type { DataSpec, Mat, MomentsProblem } from '../types';
import { MomentAccumulator } from './empirical';
import { ProblemError } from './problemError';
import type { Rng } from './rng';

type AutoencoderSpec = Extract<DataSpec, { kind: 'autoencoder' }>;
type RegressionSpec = Extract<DataSpec, { kind: 'regression' }>;

/** Sampling more than this many entries n·d would take too long to be an interactive check. */
const MAX_SAMPLED_ENTRIES = 2e9;

function checkSpectrum(spectrum: number[], rank: number): void {
  if (spectrum.length !== rank) {
    throw new ProblemError('schema', '/data/spectrum', `spectrum has ${spectrum.length} values but rank is ${rank}`);
  }
  const bad = spectrum.findIndex((s) => !(Number.isFinite(s) && s >= 0));
  if (bad >= 0) throw new ProblemError('schema', `/data/spectrum/${bad}`, `spectrum values must be finite and ≥ 0 (got ${spectrum[bad]})`);
}

function checkSampleSize(n: number, d: number): void {
  if (n * d > MAX_SAMPLED_ENTRIES) {
    throw new ProblemError('schema', '/data/n', `n·d = ${n * d} samples is too many to draw (at most ${MAX_SAMPLED_ENTRIES})`);
  }
}

/**
 * Orthonormalizes the columns of a (rows×cols, row-major) in place by modified Gram–Schmidt,
 * applied twice for float64 orthogonality. Of a Gaussian matrix this is the Q of its QR with a
 * positive-diagonal R: a Haar-random orthonormal frame.
 */
export function orthonormalizeColumns(a: Mat): void {
  const { rows, cols, data } = a;
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < cols; j++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < rows; i++) dot += data[i * cols + k] * data[i * cols + j];
        for (let i = 0; i < rows; i++) data[i * cols + j] -= dot * data[i * cols + k];
      }
      let norm = 0;
      for (let i = 0; i < rows; i++) norm += data[i * cols + j] ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) throw new Error('rank-deficient matrix in Gram–Schmidt');
      for (let i = 0; i < rows; i++) data[i * cols + j] /= norm;
    }
  }
}

/** A rows×cols matrix of independent N(0, 1) entries. */
export function gaussianMatrix(rng: Rng, rows: number, cols: number): Mat {
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = rng.normal();
  return { rows, cols, data };
}

/** Q Qᵀ for Q (d×k) with orthonormal columns: the orthogonal projector onto span(Q). */
function projector(q: Mat): Mat {
  const { rows: d, cols: k, data } = q;
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += data[i * k + c] * data[j * k + c];
      out[i * d + j] = s;
      out[j * d + i] = s;
    }
  }
  return { rows: d, cols: d, data: out };
}

/**
 * GBL §4.2: B (d×rank) entries U[0,1]; z ~ N(0, diag(spectrum)); x = Bz + noise·N(0, I_d).
 * Calls visit(x) for each of the n samples (x is reused between calls) and returns B.
 * Streams: autoencoder/B, /z, /noise.
 */
export function drawAutoencoder(spec: AutoencoderSpec, rng: Rng, visit: (x: Float64Array) => void): Mat {
  const { n, d, rank, spectrum, noise } = spec;
  checkSpectrum(spectrum, rank);
  if (rank > d) throw new ProblemError('schema', '/data/rank', `rank ${rank} exceeds d = ${d}`);
  checkSampleSize(n, d);
  const root = rng.fork('autoencoder');
  const bRng = root.fork('B');
  const zRng = root.fork('z');
  const noiseRng = root.fork('noise');
  const B = new Float64Array(d * rank);
  for (let k = 0; k < B.length; k++) B[k] = bRng.uniform();
  const std = spectrum.map(Math.sqrt);
  const z = new Float64Array(rank);
  const x = new Float64Array(d);
  for (let s = 0; s < n; s++) {
    for (let c = 0; c < rank; c++) z[c] = std[c] * zRng.normal();
    for (let i = 0; i < d; i++) {
      let v = 0;
      for (let c = 0; c < rank; c++) v += B[i * rank + c] * z[c];
      x[i] = v + noise * noiseRng.normal();
    }
    visit(x);
  }
  return { rows: d, cols: rank, data: B };
}

/** The autoencoder's moments (Y = X) and ground truth, the orthogonal projector onto span(B). */
export function autoencoderProblem(spec: AutoencoderSpec, rng: Rng): MomentsProblem {
  const acc = new MomentAccumulator(spec.d, spec.d, true);
  const B = drawAutoencoder(spec, rng, (x) => acc.add(x, 0));
  const m = acc.finish();
  let groundTruth: Mat | null = null;
  try {
    orthonormalizeColumns(B);
    groundTruth = projector(B);
  } catch {
    groundTruth = null; // B rank-deficient (probability 0)
  }
  const { n, d } = spec;
  return { kind: 'moments', n, d, p: d, sigmaX: m.sigmaX, sigmaXY: m.sigmaXY, traceSigmaY: m.traceSigmaY, groundTruth };
}

/** W_true = Q1 diag(spectrum) Q2ᵀ with Q1 (d×rank), Q2 (p×rank) Haar-random orthonormal. */
export function regressionTruth(d: number, p: number, spectrum: number[], rng: Rng): Mat {
  const rank = spectrum.length;
  const q1 = gaussianMatrix(rng.fork('Q1'), d, rank);
  const q2 = gaussianMatrix(rng.fork('Q2'), p, rank);
  orthonormalizeColumns(q1);
  orthonormalizeColumns(q2);
  const w = new Float64Array(d * p);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let c = 0; c < rank; c++) s += q1.data[i * rank + c] * spectrum[c] * q2.data[j * rank + c];
      w[i * p + j] = s;
    }
  }
  return { rows: d, cols: p, data: w };
}

/**
 * Spec §2 `regression`: x ~ N(0, I_d), y = W_trueᵀ x + noise·N(0, I_p). Calls visit(x, y) for each
 * of the n samples (buffers reused) and returns W_true. Streams: regression/truth, /x, /noise.
 */
export function drawRegression(spec: RegressionSpec, rng: Rng, visit: (x: Float64Array, y: Float64Array) => void): Mat {
  const { n, d, p, rank, spectrum, noise } = spec;
  checkSpectrum(spectrum, rank);
  if (rank > Math.min(d, p)) throw new ProblemError('schema', '/data/rank', `rank ${rank} exceeds min(d, p) = ${Math.min(d, p)}`);
  checkSampleSize(n, d + p);
  const root = rng.fork('regression');
  const wTrue = regressionTruth(d, p, spectrum, root.fork('truth'));
  const xRng = root.fork('x');
  const noiseRng = root.fork('noise');
  const x = new Float64Array(d);
  const y = new Float64Array(p);
  const w = wTrue.data;
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < d; i++) x[i] = xRng.normal();
    for (let j = 0; j < p; j++) y[j] = noise * noiseRng.normal();
    for (let i = 0; i < d; i++) {
      const xi = x[i];
      const row = i * p;
      for (let j = 0; j < p; j++) y[j] += w[row + j] * xi;
    }
    visit(x, y);
  }
  return wTrue;
}

/** The regression's moments; ground truth W_true. */
export function regressionProblem(spec: RegressionSpec, rng: Rng): MomentsProblem {
  const acc = new MomentAccumulator(spec.d, spec.p, false);
  const wTrue = drawRegression(spec, rng, (x, y) => acc.add(x, 0, y, 0));
  const m = acc.finish();
  const { n, d, p } = spec;
  return { kind: 'moments', n, d, p, sigmaX: m.sigmaX, sigmaXY: m.sigmaXY, traceSigmaY: m.traceSigmaY, groundTruth: wTrue };
}
