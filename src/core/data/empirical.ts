// Moments from samples (spec §1): Σx = XᵀX/n, Σxy = XᵀY/n, trΣy = ‖Y‖²_F/n, accumulated a chunk of
// rows at a time, so synthetic data need not be stored. Each chunk goes the cheaper of two ways:
// dense rows as XcᵀXc and XcᵀYc on the arena's kernels (gemmTN, wasm/wasmGemm.ts `Float64Kernels`,
// where a threaded team plugs in), sparse rows (MNIST pixels are ~80 % zero) one at a time with only
// their nonzero entries' products accumulated (upper triangle of Σx, mirrored at the end): d²/2
// scatter-adds for a dense row, nnz²/2 for a sparse one.
import { allocSparseRows, scatterOuter, sparseRowsDoubles, type SparseRows } from '../linalg/outerScatter';
import { arenaDoubles, createArena, type Float64Arena } from '../linalg/wasm/wasmGemm';
import type { Mat } from '../types';

export interface Moments {
  sigmaX: Mat;
  sigmaXY: Mat;
  traceSigmaY: number;
}

export interface AccumulatorOptions {
  /** Rows per chunk (default 256). */
  chunkRows?: number;
  /** 'auto' (default): by the chunk's nonzeros; 'dense' / 'sparse' force one way (tests). */
  route?: 'auto' | 'dense' | 'sparse';
  /** Where the kernels run (default createArena: wasm SIMD where available). */
  arena?: (totalDoubles: number) => Float64Arena;
}

/**
 * A chunk goes dense when Σ nnz_i² > DENSE_RATIO · rows · d²: a scatter-add in JS costs about as much
 * as four multiply-adds of the f64x2 kernels (bench/linalg.ts, moments).
 */
const DENSE_RATIO = 0.25;

export class MomentAccumulator {
  private readonly sxx: Float64Array;
  private readonly sxy: Float64Array | null;
  private sumY2 = 0;
  private count = 0;
  private readonly yIdx: Int32Array;
  private readonly yVal: Float64Array;
  private readonly arena: Float64Arena;
  private readonly chunk: number;
  private readonly route: 'auto' | 'dense' | 'sparse';
  private readonly xc: Float64Array;
  private readonly yc: Float64Array | null;
  private readonly gxx: Float64Array;
  private readonly gxy: Float64Array | null;
  private rows = 0; // rows in the chunk
  private nnzSq = 0; // Σ nnz_i² over them
  private readonly cIdx: Int32Array; // the chunk's nonzero entries (column, value), row t's from cStart[t]
  private readonly cVal: Float64Array;
  private readonly cStart: Int32Array;
  private readonly sparse: SparseRows; // the same three, as the scatter kernel takes them (outerScatter.ts)

  /** `yIsX`: the autoencoder, Y = X (Σxy = Σx, trΣy = trΣx; nothing more to accumulate). */
  constructor(readonly d: number, readonly p: number, readonly yIsX = false, opts: AccumulatorOptions = {}) {
    this.sxy = yIsX ? null : new Float64Array(d * p);
    this.yIdx = new Int32Array(p);
    this.yVal = new Float64Array(p);
    this.chunk = Math.max(1, opts.chunkRows ?? 256);
    this.route = opts.route ?? 'auto';
    const b = this.chunk;
    const lengths = yIsX ? [b * d, d * d] : [b * d, b * p, d * d, d * p];
    this.arena = (opts.arena ?? createArena)(arenaDoubles([...lengths, d * d, ...sparseRowsDoubles(b, d)]));
    this.xc = this.arena.alloc(b * d);
    this.yc = yIsX ? null : this.arena.alloc(b * p);
    this.gxx = this.arena.alloc(d * d);
    this.gxy = yIsX ? null : this.arena.alloc(d * p);
    // Σx's sums and the chunk's nonzeros on the arena too: the scatter kernel runs on its memory
    this.sxx = this.arena.alloc(d * d);
    this.sparse = allocSparseRows(this.arena, b, d);
    this.cIdx = this.sparse.idx;
    this.cVal = this.sparse.val;
    this.cStart = this.sparse.start;
  }

  /** Adds one sample: x = xs[xOff … xOff+d), y = ys[yOff … yOff+p) (ignored when Y = X). */
  add(xs: ArrayLike<number>, xOff: number, ys?: ArrayLike<number>, yOff = 0): void {
    const { d, p, yc, cIdx, cVal, cStart } = this;
    const c0 = cStart[this.rows];
    let c = c0;
    for (let i = 0; i < d; i++) {
      const v = xs[xOff + i];
      if (v !== 0) {
        cIdx[c] = i;
        cVal[c++] = v;
      }
    }
    cStart[this.rows + 1] = c;
    this.nnzSq += (c - c0) * (c - c0);
    if (yc) {
      const yo = this.rows * p;
      for (let j = 0; j < p; j++) {
        const v = ys === undefined ? 0 : ys[yOff + j];
        yc[yo + j] = v;
        this.sumY2 += v * v;
      }
    }
    this.count++;
    if (++this.rows === this.chunk) this.flush();
  }

