// What a run records at each recorded step, all from the float64 end-to-end W (spec §4): the two
// products with Σx on the WebAssembly SIMD kernels (an arena per problem; bit-identical to the JS
// kernels), the singular values by Householder bidiagonalization and dqds on flat arrays
// (linalg/svd.ts singularValuesFlat; bidiagonalWasm.ts's f64x2 kernel, bidiagonalValues.ts; accurate
// to ε·σ_1 for the small ones, the plateaus) — for a run that follows ACHL Thm 3's rates, the same
// bidiagonalization keeping its reflectors gives σ(W) and the top triplets (topSingularVectors.ts) —
// the component values as one product W·[v_i] and the reduced-rank distances from the rank-one
// terms of W^{k,*} (theory/).
import { arenaDoubles, createArena, type Float64Arena } from '../linalg/wasm/wasmGemm';
import { singularValuesFlat } from '../linalg/svd';
import { singularTriplets, type SingularTriplets } from '../linalg/topSingularVectors';
import { componentValues, reducedRankDistances } from '../theory/index';
import type { Mat, MomentsProblem, Problem, Theory } from '../types';
import { completionLoss, momentsLoss } from '../dynamics/loss';
import { lossConstant } from '../dynamics/lossConstant';

export interface RecordMetrics {
  loss: number;
  excessLoss: number;
  singularValues: number[];
  nuclearNorm: number;
  reconstructionError: number | null;
  reducedRankDistance: number[] | null;
  componentValues: number[] | null;
  /** σ(W), and u_r, v_r on demand for r < the `triplets` asked for, of this very W (only when asked). */
  top?: SingularTriplets;
}

/** Σx in an arena with two d×p buffers: in (W or W − W*) and out (Σx · in). One per problem object. */
export interface MetricsArena {
  arena: Float64Arena;
  sx: Float64Array;
  input: Float64Array;
  out: Float64Array;
}

const arenas = new WeakMap<MomentsProblem, MetricsArena>();

/** A metrics arena for Σx (d×d) and d×p buffers (a record's spare thread makes its own: offThread.ts). */
export function metricsArenaOf(sigmaX: ArrayLike<number>, d: number, p: number): MetricsArena {
  const arena = createArena(arenaDoubles([d * d, d * p, d * p]));
  return { arena, sx: arena.copyOf(sigmaX), input: arena.alloc(d * p), out: arena.alloc(d * p) };
}

function metricsArena(problem: MomentsProblem): MetricsArena {
  let a = arenas.get(problem);
  if (!a) {
    a = metricsArenaOf(problem.sigmaX.data, problem.d, problem.p);
    arenas.set(problem, a);
  }
  return a;
}

/** Bytes of the problem's metrics arena (0 before its first record, or on the JS kernels): budget.ts recordKernelDoubles. */
export function metricsArenaBytes(problem: MomentsProblem): number {
  const memory = (arenas.get(problem)?.arena as { memory?: WebAssembly.Memory } | undefined)?.memory;
  return memory ? memory.buffer.byteLength : 0;
}

/** Σx · X (d×p) into the arena's out buffer (valid until the next call for this problem). */
function sigmaXTimes(problem: MomentsProblem, X: Float64Array): Float64Array {
  const { d, p } = problem;
  const a = metricsArena(problem);
  a.input.set(X.subarray(0, d * p));
  a.arena.gemm(a.sx, a.input, a.out, d, d, p);
  return a.out;
}

/** f(W) (dynamics/loss.ts): ½⟨W,ΣxW⟩ − ⟨W,Σxy⟩ + c (c: ½trΣy, or the excess-loss constant when trΣy is unknown); completion: Σ_Ω (W−M)²/(2|Ω|). */
export function lossOf(problem: Problem, W: Mat): number {
  if (problem.kind === 'completion') return completionLoss(W.data, problem.matrix.data, problem.mask, problem.observedCount, null);
  return momentsLoss(W.data, sigmaXTimes(problem, W.data), problem.sigmaXY.data, lossConstant(problem), null);
}

