// The core's own check of a results object (spec §4): the shape, and arrays that agree in length.
// Completion's escapeSteps and a sweep's points when present. Used by `lnn-lab` when it opens a
// results file and by the tests of every shell.
import { gridValues, resultsAxes, sweepAxes } from '../sweep/axes';
import { SWEEP_RUN_RECORDS } from '../sweep/thin';
import type { Results, RunResult } from '../types';

export function checkResults(value: unknown): string[] {
  const errors: string[] = [];
  const r = value as Partial<Results>;
  if (!r || typeof r !== 'object') return ['results: not an object'];
  if (r.format !== 'lnn-lab.results/1') errors.push(`format: expected "lnn-lab.results/1", found ${JSON.stringify(r.format)}`);
  if (!r.experiment || typeof r.experiment !== 'object') errors.push('experiment: missing');
  if (!r.problem || typeof r.problem.d !== 'number' || typeof r.problem.p !== 'number') errors.push('problem: d and p must be numbers');
  if (!r.theory || !Array.isArray(r.theory.sigma)) errors.push('theory.sigma: missing');
  if (!Array.isArray(r.diagnostics)) errors.push('diagnostics: missing');
  // spec §5.3: absent in files written before revision 2; when present, of their types
  if (r.complete !== undefined && typeof r.complete !== 'boolean') errors.push(`complete: ${JSON.stringify(r.complete)} is not a boolean`);
  if (r.createdAt !== undefined && (typeof r.createdAt !== 'string' || Number.isNaN(Date.parse(r.createdAt)))) errors.push(`createdAt: ${JSON.stringify(r.createdAt)} is not an ISO 8601 time`);
  if (r.tool !== undefined && (typeof r.tool?.name !== 'string' || typeof r.tool?.version !== 'string')) errors.push('tool: expected { name, version }');
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
    if (run.escapeSteps !== undefined) errors.push(...checkEscapeSteps(run, at, Math.min(r.problem?.d ?? 0, r.problem?.p ?? 0)));
    // spec §5.6: one row per recorded step, at most min(d, p, 8) entries each, numbers or null
    const rate = run.singularValueRate;
    if (rate !== undefined && rate !== null) {
      for (const side of ['observed', 'predicted'] as const) {
        const rows = rate[side];
        if (!Array.isArray(rows) || rows.length !== n) errors.push(`${at}/singularValueRate/${side}: ${Array.isArray(rows) ? rows.length : 'no'} rows for ${n} recorded steps`);
        else if (rows.some((row) => !Array.isArray(row) || row.length > Math.min(r.problem?.d ?? 0, r.problem?.p ?? 0, 8) || row.some((x) => x !== null && typeof x !== 'number'))) errors.push(`${at}/singularValueRate/${side}: rows of more than min(d, p, 8) numbers or nulls`);
      }
    }
  });
  // every run's escape steps are per singular value of the same M: as many for each run
  const escapes = r.runs.filter((run) => Array.isArray(run.escapeSteps)).map((run) => run.escapeSteps!.length);
  if (new Set(escapes).size > 1) errors.push(`runs/*/escapeSteps: ${escapes.join(', ')} entries in different runs (one per singular value of M)`);
  if (r.sweep !== undefined) errors.push(...checkSweep(r));
  return errors;
}

/**
 * `escapeSteps` (completion, spec §2): one entry per singular value of M (at most min(d, p)), each
 * null (not escaped) or a recorded step of the run — the first with σᵢ(W) > ½σᵢ(M). Their order is
 * not checked: σᵢ(W) and ½σᵢ(M) both descend in i, yet with nearly equal σᵢ(M), σᵢ₊₁(W) may pass
 * its (lower) target a record before σᵢ(W) passes its own, so a null may precede a step.
 */
function checkEscapeSteps(run: RunResult, at: string, maxLength: number): string[] {
  const e = run.escapeSteps;
  if (!Array.isArray(e)) return [`${at}/escapeSteps: not an array`];
  const errors: string[] = [];
  if (e.length > maxLength) errors.push(`${at}/escapeSteps: ${e.length} entries, more than min(d, p) = ${maxLength}`);
  const recorded = new Set(Array.isArray(run.steps) ? run.steps : []);
  e.forEach((k, i) => {
    if (k === null) return;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0) errors.push(`${at}/escapeSteps/${i}: ${JSON.stringify(k)} is not a step`);
    else if (!recorded.has(k)) errors.push(`${at}/escapeSteps/${i}: step ${k} is not a recorded step`);
  });
  return errors;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `sweep` (spec §2, §4, §5.5): its axes (or, before §5.5, one path and values); the points in grid
 * order, each at a point of the grid (a cancelled run or a shard has fewer).
 */
