// The theory of a moments problem (spec §1), computed once per problem and rankTol.
// Cost: one SVD of Σxy (thin), one eigendecomposition of Σx (for W*, W^{k,*}, ‖Σx‖₂) and
// O(r_xy d²) for λ, ε. The completed basis U needs one more eigendecomposition (of CᵀΣxC,
// (d−r_xy)²): it is computed on first access of theory.U and kept.
import { arenaDoubles, createArena, type Float64Arena } from '../linalg/wasm/wasmGemm';
import type { Mat, MomentsProblem, Theory } from '../types';
import { leastSquaresSolutionOf, sigmaXEigOf } from './leastSquares';
import { reducedRankDistancesOf, reducedRankSolutions } from './reducedRank';
import { alignmentQuantities, completedBasis, deltaX, deltaXY, sigmaXYIsSigmaX, singularSpectrum, symmetricSpectrum } from './spectrum';
import { stepSizeBounds } from './stepSize';

const cache = new WeakMap<MomentsProblem, Map<number, Theory>>();

// The first r_xy columns of theory.U are the u_i; reading them from U would force the completed
// basis, so computeTheory keeps the d×r_xy block beside it. A Theory built elsewhere falls back to U.
const learnableBlock = new WeakMap<Theory, Mat>();

/** The theory of spec §1 for this problem; the same problem object and rankTol give the same Theory. */
export function computeTheory(problem: MomentsProblem, rankTol: number): Theory {
  let byTol = cache.get(problem);
  if (!byTol) {
    byTol = new Map();
    cache.set(problem, byTol);
  }
  const hit = byTol.get(rankTol);
  if (hit) return hit;
  const theory = buildTheory(problem, rankTol);
  byTol.set(rankTol, theory);
  return theory;
}

function buildTheory(problem: MomentsProblem, rankTol: number): Theory {
  const { sigmaX, sigmaXY } = problem;
  const eig = sigmaXEigOf(problem);
  // an autoencoder (Σxy = Σx): its spectrum and W^{k,*} from Σx's eigendecomposition, no SVD
  const autoencoder = sigmaXYIsSigmaX(sigmaX, sigmaXY);
  const spec = autoencoder ? symmetricSpectrum(eig, rankTol) : singularSpectrum(sigmaXY, rankTol);
  const { lambda, epsilon } = alignmentQuantities(sigmaX, spec.uLearnable);
  const sigmaXNorm = eig.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const bounds = stepSizeBounds(spec.sigma);
  let U: Mat | null = null;
  const theory: Theory = {
    sigma: spec.sigma,
    lambda,
    rxy: spec.rxy,
    get U(): Mat {
      if (U === null) U = completedBasis(sigmaX, spec.uLearnable);
      return U;
    },
    V: spec.V,
    epsilon,
    deltaXY: deltaXY(epsilon, sigmaXNorm),
    deltaX: deltaX(sigmaX),
    sigmaXNorm,
    stepSizeBounds: bounds,
    wStar: leastSquaresSolutionOf(problem),
    reducedRank: reducedRankSolutions(eig, sigmaXY, spec.rxy, autoencoder),
  };
  learnableBlock.set(theory, spec.uLearnable);
  return theory;
}

/** A theory as it crosses a thread or a message channel: every field but the lazy U, with the u_i block. */
export interface PackedTheory extends Omit<Theory, 'U'> {
  /** u_1 … u_rxy (d×r_xy), from which U is completed on demand. */
  learnable: Mat;
}

/** Packs a theory without forcing its completed basis U (a d×d eigendecomposition). */
export function packTheory(theory: Theory): PackedTheory {
  const { sigma, lambda, rxy, V, epsilon, deltaXY, deltaX, sigmaXNorm, stepSizeBounds, wStar, reducedRank } = theory;
  return { sigma, lambda, rxy, V, epsilon, deltaXY, deltaX, sigmaXNorm, stepSizeBounds, wStar, reducedRank, learnable: learnableVectors(theory) };
}

