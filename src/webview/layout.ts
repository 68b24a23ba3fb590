// The lab page's DOM: the toolbar, the empty state, the grid of chart cards and the theory card,
// and how a state (state.ts) is drawn on them — which charts apply, in which order, which span
// the grid, what the toolbar offers.
import type { LabState } from './state';
import { axisFactor } from './axis';
import { ChartCard, type CardAction } from './chartCard';
import { CHARTS } from './charts/index';
import { isCompletion, type ChartModel, type Series, type ViewInput } from './charts/model';
import { el } from './dom';
import { emptyState } from './empty';
import { readTheme } from './theme';
import { historyCard } from './history';
import { createControls } from './sliders';
import { theoryCard } from './theoryCard';
import { createToolbar, type Toolbar, type ToolbarHandlers } from './toolbar';
import { pointResults, pointValues, pointWords } from './charts/sweep';

/**
 * The view the time charts draw: with a sweep point chosen (state.point), the lead results become
 * that point's (its runs, its experiment: charts/sweep.ts pointResults); the charts of swept values
 * (the sweep's, the heatmap) keep the whole sweep. Null point, or a file without runs per point: the view.
 */
export function drilledView(view: ViewInput, point: number | null): ViewInput {
  const lead = view.shown[0];
  const results = point === null || !lead ? null : pointResults(lead.results, point);
  return results ? { ...view, shown: [{ ...lead, results }, ...view.shown.slice(1)] } : view;
}

export interface LayoutHandlers extends ToolbarHandlers {
  /** A chart card asks to export itself. */
  exportChart(card: ChartCard, kind: CardAction): void;
  /** A card changed how it draws (log y, a series toggled): draw again. */
  redraw(): void;
  /** A slider let go: set the number at `path` in the file. */
  edit(path: string, value: number): void;
  /** Compare: overlay the history entry `file`. */
  compareHistory(file: string): void;
  /** A sweep point chosen (a heatmap cell, a sweep marker): its runs in the charts; null: back to the grid. */
  selectPoint(index: number | null): void;
}

export interface Layout {
  toolbar: Toolbar;
  cards: ChartCard[];
  /** What the empty state says in place of what the panel is for (null: that). */
  setEmptyText(text: string | null): void;
  render(state: LabState): void;
}

/**
 * The previous run's series of a chart (state.ghost), as the chart draws them for that run alone —
 * the same colours as the new run's, faded by the card — under one legend entry; none for a chart
 * of swept values (a sweep restarts its points) or when nothing is ghosted.
 */
export function ghostSeries(card: ChartCard, state: LabState, theme: ViewInput['theme']): Series[] {
  if (!state.ghost || card.def.xAxis === 'value') return [];
  const view: ViewInput = { shown: [state.ghost], axis: state.axis, theme, option: card.option };
  if (!(card.def.applies?.(view) ?? true)) return [];
  return card.def.build(view).series.map((s) => ({ ...s, label: `${s.label} (previous)`, group: 'previous run', ghost: true }));
}

/** Whether a chart has a point to draw (a finite y). */
export const hasData = (model: ChartModel) => model.series.some((s) => s.y.some((v) => v !== null && Number.isFinite(v)));

/** The toolbar's log x applies to the time axis; a sweep's chart has its own x (the swept values), log when they span decades. */
export const cardLogX = (card: ChartCard, model: ChartModel, logX: boolean) => (card.def.xAxis === 'value' ? (model.logX ?? false) : logX);

