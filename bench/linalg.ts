// npm run bench -- --only linalg: the linear algebra of the records and the theory (src/core/linalg/
// svd.ts, symmetricEigen.ts), printed, never asserted.
//  - a record's metrics at d = 20, 256, 784 (W d×d, an autoencoder-shaped problem of rank 5):
//    singular values by ml-matrix's SVD on arrays of arrays (the old route) against Golub–Kahan on
//    flat arrays (svd.ts); reduced-rank distances against r + 1 materialized W^{k,*} (old) and from the
//    rank-one terms (new); recordMetrics as a whole (new).
//  - the theory of GBL Table 1's MNIST case (d = 784, p = 10) in process: ml-matrix's
//    EigenvalueDecomposition + SVD (old) against computeTheory (new); then `lnn-lab check` of the
//    example as a process against bench/numpy_mnist_theory.py (the same theory in numpy, part by part).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { mnistProblem } from '../src/core/data/mnist';
import { singularValuesFlat } from '../src/core/linalg/svd';
import { recordMetrics } from '../src/core/results/metrics';
import { computeTheory } from '../src/core/theory/index';
import { reducedRankDistancesOf, reducedRankSolution } from '../src/core/theory/reducedRank';
import type { Mat, MomentsProblem } from '../src/core/types';

const quick = process.argv.includes('--quick');

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5);
}

/** Σx = I + GGᵀ/8 (G d×8), Σxy = Σx W_t with W_t of rank 5: O(d²) to build, r_xy = 5. */
function autoencoderLike(d: number): MomentsProblem {
  const rand = seeded(d);
  const G = Float64Array.from({ length: d * 8 }, rand);
  const sx = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      let x = i === j ? 1 : 0;
      for (let t = 0; t < 8; t++) x += (G[i * 8 + t] * G[j * 8 + t]) / 8;
      sx[i * d + j] = x;
    }
  const A = Float64Array.from({ length: d * 5 }, rand);
  const B = Float64Array.from({ length: d * 5 }, rand);
  const wt = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let t = 0; t < 5; t++) wt[i * d + j] += A[i * 5 + t] * B[j * 5 + t] * 0.5 ** t;
  const sxy = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let l = 0; l < d; l++) {
      const x = sx[i * d + l];
      for (let j = 0; j < d; j++) sxy[i * d + j] += x * wt[l * d + j];
    }
  return { kind: 'moments', n: null, d, p: d, sigmaX: { rows: d, cols: d, data: sx }, sigmaXY: { rows: d, cols: d, data: sxy }, traceSigmaY: null, groundTruth: null };
}

function time(reps: number, f: () => unknown): number {
  f(); // warm-up (JIT)
  const t = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - t) / reps;
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0)).padStart(8) + ' ms';

function records(): void {
  console.log('\n## A record\'s metrics (W d×d, r_xy = 5; ms per record; old: ml-matrix SVD, r + 1 full W^{k,*}; new: svd.ts, rank-one terms)');
  console.log('  d     sv old       sv new     dist old     dist new   recordMetrics new   max |Δσ|/σ1');
  for (const d of quick ? [20, 256] : [20, 256, 784]) {
    const pr = autoencoderLike(d);
    const th = computeTheory(pr, 1e-6);
    const rand = seeded(7 * d);
    const W: Mat = { rows: d, cols: d, data: Float64Array.from({ length: d * d }, () => 0.01 * rand()) };
    const reps = d <= 20 ? 300 : d <= 256 ? 3 : 1;
    let oldS: number[] = [];
    const tOld = time(reps, () => {
      const dec = new SingularValueDecomposition(Matrix.from1DArray(d, d, W.data), { computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true });
      oldS = Array.from(dec.diagonal).sort((a, b) => b - a);
    });
    let newS: Float64Array = new Float64Array(0);
    const tNew = time(reps, () => (newS = singularValuesFlat(W.data, d, d)));
    let dev = 0;
    for (let i = 0; i < d; i++) dev = Math.max(dev, Math.abs(oldS[i] - newS[i]));
    const full = Array.from({ length: th.rxy + 1 }, (_, k) => reducedRankSolution(th.reducedRank, k));
    const dOld = time(reps * 10, () =>
      full.map((Wk) => {
        let s = 0;
        for (let i = 0; i < W.data.length; i++) s += (W.data[i] - Wk.data[i]) ** 2;
        return Math.sqrt(s);
      }),
    );
    const dNew = time(reps * 10, () => reducedRankDistancesOf(W, th.reducedRank));
    const tRec = time(reps, () => recordMetrics(pr, th, W));
    console.log(`  ${String(d).padEnd(4)}${ms(tOld)}  ${ms(tNew)}  ${ms(dOld)}  ${ms(dNew)}  ${ms(tRec).padStart(18)}   ${(dev / newS[0]).toExponential(1)}`);
  }
  console.log('  (old distances hold r_xy + 1 full d×p matrices: at d = 784 with r_xy = 784 that is 3.9 GB; the terms hold 2·r_xy·d)');
}

