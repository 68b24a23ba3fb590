// The lab webview (bundled to dist/webview.js): the VS Code panel and the `lnn-lab report` page.
// It draws results — a file, or a run live as its records arrive — and, when the host asks,
// computes a float32 run with tfjs WebGL in its compute worker (computeClient.ts). This file only
// wires: events go through the reducer (state.ts), the new state is drawn (layout.ts), and the
// effects — posting to the host, the worker, persistence — happen here. Messages: src/shared/messages.ts.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { ToWebview } from '../shared/messages';
import type { Wire } from '../shared/wire';
import { createBridge } from './bridge';
import type { Shown } from './charts/model';
import { cancelGrace, computeInWorker, computeStats, probeWebgl } from './computeClient';
import type { ChartCard } from './chartCard';
import { exportChart } from './exportChart';
import { readTheme } from './theme';
import { createLayout } from './layout';
import { applyStandaloneTheme } from './standaloneTheme';
import { initialState, reduce, type LabEvent, type LabState } from './state';
import { adoptStyles } from './styles';
import { observeTheme } from './theme';

const bridge = createBridge();
applyStandaloneTheme();
adoptStyles();

let state: LabState = initialState;
let computing: AbortController | null = null;

const layout = createLayout(bridge.hosted, {
  axis: (mode) => dispatch({ type: 'axis', mode }),
  logX: (on) => dispatch({ type: 'logX', on }),
  selectPoint: (index) => dispatch({ type: 'point', index }),
  command: (command) => {
    if (command === 'cancel') computing?.abort();
    bridge.post({ type: 'command', command });
  },
  exportChart: (card, kind) => {
    if (kind === 'copy') return void copyChart(card);
    const m = exportChart(card, kind, state.shown, state.logX);
    if (m) bridge.post(m);
  },
  redraw: () => render(),
  edit: (path, value) => bridge.post({ type: 'edit', path, value }),
  compareHistory: (file) => bridge.post({ type: 'compareHistory', file }),
});

/** Copy: the chart as a PNG (at the export scale) on the clipboard; the status says whether the clipboard took it. */
async function copyChart(card: ChartCard): Promise<void> {
  const canvas = card.snapshot(readTheme().background);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  try {
    if (!blob) throw new Error('the chart could not be drawn');
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
    dispatch({ type: 'status', level: 'info', text: `Copied “${card.model?.title ?? card.def.title}” to the clipboard (PNG, ${canvas.width}×${canvas.height})` });
  } catch (e) {
    dispatch({ type: 'status', level: 'error', text: `The clipboard did not take the chart (${e instanceof Error ? e.message : String(e)}): export it as PNG instead` });
  }
}

function render(): void {
  layout.render(state);
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

/** Events that change only live numbers: drawn at the live pace; the rest at once; progress changes only the status. */
const LIVE = new Set<LabEvent['type']>(['records', 'sweep']);
const STATUS_ONLY = new Set<LabEvent['type']>(['progress', 'computeProgress', 'status']);

function dispatch(e: LabEvent): void {
  const prev = state;
  state = reduce(prev, e);
  if (state === prev) return;
  const { toolbar } = layout;
  if (state.status !== prev.status) toolbar.setStatus(state.status.text, state.status.level);
  if (state.logX !== prev.logX) toolbar.setLogX(state.logX);
  if (state.emptyText !== prev.emptyText) layout.setEmptyText(state.emptyText);
  if (state.shown !== prev.shown && state.shown.length > 0 && !LIVE.has(e.type)) bridge.setState({ sources: state.shown.map((s) => s.source) });
  if (STATUS_ONLY.has(e.type)) {
    // a status that marks the panel out of date shows its banner
    if (state.stale !== prev.stale) render();
    return;
  }
  if (LIVE.has(e.type)) scheduleRender();
  else render();
}

/** Runs the host's models in the compute worker, the records drawn live; answers `computed` after each model and at the end. */
async function compute(jobId: number, input: Wire): Promise<void> {
  computing?.abort();
  const controller = new AbortController();
  computing = controller;
  try {
    const final = await computeInWorker(jobId, input, {
      signal: controller.signal,
      onRecords: (modelIndex, from, run) => dispatch({ type: 'records', jobId, modelIndex, from, run }),
      onProgress: (progress) => dispatch({ type: 'computeProgress', jobId, progress }),
      onRun: (runs) => bridge.post({ type: 'computed', jobId, runs, final: false }),
    });
    bridge.post({ type: 'computed', jobId, runs: final, final: true });
  } catch (e) {
    bridge.post({ type: 'computeFailed', jobId, reason: e instanceof Error ? e.message : String(e) });
  } finally {
    if (computing === controller) computing = null;
  }
}

function handle(m: ToWebview): void {
  if (m.type === 'compute') void compute(m.jobId, m.input);
  else if (m.type === 'cancelCompute' && m.jobId === state.jobId) computing?.abort();
  dispatch(m);
}

/**
 * A handle for tests and the curious (devtools): what each chart holds and drew, where the compute
 * runs and how its cancels ended — read-only, but for the cancel grace a test may lengthen.
 */
(window as unknown as { lnnLab: unknown }).lnnLab = {
  charts: () => layout.cards.map((c) => ({ id: c.def.id, visible: !c.element.hidden, wide: c.element.classList.contains('wide'), logY: c.logY, model: c.model, drawn: c.drawn() })),
  state: () => ({ axis: state.axis, logX: state.logX, running: state.running, engine: state.engine, sources: state.shown.map((s) => s.source), preview: state.preview, stale: state.stale, point: state.point, ghost: state.ghost?.source ?? null, liveMode: state.liveMode }),
  compute: () => ({ ...computeStats, computing: computing !== null, graceMs: cancelGrace.ms }),
  setCancelGrace: (ms: number) => void (cancelGrace.ms = ms),
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
  dispatch({ type: 'embedded', shown: data });
} else {
  render();
  // the worker's WebGL is the one that computes: it answers the host's question
  if (bridge.hosted) void probeWebgl().then((webgl) => bridge.post({ type: 'ready', webgl }));
}
