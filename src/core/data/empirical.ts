// Moments from samples (spec §1): Σx = XᵀX/n, Σxy = XᵀY/n, trΣy = ‖Y‖²_F/n, accumulated one row at
// a time, so synthetic data need not be stored. Each row's nonzero entries are gathered first and
// only their products accumulated (upper triangle of Σx, mirrored at the end): dense rows cost the
// usual d²/2, sparse rows (MNIST pixels are ~80 % zero) far less.
import type { Mat } from '../types';

export interface Moments {
  sigmaX: Mat;
  sigmaXY: Mat;
  traceSigmaY: number;
}

export class MomentAccumulator {
  private readonly sxx: Float64Array;
  private readonly sxy: Float64Array | null;
  private sumY2 = 0;
  private count = 0;
  private readonly xIdx: Int32Array;
  private readonly xVal: Float64Array;
  private readonly yIdx: Int32Array;
  private readonly yVal: Float64Array;

  /** `yIsX`: the autoencoder, Y = X (Σxy = Σx, trΣy = trΣx; nothing more to accumulate). */
  constructor(readonly d: number, readonly p: number, readonly yIsX = false) {
    this.sxx = new Float64Array(d * d);
    this.sxy = yIsX ? null : new Float64Array(d * p);
    this.xIdx = new Int32Array(d);
    this.xVal = new Float64Array(d);
    this.yIdx = new Int32Array(p);
    this.yVal = new Float64Array(p);
  }

  /** Adds one sample: x = xs[xOff … xOff+d), y = ys[yOff … yOff+p) (ignored when Y = X). */
  add(xs: ArrayLike<number>, xOff: number, ys?: ArrayLike<number>, yOff = 0): void {
    const { d, p, sxx, xIdx, xVal } = this;
    let nx = 0;
    for (let i = 0; i < d; i++) {
      const v = xs[xOff + i];
      if (v !== 0) {
        xIdx[nx] = i;
        xVal[nx++] = v;
      }
    }
    for (let a = 0; a < nx; a++) {
      const va = xVal[a];
      const row = xIdx[a] * d;
      let b = a;
      for (; b + 3 < nx; b += 4) {
        // unrolled by 4: the scatter-add is the whole cost on MNIST
        sxx[row + xIdx[b]] += va * xVal[b];
        sxx[row + xIdx[b + 1]] += va * xVal[b + 1];
        sxx[row + xIdx[b + 2]] += va * xVal[b + 2];
        sxx[row + xIdx[b + 3]] += va * xVal[b + 3];
      }
      for (; b < nx; b++) sxx[row + xIdx[b]] += va * xVal[b];
    }
    this.count++;
    const sxy = this.sxy;
    if (sxy === null || ys === undefined) return;
    const { yIdx, yVal } = this;
    let ny = 0;
    for (let j = 0; j < p; j++) {
      const v = ys[yOff + j];
      if (v !== 0) {
        yIdx[ny] = j;
        yVal[ny++] = v;
        this.sumY2 += v * v;
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
