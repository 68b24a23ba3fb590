// The core's own check of a results object (spec §4): the shape, and arrays that agree in length.
// Used by `lnn-lab` when it opens a results file and by the tests of every shell.
import type { Results } from '../types';

export function checkResults(value: unknown): string[] {
  const errors: string[] = [];
  const r = value as Partial<Results>;
  if (!r || typeof r !== 'object') return ['results: not an object'];
  if (r.format !== 'lnn-lab.results/1') errors.push(`format: expected "lnn-lab.results/1", found ${JSON.stringify(r.format)}`);
  if (!r.experiment || typeof r.experiment !== 'object') errors.push('experiment: missing');
  if (!r.problem || typeof r.problem.d !== 'number' || typeof r.problem.p !== 'number') errors.push('problem: d and p must be numbers');
  if (!r.theory || !Array.isArray(r.theory.sigma)) errors.push('theory.sigma: missing');
  if (!Array.isArray(r.diagnostics)) errors.push('diagnostics: missing');
  if (!Array.isArray(r.runs)) return [...errors, 'runs: missing'];
  const rxy = r.theory?.sigma?.length ?? 0;
  r.runs.forEach((run, j) => {
    const at = `runs/${j}`;
    const n = run.steps?.length ?? -1;
    if (n < 1) errors.push(`${at}/steps: no recorded step`);
    for (let k = 1; k < n; k++) if (!(run.steps[k] > run.steps[k - 1])) errors.push(`${at}/steps: not increasing at ${k}`);
    const perStep: Array<[string, unknown[] | null | undefined]> = [
      ['loss', run.loss],
      ['excessLoss', run.excessLoss],
      ['singularValues', run.singularValues],
      ['nuclearNorm', run.nuclearNorm],
      ['reconstructionError', run.reconstructionError],
      ['reducedRankDistance', run.reducedRankDistance],
      ['scalarTheory', run.scalarTheory],
      ['closedForm', run.closedForm],
      ['componentValues', run.componentValues],
    ];
    for (const [name, arr] of perStep) {
      if (arr === null) continue;
      if (!Array.isArray(arr)) errors.push(`${at}/${name}: missing`);
      else if (arr.length !== n) errors.push(`${at}/${name}: ${arr.length} entries for ${n} recorded steps`);
    }
    if (run.singularValues?.some((s) => s.length !== Math.min(r.problem!.d, r.problem!.p))) errors.push(`${at}/singularValues: not min(d, p) values`);
    if (run.componentValues?.some((c) => c.length !== rxy)) errors.push(`${at}/componentValues: not r_xy values`);
    if (run.reducedRankDistance?.some((c) => c.length !== rxy + 1)) errors.push(`${at}/reducedRankDistance: not r_xy + 1 values`);
    if (!['completed', 'diverged', 'stopLoss', 'cancelled'].includes(run.stopReason)) errors.push(`${at}/stopReason: ${run.stopReason}`);
    if ((run.stopReason === 'completed') !== (run.stoppedAt === null)) errors.push(`${at}/stoppedAt: ${run.stoppedAt} with stopReason ${run.stopReason}`);
    if (run.diverged !== (run.stopReason === 'diverged')) errors.push(`${at}/diverged: disagrees with stopReason`);
  });
  return errors;
}
