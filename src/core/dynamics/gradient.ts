// The loss gradient of a deep linear network, allocation-free on preallocated Float64Arrays.
// W = W1⋯WL (spec §1); G = ∂f/∂W; ∇_l = (W1⋯W(l−1))ᵀ G (W(l+1)⋯WL)ᵀ (GBL eq. 11).
// Completion (ACHL): G = P_Ω(W − M)/|Ω| is zero off Ω, so a step needs W on Ω only and the products
// with G run over Ω's entries (sparse.ts); see GradientWorkspace.
import { JsArena, type Float64Arena } from '../linalg/wasm/wasmGemm';
import { observedPattern, observedPatternLengths, type ObservedPattern } from '../linalg/sparse';
import { int32Doubles, sparseKernelsFor, sparseTNScratch, type SparseKernels } from '../linalg/wasm/sparseWasm';
import type { Problem } from '../types';
import { completionLossSampled, momentsLoss, observedIndices } from './loss';
import { lossConstant } from './lossConstant';

/** Shapes of the factors: [rows, cols] each. */
export function factorShapes(d: number, p: number, depth: number, width: number): Array<[number, number]> {
  if (depth === 1) return [[d, p]];
  const shapes: Array<[number, number]> = [[d, width]];
  for (let l = 1; l < depth - 1; l++) shapes.push([width, width]);
  shapes.push([width, p]);
  return shapes;
}

export function problemDims(problem: Problem): { d: number; p: number } {
  return problem.kind === 'moments' ? { d: problem.d, p: problem.p } : { d: problem.rows, p: problem.cols };
}

/** The doubles a GradientWorkspace takes from its arena (for `arenaDoubles`). */
export function workspaceBufferLengths(problem: Problem, depth: number, width: number): number[] {
  const { d, p } = problemDims(problem);
  const shapes = factorShapes(d, p, depth, width);
  const lengths = [d * p, d * p];
  if (problem.kind === 'moments') lengths.push(d * p, d * d, d * p);
  for (let l = 0; l < depth - 1; l++) lengths.push(shapes[l + 1][0] * p);
  for (let l = 1; l < depth - 1; l++) lengths.push(shapes[l][0] * p);
  if (problem.kind === 'completion') {
    // |Ω| from the mask; a problem not read yet (budget.ts: shape only) counts every entry, at most
    let count = d * p;
    if (problem.mask) {
      count = 0;
      for (let i = 0; i < problem.mask.length; i++) if (problem.mask[i]) count++;
    }
    const w = shapes[0][1];
    lengths.push(...observedPatternLengths(count, d, p).map(int32Doubles), count, count);
    if (depth > 1) lengths.push(p * w, p * w, sparseTNScratch(w, d));
  }
  return lengths;
}

/**
 * Workspace for f and its factor gradients. `evaluate(factors, grads)` writes ∇_l into grads[l]
 * and returns f(W); `lossAndResidual(factors)` returns f and leaves W (`endToEnd`) and G. Its
 * buffers come from `arena` (wasm SIMD kernels, or the JS kernels of gemm.ts by default: the same
 * bits either way); the factors and grads passed to evaluate() must be the arena's too.
 *
 * Completion uses Ω's sparsity (|Ω| = 20 % of the entries in ACHL's setting): W is associated as
 * W1·S with S = W2⋯WL (the suffix product ∇_1 needs anyway), a step forms W only on Ω
 * (W_ij = (W1)_i · S_{:,j}, |Ω|·width multiply-adds), ∇_1 = G Sᵀ and W1ᵀG run over Ω's entries, and
 * only the chain of depth ≥ 3 stays dense: no dense product at depth 2, 3 (of 7) at depth 3. Each
 * sparse sum is the dense kernel's, in its order (sparse.ts): the bits of the dense route
 * W = W1(W2⋯WL), ∇_1 = G(W2⋯WL)ᵀ, ∇_2 = W1ᵀG… . Both kinds associate W = W1·S: the forward pass is
 * the suffix chain S and one product, L − 1 in all, where a prefix chain W1⋯Wl beside the suffix
 * chain would take 2L − 3 (8 products a step at depth 3, not 7). evaluate() on completion leaves
 * W on Ω only; lossAndResidual() forms the whole W too (one dense product: records, probes), and
 * both take f and G from the same sums, so a run's bits do not depend on when it is recorded.
 */