  /** The buffered rows into the sums, dense or sparse (see the file's head). */
  private flush(): void {
    const { rows, d, p } = this;
    if (rows === 0) return;
    const dense = this.route === 'dense' || (this.route === 'auto' && this.nnzSq > DENSE_RATIO * rows * d * d);
    if (dense) {
      // XcᵀXc (d×d) and XcᵀYc (d×p): the upper triangle into Σx, as the sparse route keeps it
      const { xc, gxx, sxx, cIdx, cVal, cStart } = this;
      xc.fill(0, 0, rows * d);
      for (let t = 0; t < rows; t++) for (let c = cStart[t]; c < cStart[t + 1]; c++) xc[t * d + cIdx[c]] = cVal[c];
      this.arena.gemmTN(xc, xc, gxx, d, rows, d);
      for (let i = 0; i < d; i++) for (let j = i; j < d; j++) sxx[i * d + j] += gxx[i * d + j];
      if (this.yc && this.gxy && this.sxy) {
        this.arena.gemmTN(xc, this.yc, this.gxy, d, rows, p);
        for (let k = 0; k < d * p; k++) this.sxy[k] += this.gxy[k];
      }
    } else {
      scatterOuter(this.arena, this.sxx, d, this.sparse, rows);
      for (let t = 0; t < rows; t++) this.addSparseY(t);
    }
    this.rows = 0;
    this.nnzSq = 0;
  }

  /** Row t's Σxy terms by its nonzero entries (its Σx terms: scatterOuter, the whole chunk at once). */
  private addSparseY(t: number): void {
    const { p, cIdx, cVal, cStart } = this;
    const c0 = cStart[t];
    const nx = cStart[t + 1] - c0;
    const xIdx = cIdx.subarray(c0, c0 + nx);
    const xVal = cVal.subarray(c0, c0 + nx);
    const { sxy, yc } = this;
    if (sxy === null || yc === null) return;
    const { yIdx, yVal } = this;
    const yo = t * p;
    let ny = 0;
    for (let j = 0; j < p; j++) {
      const v = yc[yo + j];
      if (v !== 0) {
        yIdx[ny] = j;
        yVal[ny++] = v;
      }
    }
    for (let a = 0; a < nx; a++) {
      const va = xVal[a];
      const row = xIdx[a] * p;
      for (let b = 0; b < ny; b++) sxy[row + yIdx[b]] += va * yVal[b];
    }
  }

  /** Divides by n and mirrors Σx's upper triangle. */
  finish(): Moments {
    this.flush();
    const { d, p, count } = this;
    const n = Math.max(count, 1);
    const sx = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        const v = this.sxx[i * d + j] / n;
        sx[i * d + j] = v;
        sx[j * d + i] = v;
      }
    }
    const sigmaX: Mat = { rows: d, cols: d, data: sx };
    if (this.sxy === null) {
      let tr = 0;
      for (let i = 0; i < d; i++) tr += sx[i * d + i];
      return { sigmaX, sigmaXY: { rows: d, cols: d, data: sx.slice() }, traceSigmaY: tr };
    }
    const sxy = new Float64Array(d * p);
    for (let k = 0; k < sxy.length; k++) sxy[k] = this.sxy[k] / n;
    return { sigmaX, sigmaXY: { rows: d, cols: p, data: sxy }, traceSigmaY: this.sumY2 / n };
  }
}

/** Moments of stored data X (n×d) and Y (n×p), or Y = X when y is null. */
export function momentsOf(x: Mat, y: Mat | null): Moments {
  const acc = new MomentAccumulator(x.cols, y ? y.cols : x.cols, y === null);
  for (let i = 0; i < x.rows; i++) acc.add(x.data, i * x.cols, y?.data, y ? i * y.cols : 0);
  return acc.finish();
}

/** Column means of X. */
export function columnMeans(x: Mat): Float64Array {
  const mu = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) mu[j] += x.data[i * x.cols + j];
  for (let j = 0; j < x.cols; j++) mu[j] /= Math.max(x.rows, 1);
  return mu;
}

/** Subtracts X's column means in place (spec §2 `center`). */
export function centerColumns(x: Mat): void {
  const mu = columnMeans(x);
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) x.data[i * x.cols + j] -= mu[j];
}
