// The panel's header: title, source, the x-axis switch, log x, the actions that need the editor
// (run again, stop, compare, open results), and a status line. All controls are
// @vscode-elements/elements, reachable with the keyboard.
import type { CommandMessage } from '../shared/messages';
import { AXIS_LABELS, type AxisMode } from './axis';
import { el } from './dom';

export type PanelCommand = CommandMessage['command'];

export interface ToolbarHandlers {
  axis(mode: AxisMode): void;
  logX(on: boolean): void;
  command(c: PanelCommand): void;
}

/** What the toolbar offers now (layout.ts decides from the state). */
export interface ToolbarActions {
  rerun: boolean;
  cancel: boolean;
  compare: boolean;
  openResults: boolean;
  /** A finished live preview not saved: Keep saves it. */
  keep: boolean;
  /** Something finished is shown: the offline HTML page of it. */
  exportReport: boolean;
}

export interface Toolbar {
  element: HTMLElement;
  setTitle(title: string, source: string): void;
  setStatus(text: string, level?: 'info' | 'warning' | 'error'): void;
  /** Which actions make sense now. */
  setActions(a: ToolbarActions): void;
  /** Live mode's toggle: its setting, or null to hide it (no host, or nothing to preview). */
  setLive(on: boolean | null): void;
  /** The out-of-date banner: why (with a Run button), or null to hide it. */
  setStale(text: string | null, canRun: boolean): void;
  /** A live preview is shown (a mark beside the title). */
  setPreview(on: boolean): void;
  /** Set the log-x checkbox (without calling the handler). */
  setLogX(on: boolean): void;
  /** Axis modes the shown experiments define (τ needs a vanishing init scale). */
  setAxisAvailable(mode: AxisMode, ok: boolean): void;
  axis(): AxisMode;
  statusText(): string;
  /** Title and controls only when something is shown; the status line always. */
  setControlsVisible(on: boolean): void;
}

export function createToolbar(h: ToolbarHandlers): Toolbar {
  const title = el('h2', {}, 'LNN Lab');
  const source = el('p', { class: 'source' });
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const select = el('vscode-single-select', { 'aria-label': 'x axis', title: 'x axis' }) as HTMLElement & { value: string };
  const options = new Map<AxisMode, HTMLElement>();
  for (const mode of Object.keys(AXIS_LABELS) as AxisMode[]) {
    const o = el('vscode-option', { value: mode }, AXIS_LABELS[mode]);
    options.set(mode, o);
    select.append(o);
  }
  let current: AxisMode = 'steps';
  select.addEventListener('change', () => {
    current = (select.value as AxisMode) || 'steps';
    h.axis(current);
  });
  const logX = el('vscode-checkbox', { label: 'log x', title: 'logarithmic x axis', class: 'log-x' }) as HTMLElement & { checked: boolean };
  logX.addEventListener('change', () => h.logX(logX.checked));
  const live = el('vscode-checkbox', { label: 'live', title: 'live mode (lnnLab.liveMode): an edit of the file re-runs it as a preview when it is quick' }) as HTMLElement & { checked: boolean };
  live.classList.add('live-toggle');
  live.addEventListener('change', () => h.command(live.checked ? 'liveOn' : 'liveOff'));
  const button = (id: PanelCommand, text: string, tip: string, secondary = true) => {
    const b = el('vscode-button', { 'data-command': id, title: tip, ...(secondary ? { secondary: '' } : {}) }, text);
    b.addEventListener('click', () => h.command(id));
    return b;
  };
  const buttons = {
    keep: button('keep', 'Keep', 'save this preview as the results file (the results it replaces go to the history)', false),
    rerun: button('rerun', 'Run again', 'run the experiment again (reads the editor’s text)', false),
    cancel: button('cancel', 'Stop', 'stop the run; what was recorded is kept and saved'),
    compare: button('compare', 'Compare…', 'overlay another results file'),
    openResults: button('openResults', 'Open Results…', 'show a saved results file'),
    exportReport: button('exportReport', 'Export report…', 'save these charts as one offline HTML page (what lnn-lab report writes)'),
  };
  const controls = el('div', { class: 'toolbar' }, el('label', {}, 'x axis', select), logX, live, ...Object.values(buttons));
  const previewMark = el('span', { class: 'preview-mark', title: "drawn from the editor's text, not saved" }, 'preview');
  previewMark.hidden = true;
  const staleText = el('span', { class: 'stale-text' });
  const staleRun = el('vscode-button', { 'data-command': 'rerun', title: 'run the file as it is in the editor and save the results' }, 'Run');
  staleRun.addEventListener('click', () => h.command('rerun'));
  const stale = el('div', { class: 'stale', role: 'alert' }, staleText, staleRun);
  stale.hidden = true;
  const element = el('div', { class: 'top' }, el('div', { class: 'title-row' }, title, previewMark), source, controls, stale, status);
  return {
    element,
    setTitle(t, s) {
      title.textContent = t;
      source.textContent = s;
    },
    setStatus(text, level = 'info') {
      status.textContent = text;
      status.className = `status ${level}`;
    },
    setActions(a) {
      for (const [k, b] of Object.entries(buttons)) b.hidden = !a[k as keyof typeof a];
    },
    setLive(on) {
      live.hidden = on === null;
      if (on !== null) live.checked = on;
    },
    setStale(text, canRun) {
      stale.hidden = text === null;
      staleText.textContent = text ?? '';
      staleRun.hidden = !canRun;
      element.classList.toggle('is-stale', text !== null);
    },
    setPreview(on) {
      previewMark.hidden = !on;
    },
    setLogX(on) {
      logX.checked = on;
    },
    setAxisAvailable(mode, ok) {
      const o = options.get(mode)!;
      if (ok) o.removeAttribute('disabled');
      else o.setAttribute('disabled', '');
    },
    axis: () => current,
    statusText: () => status.textContent ?? '',
    setControlsVisible(on) {
      title.hidden = source.hidden = controls.hidden = !on;
      element.classList.toggle('bare', !on);
    },
  };
}
