// Work a record can hand to a spare thread of the compute service while this thread computes the
// rest of the record (the host injects it: src/compute/offThread.ts on Node; none in a browser,
// where the record does it all itself). Pure: an interface and the size below which the trip
// costs more than the work.
import type { TripletsState } from '../linalg/topSingularVectors';
import type { Mat, MomentsProblem } from '../types';

/** The excess loss ½⟨W − W*, Σx(W − W*)⟩ of a moments problem's W (results/metrics.ts excessLossOf). */
export interface ExcessLossJob {
  problem: MomentsProblem;
  wStar: Mat;
  W: Mat;
}

/**
 * What a record hands over: σ(W(k + 1)), and the excess loss of W(k) where the problem has one —
 * or, where the next record is k + 1 (`triplets` asked), W(k + 1)'s triplets (topSingularVectors.ts
 * tripletsState) with their σ, which that record then takes as they are.
 */
export interface RecordPart {
  afterValues: Promise<Float64Array>;
  excessLoss: Promise<number> | null;
  afterTriplets: Promise<TripletsState> | null;
}

export interface OffThread {
  /**
   * σ(after), descending — the bits svd.ts singularValuesFlat gives here — and the excess loss of
   * `excess` — metrics.ts excessLossOn's bits — computed in turn on another thread (the same
   * code); with `triplets` > 0, after's tripletsState for that many (its σ the same bits); or null
   * where no thread is spare now or `after` is too small to be worth the trip: the caller then
   * computes them itself.
   */
  recordPart(after: Mat, excess: ExcessLossJob | null, triplets?: number): RecordPart | null;
  /** Ends the thread, if one was started. */
  dispose(): void;
}

/**
 * Below this many entries a matrix's singular values stay on the record's thread. Alone, two SVDs
 * at once against in turn took 317 against 276 µs at 48², 449 against 610 at 64², 1009 against 1777
 * at 100²; but in a run the trip (posting, waking the thread, the values back: 40–120 µs) comes on
 * top, and the spare thread's own JIT starts cold (its dqds and bidiagonalization run there alone):
 * a lone run with `--threads 2`, alternated with one keeping the part here, took 3.7 against 3.3 s
 * (d = 64, depth 3, 501 records), 6.4 against 5.9 s (ACHL's 100 × 100 completion, depth 3, 601
 * records) and the same at 128² (201 records); at 256² (bench/threads.ts) the trip pays.
 */
export const OFF_THREAD_MIN_ENTRIES = 128 * 128;
