// The diagnostics of spec §3 decided from the file and the moments alone, without a run:
// stepSize.diverges / .stability / .eigengap, spectrum.degenerate, assumption.commutativity,
// init.notVanishing, steps.horizon, width.rankConstrained. Each message states the limit and the
// actual value; `limit` is the number it speaks of.
import { recordSchedule } from '../dynamics/schedule';
import { predictedPhaseStep } from '../theory/phases';
import { problemDims } from '../dynamics/gradient';
import { METHODS } from '../dynamics/methods/index';
import { dataDims, initScale } from '../experiment/defaults';
import { computeTheory } from '../theory/index';
import { eigengapTerms, rho } from '../theory/stepSize';
import type { CompletionProblem, Diagnostic, Experiment, Problem, Theory } from '../types';
import { makeDiagnostic, PATHS, THRESHOLDS } from './codes';
import { fmt } from './format';
import { phaseStepBeyond } from './horizon';

type Model = Experiment['models'][number];

/** Components the per-component theory can speak of: σ_i > 0 and λ_i > 0 (λ_i ≤ 0 is data.moments'). */
function learnable(theory: Theory): number[] {
  const out: number[] = [];
  for (let i = 0; i < theory.rxy; i++) if (theory.sigma[i] > 0 && theory.lambda[i] > 0) out.push(i);
  return out;
}

// ------------------------------------------------------------------ stepSize.diverges

interface Rate {
  /** The largest local rate: ρ_i of the scalar recursion, or λmax(Σx), or 1/|Ω|. */
  rate: number;
  /** The limit's formula with the bound b, e.g. "b/ρ_2", "b/λmax(Σx)", "b|Ω|". */
  formula: (b: number) => string;
  /** The rate in words, with its value. */
  what: string;
}

function worstRate(model: Model, theory: Theory | null, completion: CompletionProblem | null, observed: number | null): Rate | null {
  const L = model.depth;
  if (theory) {
    let best: Rate | null = null;
    for (const i of learnable(theory)) {
      const r = rho(theory.sigma[i], theory.lambda[i], L);
      if (Number.isFinite(r) && (!best || r > best.rate)) {
        best = {
          rate: r,
          formula: (b) => `${fmt(b)}/ρ_${i + 1}`,
          what:
            L === 1
              ? `ρ_${i + 1} = λ_${i + 1} = ${fmt(r)}`
              : `ρ_${i + 1} = L σ_${i + 1}^(2−2/L) λ_${i + 1}^(2/L−1) = ${fmt(r)}`,
        };
      }
    }
    // depth 1 is the plain quadratic: gd also needs η < 2/λmax(Σx) in every direction
    if (L === 1 && theory.sigmaXNorm > 0 && (!best || theory.sigmaXNorm > best.rate)) {
      best = { rate: theory.sigmaXNorm, formula: (b) => `${fmt(b)}/λmax(Σx)`, what: `λmax(Σx) = ${fmt(theory.sigmaXNorm)}` };
    }
    return best;
  }
  // completion, depth 1: f = Σ_Ω (W−M)²/(2|Ω|) has Hessian I/|Ω| on the observed entries
  const count = completion?.observedCount ?? observed;
  if (L === 1 && count !== null && count > 0) return { rate: 1 / count, formula: (b) => `${fmt(b)}|Ω|`, what: `|Ω| = ${count} observed entries` };
  return null;
}

/**
 * The step size at which stepSize.diverges starts for one model (spec §3): the method's bound over
 * the largest local rate (gd 2/max ρ_i, flow 2.78/max ρ_i); null where the method has no fixed
 * bound or no rate is known. A sweep point's `stepSizeBounds.divergence` (spec §5.5).
 */
export function divergenceLimit(exp: Experiment, model: Model, problem: Problem | null, theory: Theory | null): number | null {
  const stability = METHODS[exp.optimizer.method].stability;
  const completion = problem?.kind === 'completion' ? problem : null;
  const observed = exp.data.kind === 'completion' && exp.data.mask === undefined ? exp.data.observed : null;
  const rate = stability ? worstRate(model, theory, completion, observed) : null;
  return stability && rate && rate.rate > 0 ? stability.bound / rate.rate : null;
}

