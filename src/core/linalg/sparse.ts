// Products with a matrix that is zero off a fixed pattern Ω (matrix completion, ACHL: the residual
// G = P_Ω(W − M)/|Ω|), over Ω's entries instead of every entry, in the order of floating-point
// operations of the dense kernels of gemm.ts: each result equals the dense product's bit for bit
// (the dense sums only add exact zeros besides; an entry that is exactly zero may differ in sign).
// Plain JS on Float64Arrays; sparseWasm.ts runs the same loops as WebAssembly SIMD (the same bits).

/** Ω of a rows×cols matrix: its entries in row-major order (t = 0…|Ω|−1) and by column. */
export interface ObservedPattern {
  readonly rows: number;
  readonly cols: number;
  /** |Ω|. */
  readonly count: number;
  /** Row and column of entry t (row-major order: rows increasing, columns increasing within a row). */
  readonly rowOf: Int32Array;
  readonly colOf: Int32Array;
  /** Entries of row i: t = rowStart[i] … rowStart[i + 1] − 1. */
  readonly rowStart: Int32Array;
  /** Ω by columns: colEntry[colStart[j] … colStart[j + 1] − 1] are the entries t of column j, rows increasing. */
  readonly colStart: Int32Array;
  readonly colEntry: Int32Array;
  /**
   * 1 where colEntry[s] begins a new block of gemmTN's sum over rows (rows 4b…4b + 3 for b < ⌊rows/4⌋,
   * then each row alone; every row alone when rows < 4), or is the first entry of its column.
   */
  readonly colBlockStart: Int32Array;
}

/** The row of gemm.ts's summation block that row `i` of a k-row operand falls in (gemm/gemmTN: groups of four, then one by one). */
function sumBlock(i: number, k: number): number {
  return k >= 4 && i < 4 * Math.floor(k / 4) ? i >> 2 : k + i;
}

/** The int32 arrays observedPattern takes from `int32`, by length (for an arena's size). */
export function observedPatternLengths(count: number, rows: number, cols: number): number[] {
  return [count, count, rows + 1, cols + 1, count, count];
}

/** Ω from a rows×cols mask (nonzero = observed); its arrays from `int32` (zeroed, e.g. an arena's: sparseWasm.ts). */
export function observedPattern(mask: ArrayLike<number | boolean>, rows: number, cols: number, int32: (n: number) => Int32Array = (n) => new Int32Array(n)): ObservedPattern {
  let count = 0;
  for (let i = 0; i < rows * cols; i++) if (mask[i]) count++;
  // allocation order as in observedPatternLengths
  const rowOf = int32(count);
  const colOf = int32(count);
  const rowStart = int32(rows + 1);
  const colStart = int32(cols + 1);
  let t = 0;
  for (let i = 0; i < rows; i++) {
    rowStart[i] = t;
    for (let j = 0; j < cols; j++) {
      if (!mask[i * cols + j]) continue;
      rowOf[t] = i;
      colOf[t] = j;
      colStart[j + 1]++;
      t++;
    }
  }
  rowStart[rows] = t;
  for (let j = 0; j < cols; j++) colStart[j + 1] += colStart[j];
  const colEntry = int32(count);
  const fill = colStart.slice(0, cols);
  for (let s = 0; s < count; s++) colEntry[fill[colOf[s]]++] = s; // row-major order: rows increase within a column
  const colBlockStart = int32(count);
  for (let j = 0; j < cols; j++) {
    for (let s = colStart[j]; s < colStart[j + 1]; s++) {
      colBlockStart[s] = s === colStart[j] || sumBlock(rowOf[colEntry[s]], rows) !== sumBlock(rowOf[colEntry[s - 1]], rows) ? 1 : 0;
    }
  }
  return { rows, cols, count, rowOf, colOf, rowStart, colStart, colEntry, colBlockStart };
}

