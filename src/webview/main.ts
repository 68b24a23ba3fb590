// The lab webview (bundled to dist/webview.js): the VS Code panel and the `lnn-lab report` page.
// It draws results — a file, or a run live as its records arrive — and, when the host asks,
// computes a float32 run with tfjs WebGL through the core. Messages: src/shared/messages.ts.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import { unpackModels, type ModelsInput, type PackedModels } from '../core/lab';
import type { Results } from '../core/types';
import type { EngineInfo, SourceInfo, ToWebview } from '../shared/messages';
import { appendRun } from '../shared/runSlice';
import { fromWire, utf8ToBase64 } from '../shared/wire';
import { axisFactor, type AxisMode } from './axis';
import { createBridge } from './bridge';
import { ChartCard, type ExportKind } from './chartCard';
import { CHARTS } from './charts/index';
import type { ChartModel, Shown, ViewInput } from './charts/model';
import { computeInWebview, probeWebgl } from './compute';
import { el } from './dom';
import { emptyState } from './empty';
import { chartCsv, chartJson } from './exportData';
import { applyStandaloneTheme } from './standaloneTheme';
import { adoptStyles } from './styles';
import { chartSvg } from './svg';
import { observeTheme, readTheme } from './theme';
import { theoryCard } from './theoryCard';
import { createToolbar } from './toolbar';

const bridge = createBridge();
applyStandaloneTheme();
adoptStyles();

const state = {
  shown: [] as Shown[],
  axis: 'steps' as AxisMode,
  logX: false,
  engine: null as EngineInfo | null,
  /** steps/s of the model running now, by model index (live). */
  live: new Map<number, number>(),
  jobId: -1,
  running: false,
  computing: null as AbortController | null,
  /** A sweep being run: the index of the value now running (its runs restart there), else null. */
  sweepAt: null as number | null,
};

const toolbar = createToolbar({
  axis: (mode) => {
    state.axis = mode;
    render();
  },
  logX: (on) => {
    state.logX = on;
    render();
  },
  command: (command) => {
    if (command === 'cancel' && state.computing) state.computing.abort();
    bridge.post({ type: 'command', command });
  },
});
const empty = emptyState(bridge.hosted, (command) => bridge.post({ type: 'command', command }));
const grid = el('div', { class: 'grid' });
const cards = CHARTS.map((def) => new ChartCard(def, exportChart, () => render()));
for (const c of cards) grid.append(c.element);
let layoutKey = '';
let theory = theoryCard([], null, state.live);
theory.classList.add('wide');
grid.append(theory);
document.body.append(toolbar.element, empty, grid);

const slug = (s: string) => s.replace(/\.(lnn|results)\.json$|\.json$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'lnn-lab';

function render(): void {
  const theme = readTheme();
  const has = state.shown.length > 0;
  empty.hidden = has;
  grid.hidden = !has;
  const primary = state.shown[0];
  const fromExperiment = primary?.source.kind === 'experiment';
  toolbar.setActions({
    rerun: bridge.hosted && fromExperiment && !state.running,
    cancel: bridge.hosted && state.running,
    compare: bridge.hosted && has && !state.running,
    openResults: bridge.hosted && !state.running,
  });
  toolbar.setControlsVisible(has);
  if (!has) return;
  toolbar.setTitle(primary.results.experiment.name ?? primary.source.name, state.shown.map((s) => s.source.path).join('  ·  '));
  toolbar.setAxisAvailable('tau', state.shown.every((s) => axisFactor(s.results.experiment, 'tau') !== null));
  const view = { shown: state.shown, axis: state.axis, theme };
  layout(view);
  for (const card of cards) {
    if (card.element.hidden) continue;
    const model = card.def.build(view);
    card.render(model, theme, cardLogX(card, model));
  }
  const next = theoryCard(state.shown, state.engine, state.live, state.sweepAt);
  next.classList.add('wide');
  theory.replaceWith(next);
  theory = next;
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? 0) + 1);
}

/** The toolbar's log x applies to the time axis; a sweep's chart has its own x (the swept values), log when they span decades. */
const cardLogX = (card: ChartCard, model: ChartModel) => (card.def.xAxis === 'value' ? (model.logX ?? false) : state.logX);

