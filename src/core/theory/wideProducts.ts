// Products with Σx's explicit eigenvectors Q (Σx = QΛQᵀ, leastSquares.ts sigmaXEigOf) for
// right-hand sides with many columns — the autoencoders' Σxy = Σx (d×d), S⁺ of r_xy ≈ d vectors —
// on the arena's kernels (wasm/wasmGemm.ts: the JS kernels' bits), where dense.ts's
// applySpectralFunction would take the same route with the JS kernels. Where the recorded
// rotations are the cheaper route (few columns) dense.ts's implicit route stays.
import type { SymmetricEig } from '../linalg/dense';
import { arenaDoubles, createArena } from '../linalg/wasm/wasmGemm';
import type { Mat } from '../types';

/** Columns past which the explicit Q is used: dense.ts applySpectralFunction's own switch. */
export function isWide(n: number, cols: number): boolean {
  return cols > Math.max(8, n >> 2);
}

/** Qᵀ M (n×c, row-major), Q the eigenvectors as columns (eig.vectors, formed on first access). */
export function qtTimes(eig: SymmetricEig, M: ArrayLike<number>, c: number): Float64Array {
  return withQ(eig, M, c, 'gemmTN');
}

/** Q Y (n×c, row-major). */
export function qTimes(eig: SymmetricEig, Y: ArrayLike<number>, c: number): Float64Array {
  return withQ(eig, Y, c, 'gemm');
}

/** op(Q)·B on an arena of its own: Q and B copied there, the product copied out. */
function withQ(eig: SymmetricEig, B: ArrayLike<number>, c: number, form: 'gemm' | 'gemmTN'): Float64Array {
  const n = eig.values.length;
  const arena = createArena(arenaDoubles([n * n, n * c, n * c]));
  const Q = arena.copyOf(eig.vectors.data);
  const X = arena.copyOf(B);
  const C = arena.alloc(n * c);
  arena[form](Q, X, C, n, n, c);
  return C.slice();
}

/** diag(g(λ_j)) Y with g = 0 where λ_j ≤ cutoff (the pseudo-inverse convention), a new array. */
export function scaleRows(eig: SymmetricEig, g: (lambda: number) => number, Y: ArrayLike<number>, c: number, cutoff: number): Float64Array {
  const out = Float64Array.from(Y);
  for (let j = 0; j < eig.values.length; j++) {
    const lam = eig.values[j];
    const gj = lam > cutoff ? g(lam) : 0;
    for (let q = 0; q < c; q++) out[j * c + q] *= gj;
  }
  return out;
}

const qtCache = new WeakMap<SymmetricEig, WeakMap<Mat, Float64Array>>();

/** Qᵀ M kept per (eig, M): W* and the reduced-rank terms share QᵀΣxy. */
export function qtTimesCached(eig: SymmetricEig, M: Mat): Float64Array {
  let byM = qtCache.get(eig);
  if (!byM) {
    byM = new WeakMap();
    qtCache.set(eig, byM);
  }
  let y = byM.get(M);
  if (!y) {
    y = qtTimes(eig, M.data, M.cols);
    byM.set(M, y);
  }
  return y;
}
