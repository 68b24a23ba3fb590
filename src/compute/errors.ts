// What a job can refuse to do for a reason the user can act on: said in one line, never as a
// stack trace. Anything else thrown inside a job is an internal error (the shells log its stack).
export class JobError extends Error {}

/** A short id to match an "internal error" line to its stack in the log. */
export function internalErrorId(): string {
  return Math.random().toString(36).slice(2, 8);
}
