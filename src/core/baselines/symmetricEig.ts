// Symmetric eigendecomposition on flat Float64Arrays: Householder tridiagonalization (tred2) and
// the implicit QL iteration (tql2) of EISPACK / JAMA, as ml-matrix ports them, without its
// per-entry get/set calls. The nuclear-norm baseline (nuclearNorm.ts) needs one per iteration,
// so it is worth being ~3× faster than dense.ts's ml-matrix wrapper on 100×100.

export interface FlatEig {
  n: number;
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Eigenvectors as rows: vector j is vectors[j·n … j·n + n − 1]. */
  vectors: Float64Array;
}

/** Eigenvalues (ascending) and eigenvectors of the symmetric n×n A (row-major; only its values are read). */
export function symmetricEigFlat(A: Float64Array, n: number): FlatEig {
  // T holds the transposed eigenvector matrix: T[a·n + b] is V(b, a), so the hot loops run along rows.
  const T = Float64Array.from(A.subarray(0, n * n));
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n > 0) {
    tred2(n, e, d, T);
    tql2(n, e, d, T);
  }
  return { n, values: d, vectors: T };
}

function tred2(n: number, e: Float64Array, d: Float64Array, T: Float64Array): void {
  let f: number, g: number, h: number, hh: number, scale: number;
  for (let j = 0; j < n; j++) d[j] = T[j * n + n - 1];
  for (let i = n - 1; i > 0; i--) {
    scale = 0;
    h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = T[j * n + i - 1];
        T[j * n + i] = 0;
        T[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      f = d[i - 1];
      g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        T[i * n + j] = f;
        const row = j * n;
        g = e[j] + T[row + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += T[row + k] * d[k];
          e[k] += T[row + k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        const row = j * n;
        for (let k = j; k <= i - 1; k++) T[row + k] -= f * e[k] + g * d[k];
        d[j] = T[row + i - 1];
        T[row + i] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    T[i * n + n - 1] = T[i * n + i];
    T[i * n + i] = 1;
    h = d[i + 1];
    const next = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = T[next + k] / h;
      for (let j = 0; j <= i; j++) {
        const row = j * n;
        g = 0;
        for (let k = 0; k <= i; k++) g += T[next + k] * T[row + k];
        for (let k = 0; k <= i; k++) T[row + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) T[next + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = T[j * n + n - 1];
    T[j * n + n - 1] = 0;
  }
  T[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

function tql2(n: number, e: Float64Array, d: Float64Array, T: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 100) throw new Error('symmetricEigFlat: the QL iteration did not converge');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = c, c3 = c;
        const el1 = e[l + 1];
        let s = 0, s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const a = i * n, b = (i + 1) * n;
          for (let k = 0; k < n; k++) {
            const t = T[b + k];
            T[b + k] = s * T[a + k] + c * t;
            T[a + k] = c * T[a + k] - s * t;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  // ascending, vectors with them (selection sort: n swaps of contiguous rows)
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) if (d[j] < p) { k = j; p = d[j]; }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      for (let j = 0; j < n; j++) {
        const t = T[i * n + j];
        T[i * n + j] = T[k * n + j];
        T[k * n + j] = t;
      }
    }
  }
}
