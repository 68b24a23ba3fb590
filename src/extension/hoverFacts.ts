// What a hover shows beside the schema's documentation (issue 13): this file's own numbers at the
// field under the cursor — the step-size bounds at `stepSize`, the predicted phase steps at
// `steps`, the init ratio at `delta`/`scale`, the spectrum at `data`. Pure (no vscode): computed
// in the extension's worker from the prepared experiment, by the core's own functions.
import { componentTheory } from '../core/dynamics/componentTheory';
import { initScaleOrDefault } from '../core/dynamics/init';
import type { Prepared } from '../core/lab';

/** JSON pointer → markdown lines about this file. */
export type FieldFacts = Record<string, string[]>;

const num = (x: number) => (x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? String(Number(x.toPrecision(4))) : x.toExponential(3));

export function fieldFacts(prepared: Prepared): FieldFacts {
  const { experiment: exp, problem, theory } = prepared;
  const facts: FieldFacts = {};
  if (!exp || !problem || problem.kind !== 'moments' || !theory) return facts;
  const eta = exp.optimizer.stepSize;
  const step: string[] = [`**This file:** η = ${num(eta)}`];
  const { stability, eigengap } = theory.stepSizeBounds;
  if (stability !== null) step.push(`- GBL Cor. 3 stability bound 1/(2σ₁) = ${num(stability)}${eta >= stability ? ' — **η is above it**' : ''}`);
  if (eigengap !== null) step.push(`- GBL Cor. 3 eigengap bound = ${num(eigengap)}${eta >= eigengap ? ' — **η is above it**' : ''}`);
  for (const d of prepared.diagnostics) if (d.code === 'stepSize.diverges' && d.limit !== undefined) step.push(`- divergence bound 2/ρ₁ = ${num(d.limit)} — **η is above it**`);
  facts['/optimizer/stepSize'] = step;

  const steps: string[] = [`**This file:** ${exp.optimizer.steps.toLocaleString('en-US')} steps; predicted phase steps (first step with c_i ≥ ½σ_i/λ_i):`];
  for (const model of exp.models) {
    if (model.depth < 2) continue;
    const ct = componentTheory(exp, problem, theory, model.depth);
    if (!ct) {
      steps.push(`- ${model.label}: not covered by the per-component theory (spec §5.1)`);
      continue;
    }
    const shown = ct.predictedPhaseSteps.map((k) => (k === null ? '—' : k.toLocaleString('en-US')));
    const last = ct.predictedPhaseSteps.filter((k): k is number => k !== null).at(-1);
    steps.push(`- ${model.label}: ${shown.join(', ')}${last !== undefined && last > exp.optimizer.steps ? ' — **the last is past `steps`**' : ''}`);
  }
  if (steps.length > 1) facts['/optimizer/steps'] = steps;

  const w0 = initScaleOrDefault(exp.init);
  const last = theory.rxy - 1;
  if (last >= 0 && theory.sigma[last] > 0) {
    const ratio = (theory.lambda[last] * w0) / theory.sigma[last];
    const init = [`**This file:** w₀ = ${num(w0)}; λ w₀/σ of the last learnable component = ${num(ratio)} (vanishing below 1e-2)`];
    facts['/init/delta'] = init;
    facts['/init/scale'] = init;
  }
  facts['/data'] = [
    `**This file:** d = ${problem.d}, p = ${problem.p}, r_xy = ${theory.rxy}`,
    `- σ = [${theory.sigma.map(num).join(', ')}]`,
    `- λ = [${theory.lambda.map(num).join(', ')}]`,
    `- Δxy = ${num(theory.deltaXY)}, Δx = ${num(theory.deltaX)}`,
  ];
  return facts;
}
