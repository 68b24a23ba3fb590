// (6) The theory card: σ, λ, ε, Δxy, Δx (spec §1), the step-size bounds of Cor. 3 against η, the
// predicted and observed phase steps, how each run ran (engine, steps/s, stop), and every
// diagnostic of the file (spec §3).
import type { Results } from '../core/types';
import type { EngineInfo } from '../shared/messages';
import type { Shown } from './charts/model';
import { el } from './dom';

const fmt = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(Number(v.toPrecision(digits)));
const int = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Math.round(v).toLocaleString('en-US'));
const rate = (steps: number, ms: number) => (ms > 0 ? Math.round((steps / ms) * 1000).toLocaleString('en-US') : '—');

function table(head: string[], rows: Array<Array<string | Node>>, caption?: string): HTMLElement {
  return el(
    'table',
    {},
    caption ? el('caption', {}, caption) : null,
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
}

function bound(label: string, limit: number | null, eta: number): HTMLElement {
  if (limit === null) return el('li', {}, `${label}: —`);
  const ok = eta < limit;
  return el('li', { class: ok ? 'ok' : 'bad' }, `${label} = ${fmt(limit)} ${ok ? '>' : '≤'} η = ${fmt(eta)} `, el('span', { class: 'verdict' }, ok ? '✓ holds' : '✗ broken'));
}

function runsTable(results: Results, engine: EngineInfo | null, live: Map<number, number>): HTMLElement {
  const rows = results.runs.map((r, j) => {
    const last = r.steps[r.steps.length - 1] ?? 0;
    const sps = live.get(j);
    return [
      r.label,
      String(r.depth),
      String(r.width),
      r.method,
      `${r.backend} ${r.precision === 'float64' ? 'f64' : 'f32'}${engine && engine.backend === r.backend ? ` (${engine.side})` : ''}`,
      sps !== undefined && r.wallMs === 0 ? Math.round(sps).toLocaleString('en-US') : rate(last, r.wallMs),
      r.stopReason + (r.stoppedAt !== null ? ` at ${int(r.stoppedAt)}` : ''),
    ];
  });
  return table(['model', 'depth', 'width', 'method', 'engine', 'steps/s', 'stop'], rows, 'Runs');
}

function phaseTable(results: Results): HTMLElement | null {
  const t = results.theory;
  if (t.sigma.length === 0) return null;
  const head = ['i', 'σᵢ', 'λᵢ', 'σᵢ/λᵢ', 'eq. 16 step', ...results.runs.map((r) => `${r.label}: predicted → observed`)];
  const rows = t.sigma.map((s, i) => [
    String(i + 1),
    fmt(s),
    fmt(t.lambda[i]),
    fmt(s / t.lambda[i]),
    fmt(t.phaseSteps[i] ?? null, 5),
    ...results.runs.map((r) => `${int(r.phaseSteps?.predicted[i])} → ${int(r.phaseSteps?.observed[i])}`),
  ]);
  return table(head, rows, 'Components and phase steps (first step with cᵢ ≥ ½σᵢ/λᵢ)');
}

export function theoryCard(shown: Shown[], engine: EngineInfo | null, live: Map<number, number>): HTMLElement {
  const card = el('section', { class: 'card theory', 'data-chart': 'theory' }, el('header', {}, el('h3', {}, 'Theory and diagnostics')));
  const first = shown[0];
  if (!first) return card;
  const { results } = first;
  const t = results.theory;
  const exp = results.experiment;
  const eta = exp.optimizer.stepSize;
  card.append(
    el(
      'p',
      { class: 'facts' },
      `${results.problem.n ?? '—'} samples, d = ${results.problem.d}, p = ${results.problem.p}; ${exp.optimizer.method}, η = ${fmt(eta)}, ${int(exp.optimizer.steps)} steps; init ${exp.init.scheme}` +
        (exp.init.delta !== undefined ? `, δ = ${fmt(exp.init.delta)}` : exp.init.scale !== undefined ? `, scale ${fmt(exp.init.scale)}` : ''),
    ),
  );
  if (engine) card.append(el('p', { class: 'engine' }, `Engine: ${engine.backend} (${engine.precision}), computed in the ${engine.side === 'webview' ? 'webview (tfjs)' : 'extension host'} — ${engine.reason}`));
  card.append(
    el(
      'ul',
      { class: 'measures' },
      el('li', {}, `ε = ‖B‖₂ = ${fmt(t.epsilon)}`),
      el('li', {}, `Δxy = ${fmt(t.deltaXY)}`),
      el('li', {}, `Δx = ${fmt(t.deltaX)}`),
      bound('stability 1/(2σ₁)', t.stepSizeBounds.stability, eta),
      bound('eigengap (Cor. 3)', t.stepSizeBounds.eigengap, eta),
    ),
  );
  const phases = phaseTable(results);
  if (phases) card.append(phases);
  card.append(runsTable(results, engine, live));
  const diags = results.diagnostics;
  card.append(
    el(
      'div',
      { class: 'diagnostics' },
      el('h4', {}, `Diagnostics (${diags.length})`),
      diags.length === 0
        ? el('p', { class: 'note' }, 'None: the papers’ conditions hold for this file.')
        : el('ul', {}, ...diags.map((d) => el('li', { class: `sev-${d.severity}` }, el('span', { class: 'sev' }, d.severity), ` ${d.code} `, el('code', {}, d.path), ` — ${d.message}`))),
    ),
  );
  if (shown.length > 1) card.append(el('p', { class: 'note' }, `Comparing: ${shown.map((s) => s.source.name).join(' · ')} (theory of the first).`));
  return card;
}