function divergesDiagnostic(exp: Experiment, theory: Theory | null, completion: CompletionProblem | null, observed: number | null): Diagnostic | null {
  const { method, stepSize: eta } = exp.optimizer;
  const stability = METHODS[method].stability;
  if (!stability) return null;
  const bound = stability.bound;
  const bad: Array<{ model: Model; rate: Rate; limit: number }> = [];
  for (const model of exp.models) {
    const rate = worstRate(model, theory, completion, observed);
    if (rate && eta * rate.rate >= bound) bad.push({ model, rate, limit: bound / rate.rate });
  }
  if (bad.length === 0) return null;
  bad.sort((a, b) => a.limit - b.limit);
  const w = bad[0];
  const others = bad.slice(1).map((b) => `"${b.model.label}"`);
  const what = stability.beyond;
  return makeDiagnostic(
    'stepSize.diverges',
    `stepSize ${fmt(eta)} ≥ ${w.rate.formula(bound)} = ${fmt(w.limit)} for model "${w.model.label}" (${w.rate.what}): ${what}` +
      (others.length ? `; also ${others.join(', ')}` : ''),
    PATHS.stepSize,
    { limit: w.limit },
  );
}

// ------------------------------------------------------------------ GBL Thm 3 / Cor. 3

/** GBL Thm 3 / Cor. 3 speak of the method (gd) and some model is deep. */
function gdDeep(exp: Experiment): boolean {
  return METHODS[exp.optimizer.method].gblThm3 && exp.models.some((m) => m.depth >= 2);
}

function stabilityDiagnostic(exp: Experiment, theory: Theory): Diagnostic | null {
  const sigma1 = theory.sigma[0];
  const limit = theory.stepSizeBounds.stability; // 1/(2σ1), GBL Thm 3 (theory/stepSize.ts)
  if (!gdDeep(exp) || limit === null) return null;
  const eta = exp.optimizer.stepSize;
  if (eta < limit) return null;
  return makeDiagnostic(
    'stepSize.stability',
    `stepSize ${fmt(eta)} ≥ 1/(2σ1) = ${fmt(limit)} (σ1 = ${fmt(sigma1)}): outside GBL Thm 3's range 2ησ1 < 1, so its bounds and the sequential-learning picture of gd at depth ≥ 2 are not guaranteed`,
    PATHS.stepSize,
    { limit },
  );
}

const degenerate = (s: number[], i: number) => (s[i] - s[i + 1]) / s[i] < THRESHOLDS.degenerateGap;

function eigengapDiagnostic(exp: Experiment, theory: Theory): Diagnostic | null {
  if (!gdDeep(exp) || theory.rxy < 2) return null;
  const s = theory.sigma;
  let best: { i: number; limit: number; form: string } | null = null;
  for (let i = 0; i + 1 < theory.rxy; i++) {
    if (degenerate(s, i)) continue; // spectrum.degenerate speaks for it
    const { first: a, second: b } = eigengapTerms(s[i], s[i + 1]); // GBL Cor. 3
    const limit = Math.min(a, b);
    const form = a <= b ? `2(σ${i + 1} − σ${i + 2})/σ${i + 1}²` : `(σ${i + 1} − σ${i + 2})/(2σ${i + 2}²)`;
    if (!best || limit < best.limit) best = { i, limit, form };
  }
  const eta = exp.optimizer.stepSize;
  if (!best || eta < best.limit) return null;
  const { i, limit, form } = best;
  return makeDiagnostic(
    'stepSize.eigengap',
    `stepSize ${fmt(eta)} ≥ ${form} = ${fmt(limit)} at i = ${i + 1} (σ${i + 1} = ${fmt(s[i])}, σ${i + 2} = ${fmt(s[i + 1])}): GBL Cor. 3's eigengap condition fails, components ${i + 1} and ${i + 2} may not be learned one after the other`,
    PATHS.stepSize,
    { limit },
  );
}

// ------------------------------------------------------------------ the moments

