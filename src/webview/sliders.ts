// The control strip (issue 13, "sliders that write back"): a slider for each field people turn —
// step size, δ or the init scale, steps, each model's depth and width, the spectrum's entries, the
// observed count — on a range around the file's value within the schema's limits (log tracks where
// a field spans decades). Letting go posts one `edit { path, value }`: the host sets that number in
// the file (one undoable edit), and live mode previews it. The step-size track marks GBL Cor. 3's
// stability and eigengap bounds and the divergence bound. sliderSpecs is pure (tested in Node).
import type { Results } from '../core/types';
import { el } from './dom';

export interface SliderMark {
  value: number;
  label: string;
  /** What the mark bounds: above a 'limit' the run breaks a condition. */
  kind: 'stability' | 'eigengap' | 'diverges';
}

export interface SliderSpec {
  /** JSON pointer of the field in the experiment file. */
  path: string;
  label: string;
  value: number;
  min: number;
  max: number;
  log: boolean;
  integer: boolean;
  marks: SliderMark[];
}

/** The schema's hard limits of the fields (src/core/experiment/schema.json): minimum, maximum (exclusive minimum 0 → positive). */
const LIMITS = {
  depth: { min: 1, max: 100 },
  width: { min: 1, max: 10_000 },
  steps: { min: 1, max: Number.MAX_SAFE_INTEGER },
  observed: { min: 1, max: Number.MAX_SAFE_INTEGER },
};

const finitePositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** A log range around v: a decade and a half each side, widened to take in `also` (the bounds). */
function logRange(v: number, also: number[] = [], decades = 1.5): { min: number; max: number } {
  const all = [v, ...also.filter(finitePositive)];
  return { min: Math.min(...all) / 10 ** decades, max: Math.max(...all) * 10 ** decades };
}

/** The sliders of the experiment `results` were computed from (its values, its bounds). */
export function sliderSpecs(results: Results): SliderSpec[] {
  const exp = results.experiment;
  const specs: SliderSpec[] = [];
  const opt = exp.optimizer as { stepSize?: number; steps?: number };
  if (finitePositive(opt.stepSize)) {
    const marks: SliderMark[] = [];
    const { stability, eigengap } = results.theory.stepSizeBounds;
    if (finitePositive(stability)) marks.push({ value: stability, label: 'stability', kind: 'stability' });
    if (finitePositive(eigengap)) marks.push({ value: eigengap, label: 'eigengap', kind: 'eigengap' });
    for (const d of results.diagnostics) if (d.code === 'stepSize.diverges' && finitePositive(d.limit)) marks.push({ value: d.limit, label: 'diverges', kind: 'diverges' });
    const r = logRange(opt.stepSize, marks.map((m) => m.value));
    specs.push({ path: '/optimizer/stepSize', label: 'step size η', value: opt.stepSize, ...r, log: true, integer: false, marks });
  }
  if (finitePositive(opt.steps)) {
    specs.push({ path: '/optimizer/steps', label: 'steps', value: opt.steps, min: Math.max(LIMITS.steps.min, Math.round(opt.steps / 10)), max: Math.min(LIMITS.steps.max, opt.steps * 10), log: true, integer: true, marks: [] });
  }
  const init = exp.init as { delta?: number; scale?: number; std?: number };
  for (const [key, label] of [['delta', 'init δ'], ['scale', 'init scale'], ['std', 'init std']] as const) {
    const v = init[key];
    if (finitePositive(v)) specs.push({ path: `/init/${key}`, label, value: v, ...logRange(v, [], 2), log: true, integer: false, marks: [] });
  }
  exp.models.forEach((m, i) => {
    const name = m.label ?? `model ${i + 1}`;
    const mm = m as { depth?: number; width?: number };
    if (finitePositive(mm.depth)) specs.push({ path: `/models/${i}/depth`, label: `${name}: depth`, value: mm.depth, min: LIMITS.depth.min, max: Math.min(LIMITS.depth.max, Math.max(8, mm.depth * 2)), log: false, integer: true, marks: [] });
    // a depth-1 model is W itself: its width means nothing
    if (finitePositive(mm.width) && (mm.depth ?? 1) > 1) specs.push({ path: `/models/${i}/width`, label: `${name}: width`, value: mm.width, min: LIMITS.width.min, max: Math.min(LIMITS.width.max, Math.max(8, mm.width * 4)), log: false, integer: true, marks: [] });
  });
  const data = exp.data as { spectrum?: number[]; observed?: number; rows?: number; cols?: number };
  data.spectrum?.forEach((v, i) => {
    if (finitePositive(v)) specs.push({ path: `/data/spectrum/${i}`, label: `spectrum[${i}]`, value: v, ...logRange(v, [], 1), log: true, integer: false, marks: [] });
  });
  if (finitePositive(data.observed)) {
    const cells = finitePositive(data.rows) && finitePositive(data.cols) ? data.rows * data.cols : LIMITS.observed.max;
    specs.push({ path: '/data/observed', label: 'observed entries', value: data.observed, min: Math.max(1, Math.round(data.observed / 4)), max: Math.min(cells, data.observed * 4), log: false, integer: true, marks: [] });
  }
  return specs;
}

