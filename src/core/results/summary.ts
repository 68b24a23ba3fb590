// The CLI's plain-text summary of a results object: per run, how it ran and where it ended; per
// component, the predicted against the observed phase step (spec §1); completion: escape steps,
// the nuclear-norm baseline and a sweep's table (spec §2, §4).
import { resultsAxes } from '../sweep/axes';
import { minimizerVerdict, targetIsMinimizer } from '../baselines/index';
import { singularValueRateAgreement } from './singularValueRate';
import type { Results } from '../types';

const num = (x: number | null | undefined): string => {
  if (x === null || x === undefined) return '—';
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
};

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => '  ' + r.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd()).join('\n');
}

const last = <T>(xs: T[] | null | undefined): T | undefined => (xs && xs.length ? xs[xs.length - 1] : undefined);

export function summarize(results: Results, title: string): string {
  const out: string[] = [title];
  const t = results.theory;
  if (t.sigma.length) {
    out.push(
      `  σ = [${t.sigma.map(num).join(', ')}]  λ = [${t.lambda.map(num).join(', ')}]  ε = ${num(t.epsilon)}  Δxy = ${num(t.deltaXY)}  Δx = ${num(t.deltaX)}`,
    );
    out.push(`  step-size bounds: stability 1/(2σ1) = ${num(t.stepSizeBounds.stability)}, eigengap = ${num(t.stepSizeBounds.eigengap)}; η = ${num(results.experiment.optimizer.stepSize)}`);
  }
  const rows = [['model', 'engine', 'steps/s', 'stop', 'at step', 'loss', 'excess loss', 'recon. error', 'nuclear norm']];
  for (const r of results.runs) {
    const ran = last(r.steps) ?? 0;
    rows.push([
      r.label,
      `${r.backend} ${r.precision === 'float64' ? 'f64' : 'f32'}`,
      r.wallMs > 0 ? Math.round((ran / r.wallMs) * 1000).toLocaleString('en-US') : '—',
      r.stopReason,
      String(ran),
      num(last(r.loss)),
      num(last(r.excessLoss)),
      num(last(r.reconstructionError ?? [])),
      num(last(r.nuclearNorm)),
    ]);
  }
  out.push(table(rows));
  const withPhases = results.runs.filter((r) => r.phaseSteps && r.phaseSteps.predicted.length);
  if (withPhases.length) {
    out.push('  phase steps, predicted → observed (first step with c_i ≥ ½σ_i/λ_i):');
    const head = ['i', 'σ_i', ...withPhases.map((r) => r.label)];
    const body = t.sigma.map((s, i) => [
      String(i + 1),
      num(s),
      ...withPhases.map((r) => `${r.phaseSteps!.predicted[i] ?? '—'} → ${r.phaseSteps!.observed[i] ?? '—'}`),
    ]);
    out.push(table([head, ...body]));
  }
  const withRates = results.runs.filter((r) => r.singularValueRate);
  if (withRates.length) {
    // spec §5.6: ACHL Thm 3's σ_r(k+1) − σ_r(k) against the recorded one-step change
    out.push('  ACHL Thm 3, singular-value rate: median |observed − predicted|/|predicted| (r ≤ 8):');
    for (const r of withRates) {
      const a = singularValueRateAgreement(r.singularValueRate!);
      const why = r.precision === 'float32' ? 'not recorded (float32)' : 'no entry defined';
      out.push(`    ${r.label}: ${a.overall === null ? why : `${num(a.overall)} over ${a.count} entries (per r: ${a.perValue.map(num).join(', ')})`}`);
    }
  }
  const withEscapes = results.runs.filter((r) => r.escapeSteps && r.escapeSteps.length);
  if (withEscapes.length) {
    // Cao's stages (spec §2): the first recorded step with σ_i(W) > ½σ_i(M)
    out.push('  escape steps, first recorded step with σ_i(W) > ½σ_i(M):');
    for (const r of withEscapes) out.push(`    ${r.label}: ${r.escapeSteps!.map((k) => k ?? '—').join(', ')}`);
  }
  const nnm = results.baselines.nuclearNormMinimization;
  if (nnm) {
    const how = nnm.iterations !== undefined ? ` (ADMM, ${nnm.iterations} iterations, duality gap ${num(nnm.dualityGap)})` : '';
    out.push(`  nuclear-norm minimization baseline: recon. error ${num(nnm.reconstructionError)}, ‖W‖_* = ${num(nnm.nuclearNorm)}${how}`);
    const minimizer = targetIsMinimizer(nnm);
    if (minimizer !== null) out.push(`    ‖M‖_* = ${num(nnm.targetNuclearNorm)}: ${minimizerVerdict(minimizer)}`);
  }
  const sweep = results.sweep;
  if (sweep && sweep.points.length) {
    // spec §2 `sweep`: the final reconstruction error per value
    const labels = Object.keys(sweep.points[0].final);
    const withBaseline = sweep.points.some((pt) => pt.baseline !== null);
    // no ground truth anywhere (moments): the final loss instead
    const useLoss = sweep.points.every((pt) => Object.values(pt.final).every((v) => v === null)) && sweep.points.every((pt) => pt.loss);
    out.push(`  sweep over ${resultsAxes(sweep).map((a) => a.path).join(' × ')}: final ${useLoss ? 'loss' : 'reconstruction error'}`);
    const head = ['value', ...labels, ...(withBaseline ? ['nuclear norm'] : [])];
    const body = sweep.points.map((pt) => [
      (pt.values ?? [pt.value]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', '),
      ...labels.map((l) => num(useLoss ? pt.loss![l] : pt.final[l])),
      ...(withBaseline ? [num(pt.baseline)] : []),
    ]);
    out.push(table([head, ...body]));
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of results.diagnostics) counts[d.severity]++;
  if (results.diagnostics.length) {
    out.push(`  diagnostics: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info`);
    for (const d of results.diagnostics) out.push(`    ${d.severity} ${d.code}: ${d.message}`);
  }
  return out.join('\n');
}
