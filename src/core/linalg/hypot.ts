// What the flat-array SVD (svd.ts) and eigendecomposition (symmetricEigen.ts) share: the machine
// epsilon and a hypotenuse that neither overflows nor underflows.

/** The float64 machine epsilon, 2⁻⁵². */
export const EPS = 2 ** -52;

/** max(|a|, |b|)·√(1 + (min/max)²) without overflow or underflow (LAPACK dlapy2). */
export function hypot2(a: number, b: number): number {
  let x = a < 0 ? -a : a;
  let y = b < 0 ? -b : b;
  if (x < y) {
    const t = x;
    x = y;
    y = t;
  }
  if (x === 0) return 0;
  const r = y / x;
  return x * Math.sqrt(1 + r * r);
}
