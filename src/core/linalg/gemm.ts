// Allocation-free dense matrix products on row-major Float64Arrays: the float64 engine's hot loop.
// Each kernel overwrites C. The inner loops run over contiguous memory and take four rows of the
// right operand at a time, so every pass over C does four multiply-adds per load/store of C.

/** C (m×n) = A (m×k) · B (k×n). */
export function gemm(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    let l = 0;
    {
      // first block initialises C's row (no separate zeroing pass)
      if (k >= 4) {
        const a0 = A[ai], a1 = A[ai + 1], a2 = A[ai + 2], a3 = A[ai + 3];
        const b0 = 0, b1 = n, b2 = 2 * n, b3 = 3 * n;
        for (let j = 0; j < n; j++) C[ci + j] = a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
        l = 4;
      } else {
        for (let j = 0; j < n; j++) C[ci + j] = 0;
      }
    }
    for (; l + 3 < k; l += 4) {
      const a0 = A[ai + l], a1 = A[ai + l + 1], a2 = A[ai + l + 2], a3 = A[ai + l + 3];
      const b0 = l * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      for (let j = 0; j < n; j++) C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
    }
    for (; l < k; l++) {
      const a = A[ai + l];
      const b = l * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[b + j];
    }
  }
}

/** C (m×n) = Aᵀ · B with A (k×m), B (k×n). */
export function gemmTN(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    let l = 0;
    if (k >= 4) {
      const a0 = A[i], a1 = A[m + i], a2 = A[2 * m + i], a3 = A[3 * m + i];
      const b1 = n, b2 = 2 * n, b3 = 3 * n;
      for (let j = 0; j < n; j++) C[ci + j] = a0 * B[j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
      l = 4;
    } else {
      for (let j = 0; j < n; j++) C[ci + j] = 0;
    }
    for (; l + 3 < k; l += 4) {
      const a0 = A[l * m + i], a1 = A[(l + 1) * m + i], a2 = A[(l + 2) * m + i], a3 = A[(l + 3) * m + i];
      const b0 = l * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      for (let j = 0; j < n; j++) C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
    }
    for (; l < k; l++) {
      const a = A[l * m + i];
      const b = l * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[b + j];
    }
  }
}

/** C (m×n) = A · Bᵀ with A (m×k), B (n×k): dot products of contiguous rows. */
export function gemmNT(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    const ci = i * n;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const b0 = j * k, b1 = b0 + k;
      let s0 = 0, s1 = 0;
      for (let l = 0; l < k; l++) {
        const a = A[ai + l];
        s0 += a * B[b0 + l];
        s1 += a * B[b1 + l];
      }
      C[ci + j] = s0;
      C[ci + j + 1] = s1;
    }
    for (; j < n; j++) {
      const b0 = j * k;
      let s = 0;
      for (let l = 0; l < k; l++) s += A[ai + l] * B[b0 + l];
      C[ci + j] = s;
    }
  }
}

/** Σ_i x_i y_i over the first `len` entries. */
export function dot(x: Float64Array, y: Float64Array, len: number = x.length): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += x[i] * y[i];
  return s;
}

/**
 * Σ_i x[xo + i]·y[yo + i], i < len, by four partial sums over i ≡ 0…3 (mod 4), the last len mod 4
 * terms into the first, added as (s0 + s1) + (s2 + s3): no chain of len dependent adds (about 3×
 * faster than one), in a fixed order (the same bits on every machine).
 */
export function dot4(x: ArrayLike<number>, xo: number, y: ArrayLike<number>, yo: number, len: number): number {
  const len4 = len & ~3;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < len4; i += 4) {
    s0 += x[xo + i] * y[yo + i];
    s1 += x[xo + i + 1] * y[yo + i + 1];
    s2 += x[xo + i + 2] * y[yo + i + 2];
    s3 += x[xo + i + 3] * y[yo + i + 3];
  }
  for (let i = len4; i < len; i++) s0 += x[xo + i] * y[yo + i];
  return s0 + s1 + (s2 + s3);
}

/** y ← y + α x. */
export function axpy(alpha: number, x: Float64Array, y: Float64Array, len: number = x.length): void {
  for (let i = 0; i < len; i++) y[i] += alpha * x[i];
}

/** Σ x_i². */
export function sumSquares(x: Float64Array, len: number = x.length): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += x[i] * x[i];
  return s;
}

/**
 * ½⟨w, a⟩ − ⟨w, b⟩ + c over the first `len` entries, each sum left to right, writing g = a − b
 * when g is given: f and G = ΣxW − Σxy of GBL eq. 7 in one pass (a = ΣxW, b = Σxy; dynamics/loss.ts
 * momentsLoss). The wasm arena's kernel (gemm.wat residualLoss) takes the same operations in this order.
 */
export function residualLoss(w: Float64Array, a: Float64Array, b: Float64Array, c: number, g: Float64Array | null, len: number): number {
  let quad = 0;
  let lin = 0;
  for (let i = 0; i < len; i++) {
    const x = w[i];
    const y = a[i];
    const z = b[i];
    quad += x * y;
    lin += x * z;
    if (g) g[i] = y - z;
  }
  return 0.5 * quad - lin + c;
}