/** Bt (n×m) = Bᵀ for B (m×n). */
export function transposeInto(B: Float64Array, m: number, n: number, Bt: Float64Array): void {
  for (let i = 0; i < m; i++) {
    const bi = i * n;
    for (let j = 0; j < n; j++) Bt[j * m + i] = B[bi + j];
  }
}

/**
 * out[t] = (A·B)_{i_t j_t} for every entry t of Ω, A (rows×k), B (k×cols) given as Bt = Bᵀ (cols×k):
 * the sum of gemm.ts's gemm — blocks of four products ((a0b0 + a1b1) + a2b2) + a3b3 added in turn,
 * the first block the start, then the k mod 4 last ones one by one (k < 4: from 0, one by one).
 */
export function sampledProduct(A: Float64Array, Bt: Float64Array, k: number, omega: ObservedPattern, out: Float64Array): void {
  const { rowOf, colOf, count } = omega;
  const k4 = k >= 4 ? 4 * Math.floor(k / 4) : 0;
  for (let t = 0; t < count; t++) {
    const a = rowOf[t] * k;
    const b = colOf[t] * k;
    let s = 0;
    let l = 0;
    if (k4 > 0) {
      s = A[a] * Bt[b] + A[a + 1] * Bt[b + 1] + A[a + 2] * Bt[b + 2] + A[a + 3] * Bt[b + 3];
      l = 4;
    }
    for (; l < k4; l += 4) s += A[a + l] * Bt[b + l] + A[a + l + 1] * Bt[b + l + 1] + A[a + l + 2] * Bt[b + l + 2] + A[a + l + 3] * Bt[b + l + 3];
    for (; l < k; l++) s += A[a + l] * Bt[b + l];
    out[t] = s;
  }
}

/**
 * C (rows×n) = G · Bᵀ, G zero off Ω with values g[t] on its entries, B (n×cols) given as Bt = Bᵀ
 * (cols×n): row i of C is Σ_{t in row i} g[t]·Bt[j_t, :], columns increasing from 0 — gemmNT's
 * sequential sum with its zero terms left out.
 */
export function sparseTimesTransposed(g: Float64Array, omega: ObservedPattern, Bt: Float64Array, n: number, C: Float64Array): void {
  const { rowStart, colOf, rows } = omega;
  C.fill(0, 0, rows * n);
  for (let i = 0; i < rows; i++) {
    const c = i * n;
    for (let t = rowStart[i]; t < rowStart[i + 1]; t++) {
      const gt = g[t];
      const b = colOf[t] * n;
      for (let q = 0; q < n; q++) C[c + q] += gt * Bt[b + q];
    }
  }
}

/**
 * Ct (cols×m) = (Aᵀ · G)ᵀ, A (rows×m), G zero off Ω with values g[t]: row j of Ct is column j of
 * AᵀG, Σ_i g_ij·A[i, :] summed as gemmTN sums over rows — within a block of four rows first, the
 * blocks added in turn (colBlockStart) — with its zero terms left out. `blk`: scratch of at least m doubles.
 */
export function transposedTimesSparse(A: Float64Array, m: number, omega: ObservedPattern, g: Float64Array, Ct: Float64Array, blk: Float64Array): void {
  const { colStart, colEntry, colBlockStart, rowOf, cols } = omega;
  Ct.fill(0, 0, cols * m);
  for (let j = 0; j < cols; j++) {
    const c = j * m;
    const end = colStart[j + 1];
    for (let s = colStart[j]; s < end; ) {
      // one block: its entries' sum first, then added to the column's running sum
      const t0 = colEntry[s];
      const a0 = rowOf[t0] * m;
      const g0 = g[t0];
      for (let q = 0; q < m; q++) blk[q] = g0 * A[a0 + q];
      for (s++; s < end && !colBlockStart[s]; s++) {
        const t = colEntry[s];
        const a = rowOf[t] * m;
        const gt = g[t];
        for (let q = 0; q < m; q++) blk[q] += gt * A[a + q];
      }
      for (let q = 0; q < m; q++) Ct[c + q] += blk[q];
    }
  }
}
