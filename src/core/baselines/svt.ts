// Singular value thresholding, the proximal map of τ‖·‖_* (Cai, Candès & Shen 2010):
// D_τ(Y) = U max(S − τ, 0) Vᵀ. Formed from the eigendecomposition of the smaller Gram matrix
// (YᵀY or YYᵀ): only the components with s > τ enter, scaled by (s − τ)/s, so the Gram matrix's
// squared conditioning only touches components at the round-off floor, where the weight is ≈ 1 or
// 0 anyway. The eigendecomposition keeps Q implicit (linalg/symmetricEigen.ts: Householder
// tridiagonalization, G&VL Alg. 8.3.1, and implicit QL, its rotations recorded), and only the r
// kept eigenvectors are formed — O(k²·r) after the tridiagonalization's 4/3·k³, where EISPACK's
// tred2 + tql2 accumulate all k of them (~9k³: 1.9 of the 2.6 s of ACHL's 100 × 100 baseline, 330 iterations).
import { explicitQ, symmetricEigenFlat } from '../linalg/symmetricEigen';
import { arenaDoubles, createArena, type Float64Arena } from '../linalg/wasm/wasmGemm';

/**
 * The products' buffers on an arena (the WebAssembly kernels where there are any; their bits are the
 * JS kernels' of gemm.ts), made once for an m×n shape and kept: an ADMM run calls this hundreds of
 * times on one shape.
 */
interface SvtBuffers {
  m: number;
  n: number;
  arena: Float64Arena;
  Y: Float64Array;
  G: Float64Array;
  V: Float64Array;
  P: Float64Array;
  D: Float64Array;
}
let buffers: SvtBuffers | null = null;

function buffersFor(m: number, n: number): SvtBuffers {
  if (buffers && buffers.m === m && buffers.n === n) return buffers;
  buffers?.arena.dispose?.();
  const k = Math.min(m, n);
  const lengths = [m * n, k * k, k * k, Math.max(m, n) * k, m * n];
  const arena = createArena(arenaDoubles(lengths));
  const [Y, G, V, P, D] = lengths.map((l) => arena.alloc(l));
  return (buffers = { m, n, arena, Y, G, V, P, D });
}

/** The k×k Gram matrix of Y (m×n, in b.Y): YᵀY when m ≥ n, else YYᵀ, into b.G. */
function gram(b: SvtBuffers): Float64Array {
  const { m, n, arena, Y, G } = b;
  if (m >= n) arena.gemmTN(Y, Y, G, n, m, n);
  else arena.gemmNT(Y, Y, G, m, n, m);
  return G;
}

export interface SvtResult {
  /** ‖D_τ(Y)‖_* = Σ (s_i − τ)₊. */
  nuclearNorm: number;
  /** The number of singular values above τ. */
  rank: number;
}

/** out ← D_τ(Y) for Y (m×n, row-major). `out` may not alias Y. */
export function singularValueThreshold(Y: Float64Array, m: number, n: number, tau: number, out: Float64Array): SvtResult {
  const tall = m >= n;
  const k = tall ? n : m;
  const b = buffersFor(m, n);
  b.Y.set(Y.subarray(0, m * n));
  const eig = symmetricEigenFlat(gram(b), k);
  // components above τ, largest first (the eigenvalues are descending)
  const weight: number[] = [];
  let nuclearNorm = 0;
  for (let j = 0; j < k; j++) {
    const s = Math.sqrt(Math.max(0, eig.values[j]));
    if (!(s > tau)) break;
    weight.push((s - tau) / s);
    nuclearNorm += s - tau;
  }
  const r = weight.length;
  if (r === 0) {
    out.fill(0, 0, m * n);
    return { nuclearNorm: 0, rank: 0 };
  }
  const { arena, V, P, D } = b;
  const Vr = V.subarray(0, k * r);
  Vr.set(explicitQ(eig, r)); // k×r: the kept eigenvectors as columns
  if (tall) {
    // D = Y V diag(w) Vᵀ: P = Y V (m×r), scale its columns, D = P Vᵀ
    const Pr = P.subarray(0, m * r);
    arena.gemm(b.Y, Vr, Pr, m, n, r);
    for (let i = 0; i < m; i++) for (let a = 0; a < r; a++) Pr[i * r + a] *= weight[a];
    arena.gemmNT(Pr, Vr, D, m, r, n);
  } else {
    // D = U diag(w) Uᵀ Y: Q = Uᵀ Y (r×n), scale its rows, D = U Q
    const Q = P.subarray(0, r * n);
    arena.gemmTN(Vr, b.Y, Q, r, m, n);
    for (let a = 0; a < r; a++) for (let j = 0; j < n; j++) Q[a * n + j] *= weight[a];
    arena.gemm(Vr, Q, D, m, r, n);
  }
  out.set(D.subarray(0, m * n));
  return { nuclearNorm, rank: r };
}
