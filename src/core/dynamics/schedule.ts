// Which steps are recorded (spec §2 `record.every`): 0, k, 2k, …, and always the last step.

/** The next step to record after `step`, never beyond `steps`. */
export function nextRecordStep(step: number, every: number, steps: number): number {
  return Math.min(steps, (Math.floor(step / every) + 1) * every);
}

/** Every step that a completed run records. */
export function recordedSteps(every: number, steps: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < steps; k += every) out.push(k);
  out.push(steps);
  return out;
}
