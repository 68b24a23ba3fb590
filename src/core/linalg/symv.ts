// y = S x for a symmetric S from its lower triangle only (BLAS dsymv, lower): the matrix–vector
// product of the blocked tridiagonalization's panels (tridiagonalBlocked.ts, LAPACK dlatrd's dsymv),
// reading half the trailing matrix a general product would. On a wasm arena the f64x2 kernel
// wasm/symv.wat, elsewhere the loop below: the same operations in the same order (the same bits).
import { moduleOnArena } from './wasm/onArena';
import { symvWasmBase64 } from './wasm/symvWasm.generated';
import type { Float64Arena } from './wasm/wasmGemm';

interface SymvExports {
  symv(S: number, ld: number, n: number, x: number, y: number): void;
}

const kernelOn = moduleOnArena<SymvExports>(symvWasmBase64);

/**
 * y[0 … n) = S x, S[r][c] = A[s0 + r·ld + c] for c ≤ r (the lower triangle; the rest is not read),
 * x[c] = X[x0 + c]. A, X, y on `arena`.
 */
export function symvLower(arena: Float64Arena, A: Float64Array, s0: number, ld: number, n: number, X: Float64Array, x0: number, y: Float64Array): void {
  const k = kernelOn(arena);
  if (k && A.buffer === X.buffer && A.buffer === y.buffer && s0 + (n - 1) * ld + n <= A.length && x0 + n <= X.length && n <= y.length) {
    k.symv(A.byteOffset + 8 * s0, ld, n, X.byteOffset + 8 * x0, y.byteOffset);
    return;
  }
  symvLowerJs(A, s0, ld, n, X, x0, y);
}

/** The kernel's loop: the dot in two lanes (even, odd c; an odd last c into the even one). */
export function symvLowerJs(A: Float64Array, s0: number, ld: number, n: number, X: Float64Array, x0: number, y: Float64Array): void {
  y.fill(0, 0, n);
  for (let r = 0; r < n; r++) {
    const row = s0 + r * ld;
    const xr = X[x0 + r];
    let a0 = 0;
    let a1 = 0;
    let c = 0;
    for (; c + 1 < r; c += 2) {
      const s = A[row + c];
      const t = A[row + c + 1];
      a0 += s * X[x0 + c];
      a1 += t * X[x0 + c + 1];
      y[c] += s * xr;
      y[c + 1] += t * xr;
    }
    if (c < r) {
      const s = A[row + c];
      a0 += s * X[x0 + c];
      y[c] += s * xr;
    }
    y[r] += a0 + a1 + A[row + r] * xr;
  }
}