export class GradientWorkspace {
  readonly d: number;
  readonly p: number;
  readonly depth: number;
  readonly shapes: Array<[number, number]>;
  /** W = W1⋯WL after lossAndResidual() (and evaluate() on moments; on completion evaluate() forms W on Ω only). */
  readonly endToEnd: Float64Array;
  /** G = ∂f/∂W after evaluate() or lossAndResidual(). */
  readonly G: Float64Array;
  private readonly suffix: Float64Array[]; // suffix[l] = W(l+2)⋯WL, l = 0…L−2
  private readonly leftG: Float64Array[]; // leftG[l] = (W1⋯Wl)ᵀ G, l = 1…L−2 (leftG[L−1] is ∇_L, formed in grads)
  private readonly sigmaXW: Float64Array;
  /** Σx and Σxy in the arena (the kernels read only the arena's buffers). */
  private readonly sigmaX: Float64Array;
  private readonly sigmaXY: Float64Array;
  private readonly k: Float64Arena;
  private readonly lossConstant: number;
  /** Completion: the indices of Ω, so that a step walks |Ω| entries, not rows·cols (G stays 0 off Ω). */
  private readonly observed: Int32Array;
  /** Completion: Ω by rows and columns (sparse.ts), and W and G on Ω (entry t at observed[t]). */
  private readonly omega: ObservedPattern | null = null;
  private readonly wOmega: Float64Array = new Float64Array(0);
  private readonly gOmega: Float64Array = new Float64Array(0);
  /** Completion, depth ≥ 2: Sᵀ = (W2⋯WL)ᵀ (p×width), (W1ᵀG)ᵀ (p×width), and sparseTN's scratch. */
  private readonly suffixT: Float64Array = new Float64Array(0);
  private readonly leftGT: Float64Array = new Float64Array(0);
  private readonly tnScratch: Float64Array = new Float64Array(0);
  /** The products over Ω on the arena's buffers (sparse.wat, or sparse.ts's JS loops: the same bits). */
  private readonly sk: SparseKernels | null = null;

  constructor(
    private readonly problem: Problem,
    depth: number,
    width: number,
    /** The excess-loss constant ½ tr(Σxyᵀ Σx⁺ Σxy) (lossConstant.ts), added when trΣy is unknown so that f is the excess loss (spec §2). */
    excessConstant = 0,
    arena: Float64Arena = new JsArena(),
  ) {
    this.k = arena;
    const { d, p } = problemDims(problem);
    this.d = d;
    this.p = p;
    this.depth = depth;
    this.shapes = factorShapes(d, p, depth, width);
    // allocation order and lengths as in workspaceBufferLengths
    this.endToEnd = arena.alloc(d * p);
    this.G = arena.alloc(d * p);
    this.sigmaXW = problem.kind === 'moments' ? arena.alloc(d * p) : new Float64Array(0);
    this.sigmaX = problem.kind === 'moments' ? arena.copyOf(problem.sigmaX.data) : new Float64Array(0);
    this.sigmaXY = problem.kind === 'moments' ? arena.copyOf(problem.sigmaXY.data) : new Float64Array(0);
    this.suffix = [];
    this.leftG = [new Float64Array(0)];
    for (let l = 0; l < depth - 1; l++) this.suffix.push(arena.alloc(this.shapes[l + 1][0] * p));
    for (let l = 1; l < depth - 1; l++) this.leftG.push(arena.alloc(this.shapes[l][0] * p));
    this.lossConstant =
      problem.kind === 'moments' ? (problem.traceSigmaY !== null ? lossConstant(problem) : excessConstant) : 0;
    this.observed = problem.kind === 'completion' ? observedIndices(problem.mask) : new Int32Array(0);
    if (problem.kind === 'completion') {
      const w = this.shapes[0][1];
      const sk = (this.sk = sparseKernelsFor(arena));
      this.omega = observedPattern(problem.mask, d, p, sk.int32);
      this.wOmega = arena.alloc(this.observed.length);
      this.gOmega = arena.alloc(this.observed.length);
      if (depth > 1) {
        this.suffixT = arena.alloc(p * w);
        this.leftGT = arena.alloc(p * w);
        this.tnScratch = arena.alloc(sparseTNScratch(w, d));
      }
    }
  }

  /** Forms W and G from the factors and returns f(W). */
  lossAndResidual(factors: Float64Array[]): number {
    const { d, p, depth, shapes, k } = this;
    const W = this.endToEnd;
    if (this.problem.kind === 'completion') {
      const f = this.completionForward(factors);
      // the whole W = W1·S, the sums sampledProduct took on Ω (the same bits there)
      if (depth === 1) W.set(factors[0]);
      else k.gemm(factors[0], this.suffix[0], W, d, shapes[0][1], p);
      return f;
    }
    if (depth === 1) W.set(factors[0]);
    else {
      // W = W1·S with S = W2⋯WL, the suffix products ∇_1 needs anyway: L − 1 products in all, no prefix chain
      this.suffixProducts(factors);
      k.gemm(factors[0], this.suffix[0], W, d, shapes[0][1], p);
    }
    // G = Σx W − Σxy (GBL eq. 7); f = ½⟨W, ΣxW⟩ − ⟨W, Σxy⟩ + c (loss.ts momentsLoss's sums, on the arena's kernel)
    const SW = this.sigmaXW;
    k.gemm(this.sigmaX, W, SW, d, d, p);
    return k.residualLoss(W, SW, this.sigmaXY, this.lossConstant, this.G, d * p);
  }

