// The loss gradient of a deep linear network, allocation-free on preallocated Float64Arrays.
// W = W1⋯WL (spec §1); G = ∂f/∂W; ∇_l = (W1⋯W(l−1))ᵀ G (W(l+1)⋯WL)ᵀ (GBL eq. 11).
import { JsArena, type Float64Arena } from '../linalg/wasm/wasmGemm';
import type { Problem } from '../types';
import { completionLossOn, momentsLoss, observedIndices } from './loss';
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
  if (problem.kind === 'moments') lengths.push(d * p, d * d);
  for (let l = 0; l < depth - 1; l++) lengths.push(d * shapes[l][1], shapes[l + 1][0] * p);
  for (let l = 1; l < depth; l++) lengths.push(shapes[l][0] * p);
  return lengths;
}

/**
 * Workspace for f and its factor gradients. `evaluate(factors, grads)` writes ∇_l into grads[l]
 * and returns f(W) of the end-to-end W it formed (left in `endToEnd`). Its buffers come from
 * `arena` (wasm SIMD kernels, or the JS kernels of gemm.ts by default: the same bits either way);
 * the factors and grads passed to evaluate() must be the arena's too.
 */
export class GradientWorkspace {
  readonly d: number;
  readonly p: number;
  readonly depth: number;
  readonly shapes: Array<[number, number]>;
  /** W = W1⋯WL after evaluate(). */
  readonly endToEnd: Float64Array;
  /** G = ∂f/∂W after evaluate(). */
  readonly G: Float64Array;
  private readonly prefix: Float64Array[]; // prefix[l] = W1⋯W(l+1), l = 0…L−2 (prefix[L−1] is endToEnd)
  private readonly suffix: Float64Array[]; // suffix[l] = W(l+2)⋯WL, l = 0…L−2
  private readonly leftG: Float64Array[]; // leftG[l] = (W1⋯Wl)ᵀ G, l = 1…L−1
  private readonly sigmaXW: Float64Array;
  /** Σx in the arena (the kernels read only the arena's buffers). */
  private readonly sigmaX: Float64Array;
  private readonly k: Float64Arena;
  private readonly lossConstant: number;
  /** Completion: the indices of Ω, so that a step walks |Ω| entries, not rows·cols (G stays 0 off Ω). */
  private readonly observed: Int32Array;

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
    this.prefix = [];
    this.suffix = [];
    this.leftG = [new Float64Array(0)];
    for (let l = 0; l < depth - 1; l++) {
      this.prefix.push(arena.alloc(d * this.shapes[l][1]));
      this.suffix.push(arena.alloc(this.shapes[l + 1][0] * p));
    }
    for (let l = 1; l < depth; l++) this.leftG.push(arena.alloc(this.shapes[l][0] * p));
    this.lossConstant =
      problem.kind === 'moments' ? (problem.traceSigmaY !== null ? lossConstant(problem) : excessConstant) : 0;
    this.observed = problem.kind === 'completion' ? observedIndices(problem.mask) : new Int32Array(0);
  }

  /** Forms W and G from the factors and returns f(W). */
  lossAndResidual(factors: Float64Array[]): number {
    const { d, p, depth, shapes, k } = this;
    let W = this.endToEnd;
    if (depth === 1) W.set(factors[0]);
    else {
      // prefix products W1⋯W(l+1)
      let left = factors[0];
      for (let l = 1; l < depth; l++) {
        const out = l === depth - 1 ? W : this.prefix[l];
        k.gemm(left, factors[l], out, d, shapes[l][0], shapes[l][1]);
        left = out;
      }
      this.prefix[0] = factors[0];
    }
    const G = this.G;
    const problem = this.problem;
    if (problem.kind === 'moments') {
      // G = Σx W − Σxy (GBL eq. 7); f = ½⟨W, ΣxW⟩ − ⟨W, Σxy⟩ + c (loss.ts)
      const SW = this.sigmaXW;
      k.gemm(this.sigmaX, W, SW, d, d, p);
      return momentsLoss(W, SW, problem.sigmaXY.data, this.lossConstant, G);
    }
    // completion: G = P_Ω(W − M)/|Ω|, f = Σ_Ω (W − M)² / (2|Ω|) (spec §2, ACHL; loss.ts)
    return completionLossOn(W, problem.matrix.data, this.observed, problem.observedCount, G);
  }

  /** Writes ∇_l f into grads[l] for every factor (GBL eq. 11) and returns f. */
  evaluate(factors: Float64Array[], grads: Float64Array[]): number {
    const f = this.lossAndResidual(factors);
    this.factorGradients(factors, grads);
    return f;
  }

  /** ∇_l f into grads[l] from the W and G that lossAndResidual(factors) left (GBL eq. 11): evaluate() less the forward products. */
  factorGradients(factors: Float64Array[], grads: Float64Array[]): void {
    const { d, p, depth, shapes, G, k } = this;
    if (depth === 1) {
      grads[0].set(G);
      return;
    }
    // suffix products W(l+2)⋯WL
    this.suffix[depth - 2] = factors[depth - 1];
    for (let l = depth - 3; l >= 0; l--) {
      k.gemm(factors[l + 1], this.suffix[l + 1], this.suffix[l], shapes[l + 1][0], shapes[l + 1][1], p);
    }
    // ∇_1 = G (W2⋯WL)ᵀ
    k.gemmNT(G, this.suffix[0], grads[0], d, p, shapes[0][1]);
    // leftG[l] = (W1⋯Wl)ᵀ G = W_lᵀ leftG[l−1]; ∇_{l+1} = leftG[l] (W(l+2)⋯WL)ᵀ
    k.gemmTN(factors[0], G, this.leftG[1], shapes[0][1], d, p);
    for (let l = 1; l < depth; l++) {
      if (l > 1) k.gemmTN(factors[l - 1], this.leftG[l - 1], this.leftG[l], shapes[l - 1][1], shapes[l - 1][0], p);
      if (l === depth - 1) grads[l].set(this.leftG[l]);
      else k.gemmNT(this.leftG[l], this.suffix[l], grads[l], shapes[l][0], p, shapes[l][1]);
    }
  }
}