/** The inverse of packTheory on the problem it belongs to: U is completed again on first access. */
export function unpackTheory(packed: PackedTheory, problem: MomentsProblem): Theory {
  const { learnable, ...fields } = packed;
  let U: Mat | null = null;
  const theory: Theory = {
    ...fields,
    get U(): Mat {
      if (U === null) U = completedBasis(problem.sigmaX, learnable);
      return U;
    },
  };
  learnableBlock.set(theory, learnable);
  return theory;
}

/** v_1 … v_rxy (p×r_xy) on an arena, with room for W (d×p) and W·[v_1 … v_rxy] (d×r_xy). */
interface ComponentArena {
  arena: Float64Arena;
  vBlock: Float64Array;
  w: Float64Array;
  wv: Float64Array;
}

const componentArenas = new WeakMap<Theory, ComponentArena>();

function componentArena(theory: Theory, d: number, p: number): ComponentArena {
  let a = componentArenas.get(theory);
  if (!a || a.w.length !== d * p) {
    const { V, rxy } = theory;
    const arena = createArena(arenaDoubles([p * rxy, d * p, d * rxy]));
    const vBlock = arena.alloc(p * rxy);
    for (let b = 0; b < p; b++) for (let i = 0; i < rxy; i++) vBlock[b * rxy + i] = V.data[b * V.cols + i];
    a = { arena, vBlock, w: arena.alloc(d * p), wv: arena.alloc(d * rxy) };
    componentArenas.set(theory, a);
  }
  return a;
}

/**
 * c_i = u_iᵀ W v_i for i < r_xy (spec §1): what the scalar theory predicts. W·[v_1 … v_rxy] as one
 * product on the arena's kernels (d·p·r_xy), then the r_xy column dot products with the u_i.
 */
export function componentValues(W: Mat, theory: Theory): number[] {
  const { U, rxy } = theoryVectors(theory);
  const d = W.rows;
  const p = W.cols;
  if (rxy === 0) return [];
  const { arena, vBlock, w, wv } = componentArena(theory, d, p);
  w.set(W.data.subarray(0, d * p));
  arena.gemm(w, vBlock, wv, d, p, rxy);
  const out = new Array<number>(rxy).fill(0);
  for (let a = 0; a < d; a++) {
    const uo = a * U.cols;
    const to = a * rxy;
    for (let i = 0; i < rxy; i++) out[i] += U.data[uo + i] * wv[to + i];
  }
  return out;
}

function theoryVectors(theory: Theory): { U: Mat; V: Mat; rxy: number } {
  return { U: learnableBlock.get(theory) ?? theory.U, V: theory.V, rxy: theory.rxy };
}

/** u_1 … u_rxy as a d×r_xy matrix, without forcing the completed basis theory.U. */
export function learnableVectors(theory: Theory): Mat {
  const block = learnableBlock.get(theory);
  if (block) return block;
  const { U, rxy } = theory;
  const M: Mat = { rows: U.rows, cols: rxy, data: new Float64Array(U.rows * rxy) };
  for (let a = 0; a < U.rows; a++) for (let i = 0; i < rxy; i++) M.data[a * rxy + i] = U.data[a * U.cols + i];
  return M;
}

/** ‖W − W^{k,*}‖_F / ‖W*‖_F for k = 0…r_xy (spec §4); unnormalized when W* = 0. */
export function reducedRankDistances(W: Mat, theory: Theory): number[] {
  const scale = inverseNormOfWStar(theory);
  return reducedRankDistancesOf(W, theory.reducedRank).map((x) => x * scale);
}

const wStarScale = new WeakMap<Theory, number>();

/** 1/‖W*‖_F (1 where W* = 0), once per theory object rather than at every record. */
function inverseNormOfWStar(theory: Theory): number {
  let scale = wStarScale.get(theory);
  if (scale === undefined) {
    let nStar = 0;
    for (let i = 0; i < theory.wStar.data.length; i++) nStar += theory.wStar.data[i] ** 2;
    scale = nStar > 0 ? 1 / Math.sqrt(nStar) : 1;
    wStarScale.set(theory, scale);
  }
  return scale;
}