  /**
   * Completion: the suffix products S = W2⋯WL (and Sᵀ), W on Ω only, G = P_Ω(W − M)/|Ω| and
   * f = Σ_Ω (W − M)²/(2|Ω|) (spec §2, ACHL; loss.ts). W itself is not formed.
   */
  private completionForward(factors: Float64Array[]): number {
    const { p, depth, shapes, k } = this;
    const problem = this.problem as Extract<Problem, { kind: 'completion' }>;
    const omega = this.omega!;
    if (depth === 1) {
      const W1 = factors[0];
      for (let t = 0; t < this.observed.length; t++) this.wOmega[t] = W1[this.observed[t]];
    } else {
      this.suffixProducts(factors);
      const w = shapes[0][1];
      const sk = this.sk!;
      sk.transpose(this.suffix[0], w, p, this.suffixT);
      sk.sampled(factors[0], this.suffixT, w, omega, this.wOmega); // W_ij = (W1)_i · S_{:,j} on Ω
    }
    return completionLossSampled(this.wOmega, problem.matrix.data, this.observed, problem.observedCount, this.gOmega, this.G);
  }

  /** suffix[l] = W(l+2)⋯WL, l = L−2 down to 0 (suffix[L−2] is WL itself): L − 2 products. */
  private suffixProducts(factors: Float64Array[]): void {
    const { p, depth, shapes, k } = this;
    this.suffix[depth - 2] = factors[depth - 1];
    for (let l = depth - 3; l >= 0; l--) k.gemm(factors[l + 1], this.suffix[l + 1], this.suffix[l], shapes[l + 1][0], shapes[l + 1][1], p);
  }

  /** Writes ∇_l f into grads[l] for every factor (GBL eq. 11) and returns f. */
  evaluate(factors: Float64Array[], grads: Float64Array[]): number {
    const f = this.problem.kind === 'completion' ? this.completionForward(factors) : this.lossAndResidual(factors);
    this.factorGradients(factors, grads);
    return f;
  }

  /**
   * ∇_l f into grads[l] from the W and G that lossAndResidual(factors) left (GBL eq. 11): evaluate()
   * less the forward products (the suffix products too: the forward formed them).
   */
  factorGradients(factors: Float64Array[], grads: Float64Array[]): void {
    const { d, p, depth, shapes, G, k } = this;
    if (depth === 1) {
      grads[0].set(G);
      return;
    }
    const w = shapes[0][1];
    if (this.omega) {
      // ∇_1 = G Sᵀ and leftG[1] = W1ᵀ G over Ω's entries (sparse.ts; the dense kernels' sums)
      const sk = this.sk!;
      sk.sparseNT(this.gOmega, this.omega, this.suffixT, w, grads[0]);
      sk.sparseTN(factors[0], w, this.omega, this.gOmega, this.leftGT, this.tnScratch);
      sk.transpose(this.leftGT, p, w, depth === 2 ? grads[1] : this.leftG[1]);
      if (depth === 2) return;
    } else {
      // (the suffix products W(l+2)⋯WL: lossAndResidual formed them)
      // ∇_1 = G (W2⋯WL)ᵀ
      k.gemmNT(G, this.suffix[0], grads[0], d, p, w);
      // leftG[1] = W1ᵀ G (∇_2 itself at depth 2)
      k.gemmTN(factors[0], G, depth === 2 ? grads[1] : this.leftG[1], w, d, p);
      if (depth === 2) return;
    }
    // leftG[l] = (W1⋯Wl)ᵀ G = W_lᵀ leftG[l−1]; ∇_{l+1} = leftG[l] (W(l+2)⋯WL)ᵀ, and ∇_L = leftG[L−1] formed in place
    for (let l = 1; l < depth; l++) {
      const last = l === depth - 1;
      if (l > 1) k.gemmTN(factors[l - 1], this.leftG[l - 1], last ? grads[l] : this.leftG[l], shapes[l - 1][1], shapes[l - 1][0], p);
      if (!last) k.gemmNT(this.leftG[l], this.suffix[l], grads[l], shapes[l][0], p, shapes[l][1]);
    }
  }
}