/**
 * Which charts show, in which order, which span the grid: charts that do not apply to what is shown
 * are hidden (matrix completion has no components nor reduced-rank solutions); a sweep's chart
 * leads; the first chart spans both columns, and so does the last when the others leave it alone.
 */
function layout(view: ViewInput): void {
  const visible = cards.filter((c) => c.def.applies?.(view) ?? true);
  const lead = visible.find((c) => c.def.id === 'sweep') ?? visible[0];
  const order = lead ? [lead, ...visible.filter((c) => c !== lead)] : visible;
  const key = order.map((c) => c.def.id).join(',');
  if (key === layoutKey) return;
  layoutKey = key;
  for (const c of cards) {
    c.element.hidden = !order.includes(c);
    c.element.classList.remove('wide');
  }
  order.forEach((c, i) => {
    grid.insertBefore(c.element, theory);
    if (i === 0 || (i === order.length - 1 && (order.length - 1) % 2 === 1)) c.element.classList.add('wide');
  });
}

let pending = 0;
let lastFrame = 0;
/** Live updates: at most about four redraws a second. */
function scheduleRender(): void {
  if (pending) return;
  const wait = Math.max(0, 250 - (performance.now() - lastFrame));
  pending = window.setTimeout(() => {
    pending = 0;
    lastFrame = performance.now();
    render();
  }, wait);
}

function exportChart(card: ChartCard, kind: ExportKind): void {
  const model = card.model;
  if (!model) return;
  const theme = readTheme();
  const base = `${slug(state.shown[0]?.source.name ?? 'lnn-lab')}-${model.id}`;
  let base64: string;
  if (kind === 'png') base64 = card.snapshot(theme.background).toDataURL('image/png').split(',')[1];
  else if (kind === 'svg') {
    const { width, height } = card.canvasElement.getBoundingClientRect();
    base64 = utf8ToBase64(chartSvg(model, { width: Math.max(480, Math.round(width)), height: Math.max(320, Math.round(height) + 40), logX: cardLogX(card, model), logY: card.logY, hidden: card.hidden, theme }));
  } else base64 = utf8ToBase64(kind === 'csv' ? chartCsv(model) : chartJson(model));
  bridge.post({ type: 'export', fileName: `${base}.${kind}`, base64 });
}

/** Phase steps a decade or more apart (GBL Fig. 1): only a log time axis shows every step of the staircase. */
function wantsLogX(results: Results): boolean {
  const steps = results.theory.phaseSteps.filter((k): k is number => k !== null && k > 0);
  return steps.length > 1 && Math.max(...steps) >= 10 * Math.min(...steps);
}

function show(source: SourceInfo, results: Results, overlay: boolean): void {
  const entry = { source, results };
  const firstOfItsKind = !overlay && state.shown[0]?.source.path !== source.path;
  if (firstOfItsKind) {
    state.logX = wantsLogX(results);
    toolbar.setLogX(state.logX);
  }
  if (overlay) state.shown = [...state.shown.filter((s) => s.source.path !== source.path), entry];
  else state.shown = [entry];
  bridge.setState({ sources: state.shown.map((s) => s.source) });
  render();
}

const rate = (x: number) => Math.round(x).toLocaleString('en-US');

/** "value 2 of 5, " while a sweep runs its second value; "" otherwise. */
function sweepAt(): string {
  const sweep = state.shown[0]?.results.sweep;
  return sweep && state.sweepAt !== null ? `value ${state.sweepAt + 1} of ${sweep.values.length}, ` : '';
}

async function compute(jobId: number, input: ModelsInput): Promise<void> {
  const controller = new AbortController();
  state.computing = controller;
  const results = state.shown[0]?.results;
  try {
    const final = await computeInWebview(input, {
      signal: controller.signal,
      onRecord: (modelIndex, run) => {
        if (results && state.jobId === jobId) results.runs[modelIndex] = run;
        scheduleRender();
      },
      onProgress: (p) => {
        state.live.set(p.modelIndex, p.stepsPerSecond);
        toolbar.setStatus(`Computing in the webview on tfjs WebGL (float32): ${sweepAt()}${p.label}, step ${p.step.toLocaleString('en-US')}/${p.steps.toLocaleString('en-US')} — ${rate(p.stepsPerSecond)} steps/s`);
      },
      onRun: (runs) => bridge.post({ type: 'computed', jobId, runs, final: false }),
    });
    bridge.post({ type: 'computed', jobId, runs: final, final: true });
  } catch (e) {
    bridge.post({ type: 'computeFailed', jobId, reason: e instanceof Error ? e.message : String(e) });
  } finally {
    state.computing = null;
  }
}

