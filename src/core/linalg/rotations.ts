// A sequence of plane (Givens) rotations applied to rows of a row-major matrix (Golub & Van Loan,
// Matrix Computations 4th ed., §5.1.8–5.1.9): what the implicit QR sweep of the SVD (svd.ts, G&VL
// Alg. 8.6.1) and the implicit QL of the symmetric eigendecomposition (symmetricEigen.ts, G&VL Alg.
// 8.3.3) do to their vectors. Recorded as they are made and applied in one call: on a wasm arena by
// the f64x2 kernel wasm/rotations.wat (instantiated on the arena's own memory), elsewhere by the JS
// loop below; both do the same operations per entry, so the bits are the same.
//
// Rotation t on rows (a, b) with (c, s):  (x_a, x_b) ← (c x_a + s' x_b, (−s') x_a + c x_b), s' = sgn·s.
import { rotationsWasmBase64 } from './wasm/rotationsWasm.generated';
import { moduleOnArena } from './wasm/onArena';
import { arenaDoubles, type Float64Arena } from './wasm/wasmGemm';

/** Rotations on an arena: rows[2t], rows[2t+1] the two rows of rotation t; cs[2t], cs[2t+1] its c and s. */
export interface RotationBuffer {
  rows: Int32Array;
  cs: Float64Array;
  /** Room for this many rotations. */
  capacity: number;
}

/** The doubles a RotationBuffer of this capacity takes on an arena (arenaDoubles counts). */
export function rotationDoubles(capacity: number): number[] {
  return [capacity, 2 * capacity];
}

/** A buffer for `capacity` rotations on the arena (reserve rotationDoubles(capacity) first). */
export function allocRotations(arena: Float64Arena, capacity: number): RotationBuffer {
  const r = arena.alloc(Math.max(capacity, 1));
  return { rows: new Int32Array(r.buffer, r.byteOffset, 2 * capacity), cs: arena.alloc(2 * capacity), capacity };
}

interface RotationExports {
  rotate(x: number, len: number, rows: number, cs: number, count: number, backward: number, sgn: number): void;
  rotateAdjacent(x: number, len: number, idx: number, c: number, s: number, count: number, backward: number, sgn: number): void;
}

const kernelOn = moduleOnArena<RotationExports>(rotationsWasmBase64);

/**
 * A kernel call takes at most this many entries of rotated rows (rotations × row length). V8 starts
 * a wasm function in its baseline code and swaps in the optimized one only between calls, when a
 * call has used up its budget: one call for all of an eigendecomposition's rotations (a cold
 * process's theory, a worker's first record) ran wholly in the baseline code, ~3× slower — 56 of
 * the 77 ms of explicitQ at d = 256 in a fresh process (31 ms in calls of ≤ 2^18 entries: the later
 * ones run optimized).
 */
export const ROTATION_CHUNK_ENTRIES = 1 << 18;

/** Rotations 0 … count−1 in calls of at most ROTATION_CHUNK_ENTRIES entries, in the order they are applied (the last chunk first when backward): f(first, how many). */
function inChunks(count: number, len: number, backward: boolean, f: (t0: number, n: number) => void): void {
  const chunk = Math.max(1, Math.floor(ROTATION_CHUNK_ENTRIES / len));
  if (backward) for (let t1 = count; t1 > 0; t1 -= chunk) f(Math.max(0, t1 - chunk), Math.min(chunk, t1));
  else for (let t0 = 0; t0 < count; t0 += chunk) f(t0, Math.min(chunk, count - t0));
}

/**
 * Applies rotations 0 … count−1 of `rot` (count−1 … 0 when backward) to the rows of X (row length
 * len), X and rot on `arena`. `sgn` (±1) multiplies every s: −1 applies each rotation's transpose.
 */
export function applyRotations(arena: Float64Arena, X: Float64Array, len: number, rot: RotationBuffer, count: number, backward = false, sgn = 1): void {
  if (count === 0 || len === 0) return;
  const k = kernelOn(arena);
  if (k && X.buffer === rot.cs.buffer && X.buffer === rot.rows.buffer) {
    inChunks(count, len, backward, (t0, n) => k.rotate(X.byteOffset, len, rot.rows.byteOffset + 8 * t0, rot.cs.byteOffset + 16 * t0, n, backward ? 1 : 0, sgn));
    return;
  }
  rotateJs(X, len, rot.rows, rot.cs, count, backward, sgn);
}