function timeProcess(cmd: string, args: string[]): { wall: number; stdout: string; stderr: string } | null {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return { wall: (performance.now() - t) / 1000, stdout: r.stdout, stderr: r.stderr };
}

function mnistTheory(): void {
  console.log(`\n## MNIST theory (GBL Table 1, d = 784, p = 10; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  let pkg: unknown;
  try {
    pkg = createRequire(resolve('package.json'))('mnist');
  } catch {
    console.log('  the mnist package is not installed: skipped');
    return;
  }
  const pr = mnistProblem({ kind: 'mnist', n: 10000 } as Parameters<typeof mnistProblem>[0], () => pkg);
  const d = pr.d;
  let t = performance.now();
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(d, d, pr.sigmaX.data), { assumeSymmetric: true });
  const svdOld = new SingularValueDecomposition(Matrix.from1DArray(d, pr.p, pr.sigmaXY.data), { autoTranspose: true });
  const tOld = (performance.now() - t) / 1000;
  t = performance.now();
  const th = computeTheory(pr, 1e-4);
  const tNew = (performance.now() - t) / 1000;
  const lamOld = [...evd.realEigenvalues].sort((a, b) => b - a);
  void svdOld;
  console.log(`  in process: ml-matrix eig(Σx) + svd(Σxy) ${tOld.toFixed(2)} s (old route's two factorizations only); computeTheory (new, everything) ${tNew.toFixed(2)} s`);
  console.log(`  ‖Σx‖₂ old ${lamOld[0].toPrecision(12)} new ${th.sigmaXNorm.toPrecision(12)}; Δxy ${th.deltaXY.toPrecision(6)}, Δx ${th.deltaX.toPrecision(6)}`);
  const ours = timeProcess('node', ['bin/lnn-lab.js', 'check', 'examples/gbl-table1-mnist.lnn.json']);
  console.log(`  lnn-lab check (node bin/lnn-lab.js check examples/gbl-table1-mnist.lnn.json, after npm run build): ${ours ? ours.wall.toFixed(2) + ' s' : 'failed'} (target < 2 s)`);
  // OpenBLAS's threads spin against a loaded machine (eigh 0.13 s on one thread, 0.6–5 s on two here): both are shown
  for (const threads of [null, '1']) {
    const env = threads ? { ...process.env, OPENBLAS_NUM_THREADS: threads } : process.env;
    const t0 = performance.now();
    const r = spawnSync('python3', ['bench/numpy_mnist_theory.py'], { encoding: 'utf8', env });
    const wall = (performance.now() - t0) / 1000;
    if (r.status !== 0) {
      console.log('  numpy: not available');
      return;
    }
    const label = threads ? `OPENBLAS_NUM_THREADS=${threads} python3 bench/numpy_mnist_theory.py` : 'python3 bench/numpy_mnist_theory.py';
    console.log(`  ${label}:`);
    process.stdout.write(r.stdout);
    console.log(`  numpy process ${wall.toFixed(2)} s; ratio lnn-lab check / numpy: ${ours ? (ours.wall / wall).toFixed(2) : '—'} (target ≤ 1.0)`);
  }
}

export async function linalg(): Promise<void> {
  records();
  mnistTheory();
}