function checkSweep(r: Partial<Results>): string[] {
  const s = r.sweep as Partial<NonNullable<Results['sweep']>> | null;
  if (!s || typeof s !== 'object') return ['sweep: not an object'];
  const errors: string[] = [];
  const pointer = (p: unknown) => typeof p === 'string' && (p === '' || p.startsWith('/'));
  if (s.axes !== undefined) {
    if (!Array.isArray(s.axes) || s.axes.length === 0) return ['sweep/axes: not a non-empty array'];
    s.axes.forEach((a, i) => {
      if (!a || !pointer(a.path)) errors.push(`sweep/axes/${i}/path: ${JSON.stringify(a?.path)} is not a JSON pointer`);
      if (!a || !Array.isArray(a.values) || a.values.length === 0) errors.push(`sweep/axes/${i}/values: not a non-empty array`);
    });
    if (errors.length) return errors;
    if (s.axes.length === 1) {
      if (!pointer(s.path)) return [`sweep/path: ${JSON.stringify(s.path)} is not a JSON pointer`];
      if (!Array.isArray(s.values) || s.values.length === 0) return ['sweep/values: not a non-empty array'];
      if (s.path !== s.axes[0].path || !same(s.values, s.axes[0].values)) errors.push('sweep: a one-axis sweep keeps path and values equal to axes[0]');
    }
  } else {
    if (!pointer(s.path)) errors.push(`sweep/path: ${JSON.stringify(s.path)} is not a JSON pointer`);
    if (!Array.isArray(s.values) || s.values.length === 0) return [...errors, 'sweep/values: not a non-empty array'];
  }
  if (!Array.isArray(s.points)) return [...errors, 'sweep/points: missing'];
  const axes = resultsAxes(s as NonNullable<Results['sweep']>);
  const grid = gridValues(axes).map((v) => JSON.stringify(v));
  if (s.points.length > grid.length) errors.push(`sweep/points: ${s.points.length} points for ${grid.length} ${axes.length === 1 ? 'values' : 'grid points'}`);
  const exp = r.experiment?.sweep;
  if (exp && !same(sweepAxes(exp), axes)) errors.push('sweep: axes differ from experiment.sweep');
  let previous = -1;
  s.points.forEach((p, k) => {
    const at = `sweep/points/${k}`;
    if (!p || typeof p !== 'object') return void errors.push(`${at}: not an object`);
    // before §5.5 a point had only `value`, and the points were the first values'
    const values = Array.isArray(p.values) ? p.values : axes.length === 1 ? [p.value] : null;
    const index = values ? grid.indexOf(JSON.stringify(values)) : -1;
    if (index < 0) errors.push(`${at}/values: ${JSON.stringify(p.values ?? p.value)} is not a point of the grid`);
    else if (index <= previous) errors.push(`${at}/values: ${JSON.stringify(values)} out of grid order`);
    else if (!Array.isArray(p.values) && index !== k) errors.push(`${at}/value: ${JSON.stringify(p.value)} is not values[${k}] = ${JSON.stringify(axes[0].values[k])}`);
    if (values && !same(p.value, values[0])) errors.push(`${at}/value: ${JSON.stringify(p.value)} is not values[0]`);
    previous = Math.max(previous, index);
    if (!p.final || typeof p.final !== 'object') errors.push(`${at}/final: missing`);
    else {
      for (const [label, v] of Object.entries(p.final)) if (v !== null && typeof v !== 'number') errors.push(`${at}/final/${label}: ${JSON.stringify(v)} is not a number or null`);
    }
    if (p.baseline !== null && typeof p.baseline !== 'number') errors.push(`${at}/baseline: ${JSON.stringify(p.baseline)} is not a number or null`);
    if (p.runs !== undefined && (!Array.isArray(p.runs) || p.runs.some((run) => !run || !Array.isArray(run.steps) || run.steps.length > SWEEP_RUN_RECORDS))) errors.push(`${at}/runs: not runs of at most ${SWEEP_RUN_RECORDS} records`);
  });
  return errors;
}
