// What the lab page shows, and its one reducer: state + event → new state, with no DOM and no
// effects (main.ts applies a new state to the page; tests run it in Node). Events are the host's
// messages (shared/messages.ts ToWebview) and the page's own: the toolbar's x-axis and log-x
// switches, the report page's embedded results, and the progress of the webview's own compute. Nothing is mutated: a live record
// copies the arrays of the run it extends (the records themselves are shared, never changed).
import { sweepPointCount } from '../core/sweep/axes';
import type { Progress } from '../core/dynamics/run';
import type { Results, RunResult } from '../core/types';
import type { EngineInfo, HistoryMessage, SourceInfo, ToWebview } from '../shared/messages';
import { appendRun } from '../shared/runSlice';
import type { AxisMode } from './axis';
import type { Shown } from './charts/model';

export interface Status {
  text: string;
  level: 'info' | 'warning' | 'error';
}

export interface LabState {
  /** The results on screen: one, or several to compare (the first leads). */
  readonly shown: Shown[];
  readonly axis: AxisMode;
  readonly logX: boolean;
  readonly engine: EngineInfo | null;
  /** steps/s of the model running now, by model index (live). */
  readonly live: ReadonlyMap<number, number>;
  /** The run the live messages belong to; others are dropped. */
  readonly jobId: number;
  readonly running: boolean;
  /** A sweep being run: the index of the value now running (its runs restart there), else null. */
  readonly sweepAt: number | null;
  readonly status: Status;
  /** What the empty state says instead of its invitation (a file refused before it had results). */
  readonly emptyText: string | null;
  /** The last finished run of the lead experiment, drawn faded beside a new run of it until that one finishes. */
  readonly ghost: Shown | null;
  /** The lead results are a live preview of the editor's text: drawn, not saved (the panel offers Keep). */
  readonly preview: boolean;
  /** Why what is shown no longer matches the file (an edit not previewed), or null: the panel offers Run. */
  readonly stale: string | null;
  /** lnnLab.liveMode as the host said it; null where there is no host (the report page). */
  readonly liveMode: boolean | null;
  /** The history of the experiment shown (the host lists it), or null. */
  readonly history: HistoryMessage | null;
  /** The sweep point (index into sweep.points) whose runs the charts show — a heatmap cell clicked — or null: the grid. */
  readonly point: number | null;
}

/** The page's own events (the host's are its messages). */
export type PageEvent =
  | { type: 'axis'; mode: AxisMode }
  | { type: 'logX'; on: boolean }
  /** A sweep point chosen (its runs drawn in the charts), or null: back to the grid. */
  | { type: 'point'; index: number | null }
  /** The report page's embedded results (no host: nothing runs, nothing is saved). */
  | { type: 'embedded'; shown: Shown[] }
  | { type: 'computeProgress'; jobId: number; progress: Progress };

export type LabEvent = ToWebview | PageEvent;

export const initialState: LabState = {
  shown: [],
  axis: 'steps',
  logX: false,
  engine: null,
  live: new Map(),
  jobId: -1,
  running: false,
  sweepAt: null,
  status: { text: '', level: 'info' },
  emptyText: null,
  ghost: null,
  preview: false,
  stale: null,
  liveMode: null,
  history: null,
  point: null,
};

/** Phase steps a decade or more apart (GBL Fig. 1): only a log time axis shows every step of the staircase. */
export function wantsLogX(results: Results): boolean {
  const steps = results.theory.phaseSteps.filter((k): k is number => k !== null && k > 0);
  return steps.length > 1 && Math.max(...steps) >= 10 * Math.min(...steps);
}

const info = (text: string): Status => ({ text, level: 'info' });
const rate = (x: number) => Math.round(x).toLocaleString('en-US');
const int = (x: number) => x.toLocaleString('en-US');

/** "value 2 of 5, " while a sweep runs its second value; "" otherwise. */
function sweepAtText(s: LabState): string {
  const sweep = s.shown[0]?.results.sweep;
  return sweep && s.sweepAt !== null ? `value ${s.sweepAt + 1} of ${sweepPointCount(sweep)}, ` : '';
}

const progressText = (s: LabState, where: string, p: Progress) => `Computing ${where}: ${sweepAtText(s)}${p.label}, step ${int(p.step)}/${int(p.steps)} — ${rate(p.stepsPerSecond)} steps/s`;

/** Shows `results`: in place of what is shown, or beside it (`overlay`, to compare); a new file sets log x from its phase steps. */
function show(s: LabState, source: SourceInfo, results: Results, overlay: boolean): LabState {
  const entry = { source, results };
  const firstOfItsKind = !overlay && s.shown[0]?.source.path !== source.path;
  const logX = firstOfItsKind ? wantsLogX(results) : s.logX;
  const shown = overlay ? [...s.shown.filter((x) => x.source.path !== source.path), entry] : [entry];
  return { ...s, shown, logX };
}

