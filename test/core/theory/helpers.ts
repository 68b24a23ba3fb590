// Shared helpers of the theory tests: a seeded generator and small matrix checks.
import assert from 'node:assert/strict';
import type { Mat } from '../../../src/core/types';

/** mulberry32: a small seeded uniform generator. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller). */
export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export function randomMat(rows: number, cols: number, seed: number): Mat {
  const g = gaussian(rng(seed));
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = g();
  return { rows, cols, data };
}

export function get(A: Mat, i: number, j: number): number {
  return A.data[i * A.cols + j];
}

/** Naive triple-loop product, independent of the code under test. */
export function naiveMul(A: Mat, B: Mat): Mat {
  const C = { rows: A.rows, cols: B.cols, data: new Float64Array(A.rows * B.cols) };
  for (let i = 0; i < A.rows; i++)
    for (let j = 0; j < B.cols; j++) {
      let s = 0;
      for (let l = 0; l < A.cols; l++) s += A.data[i * A.cols + l] * B.data[l * B.cols + j];
      C.data[i * B.cols + j] = s;
    }
  return C;
}

export function naiveT(A: Mat): Mat {
  const T = { rows: A.cols, cols: A.rows, data: new Float64Array(A.data.length) };
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) T.data[j * A.rows + i] = A.data[i * A.cols + j];
  return T;
}

export function maxAbsDiff(A: Mat, B: Mat): number {
  assert.equal(A.rows, B.rows);
  assert.equal(A.cols, B.cols);
  let m = 0;
  for (let i = 0; i < A.data.length; i++) m = Math.max(m, Math.abs(A.data[i] - B.data[i]));
  return m;
}

export function assertClose(actual: number, expected: number, tol: number, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (|diff| ${Math.abs(actual - expected)} > ${tol})`);
}

/** ‖QᵀQ − I‖_max. */
export function orthonormalityDefect(Q: Mat): number {
  const G = naiveMul(naiveT(Q), Q);
  let m = 0;
  for (let i = 0; i < G.rows; i++) for (let j = 0; j < G.cols; j++) m = Math.max(m, Math.abs(G.data[i * G.cols + j] - (i === j ? 1 : 0)));
  return m;
}

/** A random symmetric PSD d×d of rank `rank`: G Gᵀ / rank. */
export function randomPsd(d: number, rank: number, seed: number): Mat {
  const G = randomMat(d, rank, seed);
  const S = naiveMul(G, naiveT(G));
  for (let i = 0; i < S.data.length; i++) S.data[i] /= rank;
  return S;
}

export function diag(values: number[], rows = values.length, cols = values.length): Mat {
  const M = { rows, cols, data: new Float64Array(rows * cols) };
  values.forEach((v, i) => (M.data[i * cols + i] = v));
  return M;
}
