// Σ_l ‖x_l‖² over several arrays (grouprmsprop's total squared gradient norm, ACHL §5) with the bits
// of Σ_l sumSquares(x_l) (gemm.ts): each array's sum is the sequential Σ x_i², the sums then added
// in order from 0. Up to three arrays' sums run in one loop: independent chains of additions, so
// none waits on another's latency (a lone sequential sum is bound by it, ~4 cycles an entry).

/** ((0 + Σ x_0²) + Σ x_1²) + …, each Σ sequential in index order. */
export function sumSquaresAll(xs: readonly Float64Array[]): number {
  let total = 0;
  for (let l = 0; l < xs.length; l += 3) {
    const a = xs[l];
    const b = l + 1 < xs.length ? xs[l + 1] : null;
    const c = l + 2 < xs.length ? xs[l + 2] : null;
    let sa = 0, sb = 0, sc = 0;
    let i = 0;
    if (b && c) {
      const n = Math.min(a.length, b.length, c.length);
      for (; i < n; i++) {
        const x = a[i], y = b[i], z = c[i];
        sa += x * x;
        sb += y * y;
        sc += z * z;
      }
    } else if (b) {
      const n = Math.min(a.length, b.length);
      for (; i < n; i++) {
        const x = a[i], y = b[i];
        sa += x * x;
        sb += y * y;
      }
    }
    // each array's rest, in order
    for (let j = i; j < a.length; j++) sa += a[j] * a[j];
    if (b) for (let j = i; j < b.length; j++) sb += b[j] * b[j];
    if (c) for (let j = i; j < c.length; j++) sc += c[j] * c[j];
    total += sa;
    if (b) total += sb;
    if (c) total += sc;
  }
  return total;
}