/** f(W) − min f = ½ tr((W−W*)ᵀ Σx (W−W*)) (spec §1), computed directly so it stays exact near 0. */
export function excessLossOf(problem: Problem, theory: Theory | null, W: Mat): number {
  if (problem.kind === 'completion' || !theory) return lossOf(problem, W);
  return excessLossOn(metricsArena(problem), W.data, theory.wStar.data, problem.d, problem.p);
}

/** ½⟨D, ΣxD⟩ with D = W − W* on a metrics arena: the one sum a record and its spare thread take (the same bits). */
export function excessLossOn(a: MetricsArena, W: ArrayLike<number>, wStar: ArrayLike<number>, d: number, p: number): number {
  const D = a.input;
  for (let i = 0; i < d * p; i++) D[i] = W[i] - wStar[i];
  a.arena.gemm(a.sx, D, a.out, d, d, p);
  const SD = a.out;
  let s = 0;
  for (let i = 0; i < d * p; i++) s += D[i] * SD[i];
  return Math.max(0, 0.5 * s);
}

/** ‖W − W_true‖²_F / ‖W_true‖²_F over all entries (ACHL's test error), or null without a ground truth. */
export function reconstructionErrorOf(problem: Problem, W: Mat): number | null {
  const truth = problem.kind === 'completion' ? (problem.hasGroundTruth ? problem.matrix : null) : problem.groundTruth;
  if (!truth) return null;
  let num = 0;
  let den = 0;
  for (let i = 0; i < truth.data.length; i++) {
    num += (W.data[i] - truth.data[i]) ** 2;
    den += truth.data[i] ** 2;
  }
  return den > 0 ? num / den : null;
}

/** Moments data without trΣy: a record's loss is the excess loss (spec §2), taken from its exact form — not the engine's f. */
export function recordLossIsExcess(problem: Problem, theory: Theory | null): boolean {
  return problem.kind === 'moments' && problem.traceSigmaY === null && theory !== null;
}

/**
 * A record's metrics of W. `triplets` > 0 (a run that follows ACHL Thm 3's rates): σ(W) and the top
 * `triplets` singular triplets from one bidiagonalization (topSingularVectors.ts), kept in `top`.
 * `formedLoss`: f(W) as the float64 engine formed it with W (engine.ts formedLoss: lossOf's bits),
 * taken instead of forming Σx·W again; `excessElsewhere`: the excess loss is being computed on a
 * spare thread (offThread.ts, excessLossOn) and the caller sets it (NaN until then). `known`: W's
 * triplets (at least `triplets` of them) computed already — at the record before, as the step
 * after it (run.ts) — their σ(W) and vectors the bits computing them here gives.
 */
export function recordMetrics(problem: Problem, theory: Theory | null, W: Mat, triplets = 0, formedLoss: number | null = null, excessElsewhere = false, known?: SingularTriplets): RecordMetrics {
  const empty = W.rows === 0 || W.cols === 0;
  const top = !empty && triplets > 0 ? (known ?? singularTriplets(W.data, W.rows, W.cols, triplets)) : undefined;
  const sv = empty ? [] : Array.from(top ? top.s : known ? known.s : singularValuesFlat(W.data, W.rows, W.cols));
  const lossIsExcess = recordLossIsExcess(problem, theory);
  const excessLoss = excessElsewhere && !lossIsExcess ? NaN : excessLossOf(problem, theory, W);
  return {
    loss: lossIsExcess ? excessLoss : (formedLoss ?? lossOf(problem, W)),
    excessLoss,
    singularValues: sv,
    nuclearNorm: sv.reduce((a, b) => a + b, 0),
    reconstructionError: reconstructionErrorOf(problem, W),
    reducedRankDistance: theory ? reducedRankDistances(W, theory) : null,
    componentValues: theory ? componentValues(W, theory) : null,
    ...(top ? { top } : {}),
  };
}