function degenerateDiagnostic(theory: Theory): Diagnostic | null {
  const s = theory.sigma;
  const pairs: string[] = [];
  for (let i = 0; i + 1 < theory.rxy; i++) if (degenerate(s, i)) pairs.push(`σ${i + 1} = σ${i + 2} = ${fmt(s[i])}`);
  if (pairs.length === 0) return null;
  return makeDiagnostic(
    'spectrum.degenerate',
    `${pairs.join('; ')} (relative gap < ${fmt(THRESHOLDS.degenerateGap)}): these components cannot be learned one after the other, and their u_i, v_i are not unique`,
    PATHS.data,
    { limit: THRESHOLDS.degenerateGap },
  );
}

function commutativityDiagnostic(theory: Theory): Diagnostic | null {
  const { deltaXY, epsilon } = theory;
  if (!(deltaXY > THRESHOLDS.commutativityInfo)) return null;
  const warn = deltaXY > THRESHOLDS.commutativityWarning;
  const limit = warn ? THRESHOLDS.commutativityWarning : THRESHOLDS.commutativityInfo;
  return makeDiagnostic(
    'assumption.commutativity',
    `Δxy = ‖B‖₂/‖Σx‖₂ = ${fmt(deltaXY)} > ${fmt(limit)} (ε = ‖B‖₂ = ${fmt(epsilon)}): Σx and Σxy do not share singular vectors (GBL Assumption 1), so Thm 1–3 are ${warn ? 'far from exact' : 'approximate'}`,
    PATHS.data,
    { limit, severity: warn ? 'warning' : 'info' },
  );
}

// ------------------------------------------------------------------ the init

function perComponentInit(exp: Experiment): number | null {
  if (exp.init.scheme === 'gaussian') return null; // no per-component theory (spec §2)
  return initScale(exp.init);
}

function notVanishingDiagnostic(exp: Experiment, theory: Theory): Diagnostic | null {
  const w0 = perComponentInit(exp);
  const comps = learnable(theory);
  if (w0 === null || comps.length === 0) return null;
  const i = comps[comps.length - 1];
  const ratio = (theory.lambda[i] * w0) / theory.sigma[i];
  if (!(ratio > THRESHOLDS.notVanishingRatio)) return null;
  const byScale = exp.init.scale !== undefined;
  const w0Words = byScale ? `init scale w0 = ${fmt(w0)}` : `init scale w0 = e^(−δ) = ${fmt(w0)} (δ = ${fmt(exp.init.delta ?? 0)})`;
  return makeDiagnostic(
    'init.notVanishing',
    `${w0Words} is not ≪ σ${i + 1}/λ${i + 1} = ${fmt(theory.sigma[i] / theory.lambda[i])}: λ w0/σ = ${fmt(ratio)} > ${fmt(THRESHOLDS.notVanishingRatio)}, so the phase transitions overlap (GBL Thm 2 needs a vanishing init)`,
    byScale ? PATHS.initScale : PATHS.initDelta,
    { limit: THRESHOLDS.notVanishingRatio },
  );
}

function horizonDiagnostic(exp: Experiment, theory: Theory): Diagnostic | null {
  const { method, stepSize: eta, steps } = exp.optimizer;
  const w0 = perComponentInit(exp);
  const comps = learnable(theory);
  const { stability, theory: scalar } = METHODS[method];
  if (!stability || !scalar || w0 === null || comps.length === 0) return null;
  const i = comps[comps.length - 1];
  const late: string[] = [];
  let latest = 0;
  for (const model of exp.models) {
    if (model.depth < 2) continue;
    // a step size the recursion cannot settle with is stepSize.diverges' business
    if (comps.some((c) => eta * rho(theory.sigma[c], theory.lambda[c], model.depth) >= stability.bound)) continue;
    const p = phaseStepBeyond(theory.sigma[i], theory.lambda[i], model.depth, scalar.scalar, eta, w0, steps);
    if (!p) continue;
    late.push(`"${model.label}" at step ${p.exact ? '' : '≈ '}${p.step}`);
    latest = Math.max(latest, p.step);
  }
  if (late.length === 0) return null;
  return makeDiagnostic(
    'steps.horizon',
    `steps ${steps} ends before the predicted phase transition of the last learnable component ${i + 1} (σ${i + 1} = ${fmt(theory.sigma[i])}, where w reaches ½σ/λ): model ${late.join(', model ')}; raise steps to at least ${latest}`,
    PATHS.steps,
    { limit: latest },
  );
}