/** The JS loop: the kernel's operations in the kernel's order. */
export function rotateJs(X: Float64Array, len: number, rows: Int32Array, cs: Float64Array, count: number, backward: boolean, sgn: number): void {
  for (let q = 0; q < count; q++) {
    const t = backward ? count - 1 - q : q;
    const oa = rows[2 * t] * len;
    const ob = rows[2 * t + 1] * len;
    rotatePair(X, oa, ob, len, cs[2 * t], sgn * cs[2 * t + 1]);
  }
}

/** Rows at oa and ob (len entries each) ← [c s; −s c] applied to them: the kernels' operations, in their order. */
function rotatePair(X: Float64Array, oa: number, ob: number, len: number, c: number, s: number): void {
  const ns = -s;
  for (let i = 0; i < len; i++) {
    const xa = X[oa + i];
    const xb = X[ob + i];
    X[oa + i] = c * xa + s * xb;
    X[ob + i] = ns * xa + c * xb;
  }
}

/** Rotations of adjacent rows (a_t, a_t + 1) as three arrays on an arena: the implicit QL's record. */
export interface AdjacentRotations {
  idx: Int32Array;
  c: Float64Array;
  s: Float64Array;
}

/** The doubles AdjacentRotations of this capacity take (arenaDoubles counts). */
export function adjacentRotationDoubles(capacity: number): number[] {
  return [Math.ceil(capacity / 2), capacity, capacity];
}

/** Room for `capacity` adjacent rotations on the arena. */
export function allocAdjacentRotations(arena: Float64Arena, capacity: number): AdjacentRotations {
  const f = arena.alloc(Math.max(1, Math.ceil(capacity / 2)));
  return { idx: new Int32Array(f.buffer, f.byteOffset, capacity), c: arena.alloc(capacity), s: arena.alloc(capacity) };
}

/** applyRotations for rotations of rows (a_t, a_t + 1): the same operations. */
export function applyAdjacentRotations(arena: Float64Arena, X: Float64Array, len: number, rot: AdjacentRotations, count: number, backward = false, sgn = 1): void {
  if (count === 0 || len === 0) return;
  const k = kernelOn(arena);
  if (k && X.buffer === rot.c.buffer && X.buffer === rot.s.buffer && X.buffer === rot.idx.buffer) {
    inChunks(count, len, backward, (t0, n) => k.rotateAdjacent(X.byteOffset, len, rot.idx.byteOffset + 4 * t0, rot.c.byteOffset + 8 * t0, rot.s.byteOffset + 8 * t0, n, backward ? 1 : 0, sgn));
    return;
  }
  for (let q = 0; q < count; q++) {
    const t = backward ? count - 1 - q : q;
    const oa = rot.idx[t] * len;
    rotatePair(X, oa, oa + len, len, rot.c[t], sgn * rot.s[t]);
  }
}

/**
 * Collects rotations for rows of one matrix and applies them in batches of `capacity` (in order):
 * the matrix and the batch live on one arena.
 */
export class RotationRecorder {
  private readonly buf: RotationBuffer;
  private count = 0;
  constructor(private readonly arena: Float64Arena, readonly X: Float64Array, readonly len: number, capacity: number) {
    this.buf = allocRotations(arena, capacity);
  }
  /** Records the rotation of rows a, b with (c, s); applies the batch when it is full. */
  push(a: number, b: number, c: number, s: number): void {
    const t = this.count;
    this.buf.rows[2 * t] = a;
    this.buf.rows[2 * t + 1] = b;
    this.buf.cs[2 * t] = c;
    this.buf.cs[2 * t + 1] = s;
    if (++this.count === this.buf.capacity) this.flush();
  }
  /** Applies what is recorded. */
  flush(): void {
    applyRotations(this.arena, this.X, this.len, this.buf, this.count);
    this.count = 0;
  }
}

/** Rotations a recorder batches at once. */
export const ROTATION_BATCH = 4096;

/** arenaDoubles of a recorder's batch. */
export function recorderDoubles(capacity = ROTATION_BATCH): number {
  return arenaDoubles(rotationDoubles(capacity));
}
