// The explicit rows of a product of Householder reflectors, applied a block at a time in the compact
// WY form (Schreiber & Van Loan 1989; Golub & Van Loan, Matrix Computations 4th ed., §5.1.7:
// H_{k0} ⋯ H_{k0+b−1} = I − V T Vᵀ with T upper triangular, LAPACK dlarft forward/columnwise), each
// block's update X ← X − (X V) Tᵀ Vᵀ as two products on the arena's kernels (wasm/wasmGemm.ts
// `Float64Kernels`) instead of b rank-one updates in JS — LAPACK dorgbr/dorg2r's job, done with
// dlarfb. What svd.ts needs for U_bᵀ and V_bᵀ of the bidiagonalization (G&VL Alg. 5.4.2).
import type { Float64Arena } from './wasm/wasmGemm';

/** Reflectors H_k = I − τ_k v_k v_kᵀ, v_k (length L − k) acting on indices k … L − 1 of ℝ^L. */
export interface ReflectorSet {
  vs: Float64Array[];
  taus: ArrayLike<number>;
}

/** Reflectors a block (the rank of each update). */
export const REFLECTOR_BLOCK = 32;

/** The arena doubles formReflectorRows needs for an R×L result (with `out` given: the rest). */
export function reflectorRowsDoubles(R: number, L: number, b = REFLECTOR_BLOCK): number[] {
  return [R * L, R * L, L * b, R * b, R * b, b * b, b * b];
}

/**
 * X (R×L, row-major, written into `out` on the arena) = E_Rᵀ H_{K−1} ⋯ H_0, E_R the first R columns
 * of I_L, K = vs.length ≤ R ≤ L: the first R rows of (H_0 ⋯ H_{K−1})ᵀ. Blocks of reflectors from the
 * last to the first; while block [k0, k1) is applied only rows and columns k0 … are touched (rows
 * before k0 are still e_r), so the work is a contiguous (R − k0)×(L − k0) block, grown by b rows and
 * columns per block (the new rows are e_r) in a second buffer.
 */
export function formReflectorRows(set: ReflectorSet, R: number, L: number, arena: Float64Arena, out: Float64Array, b = REFLECTOR_BLOCK): Float64Array {
  const K = set.vs.length;
  if (K > R || R > L) throw new Error(`formReflectorRows: need K ≤ R ≤ L, got ${K}, ${R}, ${L}`);
  const bufs = [arena.alloc(R * L), out];
  const V = arena.alloc(L * b);
  const W = arena.alloc(R * b);
  const W2 = arena.alloc(R * b);
  const G = arena.alloc(b * b);
  const T = new Float64Array(b * b);
  const Tarena = arena.alloc(b * b);
  // the untouched part: rows and columns from the first block's start on are the identity
  const nBlocks = Math.ceil(K / b);
  let k0 = (nBlocks - 1) * b;
  if (K === 0) k0 = 0;
  let nr = R - k0;
  let nc = L - k0;
  // the work buffer for the last block: E rows k0 … R − 1, columns k0 … L − 1; buffers alternate so the last written is `out`
  let cur = nBlocks % 2 === 0 ? 0 : 1;
  let C = bufs[cur].subarray(0, nr * nc);
  C.fill(0);
  for (let r = 0; r < nr; r++) C[r * nc + r] = 1;
  for (let blk = nBlocks - 1; blk >= 0; blk--) {
    const k1 = Math.min(k0 + b, K);
    const bb = k1 - k0;
    // V (nc × bb): column j is v_{k0+j}, starting at row j
    const Vb = V.subarray(0, nc * bb);
    Vb.fill(0);
    for (let j = 0; j < bb; j++) {
      const v = set.vs[k0 + j];
      for (let i = 0; i < v.length; i++) Vb[(j + i) * bb + j] = v[i];
    }
    // T (bb × bb, upper): T_jj = τ_j, T[0:j, j] = −τ_j T[0:j, 0:j] (V[:, 0:j]ᵀ v_j)   (dlarft)
    const Gb = G.subarray(0, bb * bb);
    arena.gemmTN(Vb, Vb, Gb, bb, nc, bb);
    T.fill(0);
    for (let j = 0; j < bb; j++) {
      const tau = set.taus[k0 + j];
      T[j * bb + j] = tau;
      for (let i = 0; i < j; i++) {
        let t = 0;
        for (let l = i; l < j; l++) t += T[i * bb + l] * Gb[l * bb + j];
        T[i * bb + j] = -tau * t;
      }
    }
    // C ← C − (C V) Tᵀ Vᵀ
    const Wb = W.subarray(0, nr * bb);
    const Tb = Tarena.subarray(0, bb * bb);
    arena.gemm(C, Vb, Wb, nr, nc, bb);
    const W2b = W2.subarray(0, nr * bb);
    Tb.set(T.subarray(0, bb * bb));
    arena.gemmNT(Wb, Tb, W2b, nr, bb, bb); // (C V) Tᵀ
    const D = bufs[1 - cur].subarray(0, nr * nc);
    arena.gemmNT(W2b, Vb, D, nr, bb, nc);
    arena.axpy(-1, D, C, nr * nc);
    if (blk === 0) break;
    // grow: the next block's work buffer is rows and columns from k0 − b on, its first b rows e_r
    const g = b;
    const nr2 = nr + g;
    const nc2 = nc + g;
    cur = 1 - cur;
    const C2 = bufs[cur].subarray(0, nr2 * nc2);
    C2.fill(0);
    for (let r = 0; r < g; r++) C2[r * nc2 + r] = 1;
    for (let r = 0; r < nr; r++) C2.set(C.subarray(r * nc, (r + 1) * nc), (r + g) * nc2 + g);
    C = C2;
    nr = nr2;
    nc = nc2;
    k0 -= b;
  }
  if (C.buffer !== out.buffer || C.byteOffset !== out.byteOffset) out.set(C);
  return out;
}
