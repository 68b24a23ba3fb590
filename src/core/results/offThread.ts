// Work a record can hand to a spare thread of the compute service while this thread computes the
// rest of the record (the host injects it: src/compute/offThread.ts on Node; none in a browser,
// where the record does it all itself). Pure: an interface and the size below which the trip
// costs more than the work.
import type { Mat, MomentsProblem } from '../types';

/** The excess loss ½⟨W − W*, Σx(W − W*)⟩ of a moments problem's W (results/metrics.ts excessLossOf). */
export interface ExcessLossJob {
  problem: MomentsProblem;
  wStar: Mat;
  W: Mat;
}

/** What a record hands over: σ(W(k + 1)), and the excess loss of W(k) where the problem has one. */
export interface RecordPart {
  afterValues: Promise<Float64Array>;
  excessLoss: Promise<number> | null;
}

export interface OffThread {
  /**
   * σ(after), descending — the bits svd.ts singularValuesFlat gives here — and the excess loss of
   * `excess` — metrics.ts excessLossOn's bits — computed in turn on another thread (the same
   * code); or null where no thread is spare now or `after` is too small to be worth the trip: the
   * caller then computes them itself.
   */
  recordPart(after: Mat, excess: ExcessLossJob | null): RecordPart | null;
  /** Ends the thread, if one was started. */
  dispose(): void;
}

/**
 * Below this many entries a matrix's singular values stay on the record's thread: the round trip
 * (posting it, waking the thread, the values back) costs 40–120 µs, and two SVDs at once against
 * in turn took 317 against 276 µs at 48², 449 against 610 at 64², 1009 against 1777 at 100².
 */
export const OFF_THREAD_MIN_ENTRIES = 64 * 64;