export function createLayout(hosted: boolean, h: LayoutHandlers): Layout {
  const toolbar = createToolbar(h);
  const empty = emptyState(hosted, (command) => h.command(command));
  // a file refused before it had results: the empty state says why, in place of what the panel is for
  const about = empty.querySelector('p')!;
  const refused = el('p', { class: 'refused' });
  refused.hidden = true;
  about.after(refused);
  const controls = createControls((path, value) => h.edit(path, value));
  const grid = el('div', { class: 'grid' });
  const cards = CHARTS.map((def) => new ChartCard(def, h.exportChart, h.redraw, h.selectPoint));
  // with a sweep point shown: which one, and the way back to the grid
  const drillText = el('span', { class: 'drill-text' });
  const back = el('vscode-button', { 'data-command': 'backToGrid', title: 'show the sweep again (Escape on the heatmap)' }, 'Back to grid');
  back.addEventListener('click', () => h.selectPoint(null));
  const drill = el('div', { class: 'drill', role: 'status' }, drillText, back);
  drill.hidden = true;
  for (const c of cards) grid.append(c.element);
  let history: HTMLElement = el('section', { hidden: '' });
  let theory = theoryCard([], null, new Map());
  theory.classList.add('wide');
  grid.append(theory, history);
  document.body.append(toolbar.element, empty, controls.element, drill, grid);
  let layoutKey = '';

  /**
   * Which charts show, in which order, which span the grid: charts that do not apply to what is shown
   * are hidden (matrix completion has no components nor reduced-rank solutions), and so are charts
   * with nothing to draw (no ground truth: no reconstruction error) — no empty box with a note; a
   * sweep's chart leads, else on matrix completion the verdict (the error against the baseline);
   * the first chart spans both columns, and so does the last when the others leave it alone.
   */
  function arrange(view: ViewInput, built: Map<ChartCard, ChartModel>, running: boolean): void {
    const runsYet = view.shown.some((s) => s.results.runs.length > 0);
    // while a run starts, a chart that will draw its records stays in place (no jumping layout)
    const visible = cards.filter((c) => {
      const m = built.get(c);
      return m !== undefined && (hasData(m) || (running && (m.empty === null || !runsYet)));
    });
    const verdict = view.shown.length > 0 && view.shown.every((s) => isCompletion(s.results)) ? visible.find((c) => c.def.id === 'reconstruction') : undefined;
    const lead = visible.find((c) => c.def.id === 'heatmap') ?? visible.find((c) => c.def.id === 'sweep') ?? verdict ?? visible[0];
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

  function render(state: LabState): void {
    const theme = readTheme();
    const has = state.shown.length > 0;
    empty.hidden = has;
    grid.hidden = !has;
    const primary = state.shown[0];
    const fromExperiment = primary?.source.kind === 'experiment';
    toolbar.setActions({
      rerun: hosted && fromExperiment && !state.running,
      cancel: hosted && state.running,
      compare: hosted && has && !state.running,
      openResults: hosted && !state.running,
      keep: hosted && fromExperiment && state.preview && !state.running,
      exportReport: hosted && has && !state.running,
    });
    toolbar.setLive(hosted && fromExperiment && state.liveMode !== null ? state.liveMode : null);
    toolbar.setStale(has && !state.running ? state.stale : null, hosted && fromExperiment);
    toolbar.setPreview(has && state.preview);
    toolbar.setControlsVisible(has);
    // sliders write back to the file: only with a host, on an experiment (not a sweep's points)
    controls.render(hosted && has && fromExperiment && !primary.results.sweep ? primary.results : null);
    if (!has) return;
    toolbar.setTitle(primary.results.experiment.name ?? primary.source.name, state.shown.map((s) => s.source.path).join('  ·  '));
    toolbar.setAxisAvailable('tau', state.shown.every((s) => axisFactor(s.results.experiment, 'tau') !== null));
    const view = { shown: state.shown, axis: state.axis, theme, point: state.point };
    const drilled = drilledView(view, state.point);
    const sweepPoint = state.point !== null ? primary.results.sweep?.points[state.point] : undefined;
    drill.hidden = !sweepPoint;
    drillText.textContent = sweepPoint ? (drilled !== view ? `Showing the runs of one sweep point: ${pointWords(primary.results, pointValues(sweepPoint))}` : `This results file keeps no runs per sweep point (${pointWords(primary.results, pointValues(sweepPoint))}): the charts show the last point's`) : '';
    const built = new Map<ChartCard, ChartModel>();
    // each card's view: the time charts draw the chosen sweep point's runs, the charts of swept values the sweep
    const viewFor = (card: ChartCard) => (card.def.xAxis === 'value' ? view : drilled);
    for (const card of cards) for (const view of [viewFor(card)]) if (card.def.applies?.(view) ?? true) built.set(card, card.def.build({ ...view, option: card.option }));
    arrange(view, built, state.running);
    for (const card of cards) {
      const model = built.get(card);
      if (!model) continue;
      if (card.element.hidden) card.model = model; // what it would say (tests, devtools)
      else card.render(model, theme, cardLogX(card, model, state.logX), ghostSeries(card, state, theme));
    }
    const next = theoryCard(state.shown, state.engine, state.live, state.sweepAt);
    next.classList.add('wide');
    theory.replaceWith(next);
    theory = next;
    const past = (hosted ? historyCard(state.history, state.shown, (file) => h.compareHistory(file)) : null) ?? el('section', { hidden: '' });
    history.replaceWith(past);
    history = past;
    document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? 0) + 1);
  }

  return {
    toolbar,
    cards,
    setEmptyText(text) {
      refused.textContent = text ?? '';
      refused.hidden = text === null;
      about.hidden = text !== null;
    },
    render,
  };
}