/** Positions on a track: 0 … RESOLUTION. */
export const RESOLUTION = 1000;

/** Where `value` sits on the track of `spec`, 0 … 1. */
export function trackFraction(spec: Pick<SliderSpec, 'min' | 'max' | 'log'>, value: number): number {
  const f = spec.log ? Math.log(value / spec.min) / Math.log(spec.max / spec.min) : (value - spec.min) / (spec.max - spec.min);
  return Math.min(1, Math.max(0, f));
}

/** The value at track position `f` (0 … 1): integers rounded, reals to 3 significant digits (a value a person types). */
export function valueAt(spec: Pick<SliderSpec, 'min' | 'max' | 'log' | 'integer'>, f: number): number {
  const v = spec.log ? spec.min * (spec.max / spec.min) ** f : spec.min + f * (spec.max - spec.min);
  if (spec.integer) return Math.min(spec.max, Math.max(spec.min, Math.round(v)));
  return Number(v.toPrecision(3));
}

const show = (v: number, integer: boolean) => (integer ? v.toLocaleString('en-US') : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(3))));

export interface Controls {
  element: HTMLElement;
  /** Shows the sliders of `results` (null: none); rebuilt only when the fields or their values change, never mid-drag. */
  render(results: Results | null): void;
}

export function createControls(onEdit: (path: string, value: number) => void): Controls {
  const list = el('div', { class: 'sliders' });
  const element = el('section', { class: 'controls', 'aria-label': 'experiment controls' }, el('h3', {}, 'Controls'), el('p', { class: 'note' }, 'Letting go of a slider edits the file (one undo); live mode previews it.'), list);
  element.hidden = true;
  let key = '';
  let dragging = false;
  element.addEventListener('pointerdown', () => (dragging = true));
  window.addEventListener('pointerup', () => (dragging = false));

  function slider(spec: SliderSpec): HTMLElement {
    const input = el('input', { type: 'range', min: '0', max: String(RESOLUTION), step: '1', 'data-path': spec.path, 'aria-label': spec.label }) as HTMLInputElement;
    input.value = String(Math.round(trackFraction(spec, spec.value) * RESOLUTION));
    const out = el('output', { class: 'slider-value' }, show(spec.value, spec.integer));
    input.addEventListener('input', () => (out.textContent = show(valueAt(spec, Number(input.value) / RESOLUTION), spec.integer)));
    input.addEventListener('change', () => {
      const v = valueAt(spec, Number(input.value) / RESOLUTION);
      out.textContent = show(v, spec.integer);
      onEdit(spec.path, v);
    });
    const marks = el('div', { class: 'slider-marks' });
    // marks near each other take turns on two rows, so their labels never sit on top of each other
    let last = -1;
    let row = 0;
    for (const m of [...spec.marks].sort((a, b) => a.value - b.value)) {
      const f = trackFraction(spec, m.value);
      row = last >= 0 && f - last < 0.16 ? 1 - row : 0;
      last = f;
      const mark = el('span', { class: `slider-mark mark-${m.kind}`, 'data-mark': m.kind, 'data-value': String(m.value), title: `${m.label} bound ${show(m.value, false)}` }, m.label);
      mark.style.left = `${(f * 100).toFixed(2)}%`;
      mark.style.top = `${row * 12}px`;
      marks.append(mark);
    }
    const range = `${show(spec.min, spec.integer)} … ${show(spec.max, spec.integer)}${spec.log ? ' (log)' : ''}`;
    return el('div', { class: spec.marks.length ? 'slider has-marks' : 'slider', 'data-slider': spec.path }, el('label', { title: `${spec.path}: ${range}` }, spec.label, out), el('div', { class: 'track' }, input, marks));
  }

  return {
    element,
    render(results) {
      const specs = results ? sliderSpecs(results) : [];
      const next = specs.map((s) => `${s.path}=${s.value}:${s.marks.map((m) => m.value).join(',')}`).join(';');
      element.hidden = specs.length === 0;
      if (next === key || dragging) return;
      key = next;
      list.replaceChildren(...specs.map(slider));
    },
  };
}