/** Records that skip the first transition: the first record after 0 lies past the first predicted phase step. */
function coarseRecordDiagnostic(exp: Experiment, theory: Theory): Diagnostic | null {
  const { method, stepSize: eta, steps } = exp.optimizer;
  const w0 = perComponentInit(exp);
  const comps = learnable(theory);
  const { theory: scalar } = METHODS[method];
  if (!scalar || w0 === null || comps.length === 0) return null;
  const firstRecord = recordSchedule(exp.record, steps).next(0);
  const i = comps[0];
  let first: { step: number; label: string } | null = null;
  for (const model of exp.models) {
    if (model.depth < 2) continue;
    const k = predictedPhaseStep(theory.sigma[i], theory.lambda[i], model.depth, scalar.scalar, eta, w0, Math.min(steps, firstRecord));
    if (k !== null && k > 0 && k < firstRecord && (!first || k < first.step)) first = { step: k, label: model.label };
  }
  if (!first) return null;
  return makeDiagnostic(
    'record.coarse',
    `the first record after step 0 is step ${firstRecord}, past the first predicted phase step ${first.step} (component ${i + 1}, model "${first.label}"): the first transition is not sampled; log-spaced records (record: { points, spacing: "log" }, spec §5.4) sample it`,
    PATHS.record,
    { limit: first.step },
  );
}

// ------------------------------------------------------------------ widths

/** d and p: the problem's, else what the file alone says (experiment/defaults.ts dataDims). */
function dims(exp: Experiment, problem: Problem | null): { d: number; p: number } | null {
  return problem ? problemDims(problem) : dataDims(exp.data);
}

function widthDiagnostics(exp: Experiment, problem: Problem | null): Diagnostic[] {
  const dp = dims(exp, problem);
  if (!dp) return [];
  const m = Math.min(dp.d, dp.p);
  const out: Diagnostic[] = [];
  exp.models.forEach((model, j) => {
    if (model.depth < 2 || model.width === undefined || model.width >= m) return;
    out.push(
      makeDiagnostic(
        'width.rankConstrained',
        `models[${j}] "${model.label}": width ${model.width} < min(d, p) = ${m}: the end-to-end W has rank ≤ ${model.width}, so this is reduced-rank regression, not an over-parameterized network`,
        PATHS.modelWidth(j),
        { limit: m },
      ),
    );
  });
  return out;
}

// ------------------------------------------------------------------ all of them

/**
 * Every spec §3 code decidable before a run. `theory` may be null: it is computed from a moments
 * problem when one is given; completion problems have no theory (only the depth-1 step size and
 * widths are checked), and without a problem only the file-level checks run.
 */
export function staticDiagnostics(exp: Experiment, problem: Problem | null, theory: Theory | null): Diagnostic[] {
  const th = theory ?? (problem?.kind === 'moments' ? computeTheory(problem, exp.theory.rankTol) : null);
  const completion = problem?.kind === 'completion' ? problem : null;
  const observed = exp.data.kind === 'completion' && exp.data.mask === undefined ? exp.data.observed : null;
  const out: Array<Diagnostic | null> = [];
  if (th || completion || observed !== null) out.push(divergesDiagnostic(exp, th, completion, observed));
  if (th) {
    out.push(
      stabilityDiagnostic(exp, th),
      eigengapDiagnostic(exp, th),
      degenerateDiagnostic(th),
      commutativityDiagnostic(th),
      notVanishingDiagnostic(exp, th),
      horizonDiagnostic(exp, th),
      coarseRecordDiagnostic(exp, th),
    );
  }
  out.push(...widthDiagnostics(exp, problem));
  return out.filter((d): d is Diagnostic => d !== null);
}