function handle(m: ToWebview): void {
  switch (m.type) {
    case 'showResults':
      state.running = false;
      if (!m.overlay) {
        state.live.clear();
        state.sweepAt = null;
      }
      show(m.source, m.results, m.overlay ?? false);
      if (m.savedTo) toolbar.setStatus(`Saved ${m.savedTo}`);
      else if (!m.overlay) toolbar.setStatus(state.engine ? '' : 'Showing a saved results file (nothing was run).');
      return;
    case 'runStart': {
      state.jobId = m.jobId;
      state.sweepAt = null;
      state.engine = m.engine;
      state.running = !m.refused;
      state.live.clear();
      if (m.results) show(m.source, m.results, false);
      else {
        state.shown = [];
        render();
      }
      const errors = m.diagnostics.filter((d) => d.severity === 'error');
      toolbar.setStatus(
        m.refused
          ? `Not run: ${errors.length} error(s) in the file — ${errors.map((d) => `${d.code} at ${d.path}: ${d.message}`).join('; ')}`
          : `Running on ${m.engine?.backend} (${m.engine?.precision}) in the ${m.engine?.side === 'webview' ? 'webview' : 'extension host'} — ${m.engine?.reason}`,
        m.refused ? 'error' : 'info',
      );
      if (m.refused && !m.results) empty.querySelector('p')!.textContent = toolbar.statusText();
      return;
    }
    case 'records': {
      const results = state.shown[0]?.results;
      if (m.jobId !== state.jobId || !results) return;
      results.runs[m.modelIndex] = appendRun(results.runs[m.modelIndex], m.run, m.from);
      scheduleRender();
      return;
    }
    case 'sweep': {
      const results = state.shown[0]?.results;
      if (m.jobId !== state.jobId || !results) return;
      results.sweep = m.sweep;
      if (m.running !== null && m.running !== state.sweepAt) {
        // a new value: its runs start from nothing
        results.runs = [];
        state.live.clear();
      }
      state.sweepAt = m.running;
      if (m.engine) state.engine = m.engine;
      scheduleRender();
      return;
    }
    case 'progress': {
      if (m.jobId !== state.jobId) return;
      const p = m.progress;
      state.live.set(p.modelIndex, p.stepsPerSecond);
      toolbar.setStatus(`Computing in the extension host (${state.engine?.backend ?? 'js'} ${state.engine?.precision ?? 'float64'}): ${sweepAt()}${p.label}, step ${p.step.toLocaleString('en-US')}/${p.steps.toLocaleString('en-US')} — ${rate(p.stepsPerSecond)} steps/s`);
      return;
    }
    case 'compute':
      void compute(m.jobId, unpackModels(fromWire<PackedModels>(m.input)));
      return;
    case 'cancelCompute':
      if (m.jobId === state.jobId) state.computing?.abort();
      return;
    case 'status':
      toolbar.setStatus(m.text, m.level);
      return;
  }
}

/** A read-only handle for tests and the curious (devtools): what each chart holds and drew. */
(window as unknown as { lnnLab: unknown }).lnnLab = {
  charts: () => cards.map((c) => ({ id: c.def.id, visible: !c.element.hidden, wide: c.element.classList.contains('wide'), logY: c.logY, model: c.model, drawn: c.drawn() })),
  state: () => ({ axis: state.axis, logX: state.logX, running: state.running, engine: state.engine, sources: state.shown.map((s) => s.source) }),
};

window.addEventListener('message', (e: MessageEvent) => {
  const m = e.data as ToWebview;
  if (m && typeof m === 'object' && typeof m.type === 'string') handle(m);
});
observeTheme(render);

/** The report page embeds its results: { shown: [{ source, results }] }. */
function embedded(): Shown[] | null {
  const node = document.getElementById('lnn-lab-data');
  if (!node?.textContent) return null;
  return (JSON.parse(node.textContent) as { shown: Shown[] }).shown;
}

const data = embedded();
if (data && data.length) {
  data.forEach((s, i) => show(s.source, s.results, i > 0));
} else {
  render();
  if (bridge.hosted) void probeWebgl().then((webgl) => bridge.post({ type: 'ready', webgl }));
}
