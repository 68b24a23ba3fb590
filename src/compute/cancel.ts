// One cancel for a job, seen at once on every thread: a flag in shared memory (read with Atomics
// between engine slices, no event-loop turn needed) and an AbortSignal for code on this thread.
import { setMaxListeners } from 'node:events';

export interface CancelToken {
  /** Int32Array over a SharedArrayBuffer: [0] ≠ 0 once cancelled. Posted to workers as is. */
  readonly flag: Int32Array;
  readonly signal: AbortSignal;
  readonly cancelled: boolean;
  cancel(): void;
}

export function createCancel(parent?: AbortSignal): CancelToken {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const controller = new AbortController();
  // every task of a job listens (a sweep has many): no leak warning for them
  setMaxListeners(0, controller.signal);
  const token: CancelToken = {
    flag,
    signal: controller.signal,
    get cancelled() {
      return Atomics.load(flag, 0) !== 0;
    },
    cancel() {
      Atomics.store(flag, 0, 1);
      controller.abort();
    },
  };
  if (parent?.aborted) token.cancel();
  else parent?.addEventListener('abort', () => token.cancel(), { once: true });
  return token;
}

/** The check a run loop makes between slices, on any thread that holds the flag. */
export function stopWhen(flag: Int32Array): () => boolean {
  return () => Atomics.load(flag, 0) !== 0;
}