/** A copy of `run` whose arrays are copies (appendRun then extends those, not the run held before). */
function copyArrays(run: RunResult): RunResult {
  const out: Record<string, unknown> = { ...run };
  for (const [k, v] of Object.entries(run)) if (Array.isArray(v)) out[k] = v.slice();
  if (run.bounds) out.bounds = { lower: run.bounds.lower.slice(), upper: run.bounds.upper.slice() };
  return out as unknown as RunResult;
}

/** The state with the lead results replaced (live runs and sweeps change only the first shown). */
function withLead(s: LabState, results: Results): LabState {
  return { ...s, shown: [{ ...s.shown[0], results }, ...s.shown.slice(1)] };
}

const withLive = (s: LabState, modelIndex: number, stepsPerSecond: number) => new Map([...s.live, [modelIndex, stepsPerSecond]]);

export function reduce(s: LabState, e: LabEvent): LabState {
  switch (e.type) {
    case 'axis':
      return { ...s, axis: e.mode };
    case 'logX':
      return { ...s, logX: e.on };
    case 'point':
      return { ...s, point: e.index !== null && e.index >= 0 && e.index < (s.shown[0]?.results.sweep?.points.length ?? 0) ? e.index : null };
    case 'embedded':
      return e.shown.reduce((acc, x, i) => show(acc, x.source, x.results, i > 0), s);
    case 'showResults': {
      const base: LabState = { ...s, running: false, ...(e.overlay ? {} : { live: new Map(), sweepAt: null, ghost: null, preview: e.preview ?? false, stale: null, point: null }) };
      const next = show(base, e.source, e.results, e.overlay ?? false);
      if (e.savedTo) return { ...next, status: info(`Saved ${e.savedTo}`) };
      if (!e.overlay) return { ...next, status: info(s.engine ? '' : 'Showing a saved results file (nothing was run).') };
      return next;
    }
    case 'runStart': {
      // the run this one replaces stays, faded, until this one finishes; a run cut short (a preview
      // replaced by the next edit's) leaves the ghost to the last one that finished
      const lead = s.shown[0];
      const ghost = s.running ? s.ghost : lead && lead.source.path === e.source.path && lead.results.runs.length > 0 ? lead : null;
      const base: LabState = { ...s, jobId: e.jobId, sweepAt: null, engine: e.engine, running: !e.refused, live: new Map(), emptyText: null, ghost: e.refused ? null : ghost, preview: e.preview ?? false, stale: null, point: null };
      const next = e.results ? show(base, e.source, e.results, false) : { ...base, shown: [] };
      const errors = e.diagnostics.filter((d) => d.severity === 'error');
      const status: Status = e.refused
        ? { text: `Not run: ${errors.length} error(s) in the file — ${errors.map((d) => `${d.code} at ${d.path}: ${d.message}`).join('; ')}`, level: 'error' }
        : info(`Running on ${e.engine?.backend} (${e.engine?.precision}) in the ${e.engine?.side === 'webview' ? 'webview' : "extension's compute workers"} — ${e.engine?.reason}`);
      return { ...next, status, emptyText: e.refused && !e.results ? status.text : null };
    }
    case 'records': {
      const results = s.shown[0]?.results;
      if (e.jobId !== s.jobId || !results) return s;
      const runs = [...results.runs];
      const into = runs[e.modelIndex];
      runs[e.modelIndex] = appendRun(into && e.from > 0 ? copyArrays(into) : undefined, e.run, e.from);
      return withLead(s, { ...results, runs });
    }
    case 'sweep': {
      const results = s.shown[0]?.results;
      if (e.jobId !== s.jobId || !results) return s;
      // a new value: its runs start from nothing
      const newValue = e.running !== null && e.running !== s.sweepAt;
      const next = withLead(s, { ...results, sweep: e.sweep, runs: newValue ? [] : results.runs });
      return { ...next, sweepAt: e.running, live: newValue ? new Map() : s.live, engine: e.engine ?? s.engine };
    }
    case 'progress': {
      if (e.jobId !== s.jobId) return s;
      const p = e.progress;
      const where = `in the extension's compute workers (${s.engine?.backend ?? 'js'} ${s.engine?.precision ?? 'float64'})`;
      return { ...s, live: withLive(s, p.modelIndex, p.stepsPerSecond), status: info(progressText(s, where, p)) };
    }
    case 'computeProgress': {
      if (e.jobId !== s.jobId) return s;
      const p = e.progress;
      return { ...s, live: withLive(s, p.modelIndex, p.stepsPerSecond), status: info(progressText(s, "in the webview's worker on tfjs WebGL (float32)", p)) };
    }
    case 'status':
      return { ...s, status: { text: e.text, level: e.level }, ...(e.stale ? { stale: e.text } : {}) };
    case 'live':
      return { ...s, liveMode: e.on };
    case 'history':
      return { ...s, history: e };
    case 'compute':
    case 'cancelCompute':
      // effects only (main.ts starts or cancels the compute worker)
      return s;
  }
}
