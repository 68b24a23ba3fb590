// How a failed run is told to the user (issue 12, "no stack trace reaches a user"): a reason they
// can act on (a JobError from the job layer: a results path, a sweep value) in its own words; any
// other failure as "internal error <id>", its stack in the output channel under the same id.
import { internalErrorId } from '../compute/errors';

/** An error from the extension's worker: `internal` when it was not a JobError. */
export class WorkerError extends Error {
  constructor(
    message: string,
    readonly internal: boolean,
  ) {
    super(message);
  }
}

/** The one line for the user, after logging what the log needs. */
export function describeFailure(e: unknown, log: (line: string) => void): string {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof WorkerError && !e.internal) {
    log(`run refused: ${message}`);
    return message;
  }
  const id = internalErrorId();
  // a worker's internal error carries the worker's stack as its message; a local one, its own stack
  log(`internal error ${id}: ${e instanceof WorkerError ? message : e instanceof Error ? (e.stack ?? message) : message}`);
  return `internal error ${id} (details in the LNN Lab output)`;
}
