// The lab panel: a webview beside the editor (dist/webview.js under a strict CSP with a nonce,
// scripts and styles only from the extension's dist/, nothing from the network) that draws an
// experiment's run live, or saved results files (overlaid to compare). A serializer restores it
// when VS Code reopens. Runs: panelRun.ts. Messages: src/shared/messages.ts.
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { readResultsFile } from '../compute/resultsFile';
import type { Results } from '../core/types';
import { labHtml, makeNonce } from '../shared/labHtml';
import type { FromWebview, PanelState, SourceInfo, ToWebview, WebglProbe } from '../shared/messages';
import { describeFailure } from './failure';
import { liveSettings, LiveMode } from './liveMode';
import { startLabRun, type LabRun } from './panelRun';
import type { LabWorker } from './workerClient';
import { resultsPathFor } from '../compute/resultsPath';
import { readSettings } from './settings';
import { checkFromWebview, exportExtension, safeExportName } from '../shared/guards';
import { isInside } from '../core/io';
import { keepResults } from '../compute/keep';
import { applyFieldEdit } from './panelEdit';
import { listHistory } from './panelHistory';
import { reportHtml, type ReportShown } from '../shared/reportPage';

/** Whether a path is inside a workspace folder or a folder lnnLab.resultsFolder names (panel restore). */
function restorable(path: string): boolean {
  const roots: string[] = [];
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    roots.push(f.uri.fsPath);
    const results = readSettings(f.uri).resultsFolder;
    if (results) roots.push(isAbsolute(results) ? results : resolve(f.uri.fsPath, results));
  }
  return roots.some((root) => isInside(path, root));
}

export const LAB_VIEW_TYPE = 'lnnLab.lab';
/** How long the panel may take to load and probe WebGL before the host computes without asking. */
const READY_TIMEOUT_MS = 20_000;

export interface LabPanelDeps {
  /** The extension's worker, which runs every job (shared with the Run command). */
  worker: LabWorker;
  log?: vscode.OutputChannel;
}

/** What registerLabPanel gives the commands (and tests). */
export interface LabPanelApi {
  /** Opens the panel beside the editor and runs the experiment live; resolves when it is saved. */
  openLab(uri: vscode.Uri): Promise<{ results: Results | null; out: string | null }>;
  /** Shows results files without running anything; several (or `overlay`) are overlaid to compare. */
  openResults(uris: vscode.Uri[], overlay?: boolean): Promise<Results[]>;
  /** The panel, if open (tests). */
  readonly panel: vscode.WebviewPanel | undefined;
  /** The webview's WebGL probe of the open panel (tests). */
  readonly webgl: Promise<WebglProbe> | undefined;
  /** Live mode's latest outcome in the open panel (tests): a preview's results, or why it is out of date. */
  readonly live: LiveOutcome | undefined;
  /** A message as if the open panel's page posted it (tests): checked by the same guard, handled the same way. */
  fromPage(raw: unknown): Promise<void>;
  /** The sources the open panel shows, as the host sent them (tests): the lead first, then overlays. */
  readonly shown: SourceInfo[];
}

export type LiveOutcome = { kind: 'preview'; results: Results } | { kind: 'stale'; text: string };

const readResults = (uri: vscode.Uri): Promise<Results> => readResultsFile(uri.fsPath);

const sourceOf = (uri: vscode.Uri, kind: SourceInfo['kind']): SourceInfo => ({ kind, path: uri.fsPath, name: basename(uri.fsPath) });

/** One lab page in a webview panel: the Open Lab panel, or a results file's custom editor (resultsEditor.ts). */
export class LabPanel {
  private run: LabRun | null = null;
  /** Whether `run` is a live preview (live mode), which a new edit replaces. */
  private runIsPreview = false;
  /** Counts previews asked for: only the latest starts. */
  private previews = 0;
  /** Live mode's latest outcome (tests read it through LabPanelApi.live). */
  lastLive: LiveOutcome | undefined;
  /** The last finished preview shown, until it is kept or replaced (Keep saves these, never the page's copy). */
  private unsaved: { uri: vscode.Uri; results: Results } | null = null;
  /** The history files last listed to the page: the only ones compareHistory may open. */
  private historyFiles = new Set<string>();
  /** What the page shows, as the host sent it (Export report writes these, never the page's copy). */
  private shownNow: ReportShown[] = [];
  private readonly live: LiveMode;
  private ready: { promise: Promise<WebglProbe>; resolve: (p: WebglProbe) => void };
  private lastExperiment: vscode.Uri | null = null;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly log: (s: string) => void,
    private readonly worker: LabWorker,
  ) {
    let resolve!: (p: WebglProbe) => void;
    const promise = new Promise<WebglProbe>((r) => (resolve = r));
    this.ready = { promise, resolve };
    setTimeout(() => resolve({ ok: false, detail: 'the panel did not report WebGL in time' }), READY_TIMEOUT_MS);
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    panel.webview.html = labHtml({
      nonce: makeNonce(),
      title: 'LNN Lab',
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
    });
    // every message is checked at run time (shared/guards.ts): the page is not trusted
    panel.webview.onDidReceiveMessage((raw: unknown) => void this.fromPage(raw));
    this.live = new LiveMode({
      experiment: () => this.lastExperiment,
      preview: (doc) => void this.preview(doc),
      stale: (why) => this.markStale(`Out of date — ${why}`),
    });
    const liveSetting = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('lnnLab.liveMode')) this.post({ type: 'live', on: liveSettings(this.lastExperiment ?? undefined).on });
    });
    panel.onDidDispose(() => {
      this.run?.cancel();
      this.live.dispose();
      liveSetting.dispose();
    });
  }

  /** What the page shows, by source (LabPanelApi.shown). */
  get shownSources(): SourceInfo[] {
    return this.shownNow.map((s) => s.source);
  }

  /** A message from the page (or a test standing in for it): checked at run time, then handled. */
  async fromPage(raw: unknown): Promise<void> {
    const checked = checkFromWebview(raw);
    if (checked.message) await this.receive(checked.message);
    else this.log(`lab: ignored a message from the panel: ${checked.problem}`);
  }

  get webgl(): Promise<WebglProbe> {
    return this.ready.promise;
  }

  post(m: ToWebview): void {
    if (m.type === 'showResults') {
      const entry = { source: m.source, results: m.results };
      this.shownNow = m.overlay ? [...this.shownNow.filter((x) => x.source.path !== m.source.path), entry] : [entry];
    } else if (m.type === 'runStart') this.shownNow = [];
    void this.panel.webview.postMessage(m);
  }

  async openLab(uri: vscode.Uri): Promise<{ results: Results | null; out: string | null }> {
    this.lastExperiment = uri;
    if (!vscode.workspace.isTrusted) {
      const text = 'LNN Lab: runs are disabled in an untrusted workspace (a run reads data files and writes results). Open Results… still shows saved results.';
      void vscode.window.showErrorMessage(text);
      await this.ready.promise;
      this.post({ type: 'status', level: 'error', text });
      return { results: null, out: null };
    }
    this.run?.cancel();
    await this.run?.done.catch(() => undefined);
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const run = startLabRun(this.worker, uri, text, this.ready.promise, { post: (m) => this.post(m), log: this.log });
    this.run = run;
    this.runIsPreview = false;
    this.unsaved = null;
    this.panel.title = `LNN Lab — ${basename(uri.fsPath)}`;
    try {
      const done = await run.done;
      void this.sendHistory(uri);
      return done;
    } catch (e) {
      const said = describeFailure(e, (l) => this.log(`lab: ${l}`));
      this.post({ type: 'status', level: 'error', text: `The run failed: ${said}` });
      return { results: null, out: null };
    } finally {
      if (this.run === run) this.run = null;
    }
  }

  /** Live mode: the editor's text re-run as a preview (the previous preview cancelled); a saving run is never cut short. */
  async preview(doc: vscode.TextDocument): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    if (this.run && !this.runIsPreview) {
      this.markStale('Out of date — the file changed during this run: Run again to update');
      return;
    }
    const generation = ++this.previews;
    const previous = this.run;
    previous?.cancel();
    await previous?.done.catch(() => undefined);
    // a later edit has asked for its own preview meanwhile: that one runs
    if (generation !== this.previews) return;
    const run = startLabRun(this.worker, doc.uri, doc.getText(), this.ready.promise, { post: (m) => this.post(m), log: this.log }, { preview: { maxSeconds: liveSettings(doc.uri).seconds } });
    this.run = run;
    this.runIsPreview = true;
    try {
      const { results } = await run.done;
      if (results) {
        this.lastLive = { kind: 'preview', results };
        this.unsaved = { uri: doc.uri, results };
      }
      else if (generation === this.previews && !run.cancelled) this.lastLive = { kind: 'stale', text: run.status ?? 'Out of date' };
    } catch (e) {
      this.post({ type: 'status', level: 'error', text: `The preview failed: ${describeFailure(e, (l) => this.log(`lab: ${l}`))}` });
    } finally {
      if (this.run === run) this.run = null;
    }
  }

  private markStale(text: string): void {
    this.lastLive = { kind: 'stale', text };
    this.post({ type: 'status', level: 'warning', stale: true, text });
  }

  async show(uris: vscode.Uri[], overlay: boolean): Promise<Results[]> {
    const shown: Results[] = [];
    await this.ready.promise;
    for (const [i, uri] of uris.entries()) {
      try {
        const results = await readResults(uri);
        this.post({ type: 'showResults', source: sourceOf(uri, 'results'), results, overlay: overlay || i > 0 });
        shown.push(results);
      } catch (e) {
        void vscode.window.showErrorMessage(`LNN Lab: cannot open ${uri.fsPath}: ${(e as Error).message}`);
      }
    }
    if (!overlay && uris.length) this.panel.title = `LNN Lab — ${basename(uris[0].fsPath)}`;
    return shown;
  }

  /** After VS Code restarts: show what was shown, from the files (an experiment: its saved results). */
  async restore(state: PanelState | undefined): Promise<void> {
    const sources = Array.isArray(state?.sources) ? state.sources : [];
    for (const [i, s] of sources.entries()) {
      if (!s || typeof s.path !== 'string' || !isAbsolute(s.path) || (s.kind !== 'experiment' && s.kind !== 'results')) continue;
      let path = s.path;
      // a restored state is the page's: only paths inside the workspace or the results folder are read
      if (!restorable(s.path)) {
        this.log(`lab: not restoring ${s.path}: outside the workspace and lnnLab.resultsFolder`);
        continue;
      }
      if (s.kind === 'experiment') {
        this.lastExperiment = vscode.Uri.file(s.path);
        const folder = vscode.workspace.getWorkspaceFolder(this.lastExperiment)?.uri.fsPath;
        path = resultsPathFor(s.path, readSettings(this.lastExperiment).resultsFolder, folder);
      }
      if (!existsSync(path) || !restorable(path)) continue;
      try {
        const results = await readResults(vscode.Uri.file(path));
        this.post({ type: 'showResults', source: s.kind === 'experiment' ? s : { ...s, path }, results, overlay: i > 0 });
        if (s.kind === 'experiment' && i === 0) void this.sendHistory(vscode.Uri.file(s.path));
      } catch (e) {
        this.log(`lab: cannot restore ${path}: ${(e as Error).message}`);
      }
    }
  }

  private async receive(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.log(`lab: panel ready; WebGL ${m.webgl.ok ? 'available' : 'unavailable'} (${m.webgl.detail})`);
        this.ready.resolve(m.webgl);
        this.post({ type: 'live', on: liveSettings(this.lastExperiment ?? undefined).on });
        return;
      case 'edit':
        if (this.lastExperiment) await applyFieldEdit(this.lastExperiment, m.path, m.value, this.log);
        return;
      case 'compareHistory':
        return this.compareHistory(m.file);
      case 'computed':
      case 'computeFailed':
        // the panel's float32 runs go to the worker that runs the job
        this.run?.fromWebview(m);
        return;
      case 'export':
        return this.saveExport(m.fileName, m.base64);
      case 'command':
        if (m.command === 'cancel') this.run?.cancel();
        if (m.command === 'rerun' && this.lastExperiment) void this.openLab(this.lastExperiment);
        if (m.command === 'openResults') void vscode.commands.executeCommand('lnnLab.openResults');
        if (m.command === 'keep') await this.keep();
        if (m.command === 'exportReport') await this.exportReport();
        if (m.command === 'liveOn' || m.command === 'liveOff') await this.setLive(m.command === 'liveOn');
        if (m.command === 'compare') {
          const picked = await vscode.window.showOpenDialog({ title: 'LNN Lab: Compare with results…', canSelectMany: true, filters: { 'LNN Lab results': ['json'] } });
          if (picked?.length) await this.show(picked, true);
        }
        return;
    }
  }

  /** Keep: the preview shown saved as a run saves (the job layer's claim: lock, history, atomic write). */
  private async keep(): Promise<void> {
    const kept = this.unsaved;
    if (!kept || (this.run && !this.runIsPreview)) return;
    if (!vscode.workspace.isTrusted) return;
    const folder = vscode.workspace.getWorkspaceFolder(kept.uri)?.uri.fsPath;
    const out = resultsPathFor(kept.uri.fsPath, readSettings(kept.uri).resultsFolder, folder);
    try {
      const { savedTo } = await keepResults(out, kept.uri.fsPath, kept.results);
      if (this.unsaved === kept) this.unsaved = null;
      this.post({ type: 'showResults', source: sourceOf(kept.uri, 'experiment'), results: kept.results, savedTo });
      await this.sendHistory(kept.uri);
    } catch (e) {
      this.post({ type: 'status', level: 'error', text: `Not kept: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  /** Export report: the offline page of what is shown (the CLI's `report`, shared/reportPage.ts), to a file the user picks. */
  private async exportReport(): Promise<void> {
    const shown = this.shownNow;
    if (shown.length === 0) return;
    const js = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'))).toString('utf8');
    const kind = vscode.window.activeColorTheme.kind;
    const dark = kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast;
    const html = reportHtml(shown, js, dark ? 'vscode-dark' : 'vscode-light');
    const lead = shown[0].source;
    const stem = basename(lead.path).replace(/\.(lnn|results)\.json$|\.json$/, '') || 'lnn-lab';
    const target = await vscode.window.showSaveDialog({
      title: 'LNN Lab: Export report',
      defaultUri: vscode.Uri.file(join(dirname(lead.path), `${stem}.report.html`)),
      filters: { HTML: ['html'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(html, 'utf8'));
    this.post({ type: 'status', level: 'info', text: `Exported ${target.fsPath} (${(html.length / 1e6).toFixed(1)} MB: opens in any browser, offline)` });
  }

  /** Lists the experiment's history (.lnn-lab/history/NAME/) to the page, each entry against the results saved now. */
  async sendHistory(uri: vscode.Uri): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const out = resultsPathFor(uri.fsPath, readSettings(uri).resultsFolder, folder);
    const current = existsSync(out) ? await readResults(vscode.Uri.file(out)).catch(() => null) : null;
    const entries = await listHistory(out, current, this.log);
    this.historyFiles = new Set(entries.map((e) => e.file));
    this.post({ type: 'history', experiment: uri.fsPath, entries });
  }

  /** Compare: a listed history entry overlaid on what is shown. */
  private async compareHistory(file: string): Promise<void> {
    if (!this.historyFiles.has(file)) {
      this.log(`lab: ignored a history comparison of ${file}: not an entry the panel listed`);
      return;
    }
    try {
      const results = await readResults(vscode.Uri.file(file));
      const when = typeof results.createdAt === 'string' ? results.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : basename(file);
      this.post({ type: 'showResults', source: { kind: 'results', path: file, name: `history ${when}` }, results, overlay: true });
    } catch (e) {
      this.post({ type: 'status', level: 'error', text: `Cannot open ${file}: ${(e as Error).message}` });
    }
  }

  /** The live toggle: lnnLab.liveMode where it is set (folder, workspace), else for the user. */
  private async setLive(on: boolean): Promise<void> {
    const c = vscode.workspace.getConfiguration('lnnLab', this.lastExperiment ?? undefined);
    const found = c.inspect<boolean>('liveMode');
    const target = found?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder : found?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await c.update('liveMode', on, target);
  }

  private async saveExport(requested: string, base64: string): Promise<void> {
    // the page names the file: a base name only, in the folder the user picks (shared/guards.ts)
    const fileName = safeExportName(requested);
    const ext = exportExtension(fileName);
    const near = this.lastExperiment ? dirname(this.lastExperiment.fsPath) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const target = await vscode.window.showSaveDialog({
      title: 'LNN Lab: Export',
      defaultUri: near ? vscode.Uri.file(join(near, fileName)) : undefined,
      filters: { [ext.toUpperCase()]: [ext] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(base64, 'base64'));
    this.post({ type: 'status', level: 'info', text: `Exported ${target.fsPath}` });
  }
}

/**
 * Registers the lab panel's serializer and returns what the `lnnLab.openLab` / `lnnLab.openResults`
 * commands call. One panel at a time; it opens beside the editor.
 */
export function registerLabPanel(context: vscode.ExtensionContext, deps: LabPanelDeps): LabPanelApi {
  let current: LabPanel | undefined;
  const log = (s: string) => deps.log?.appendLine(s);
  const adopt = (panel: vscode.WebviewPanel) => {
    const lab = new LabPanel(panel, context.extensionUri, log, deps.worker);
    current = lab;
    panel.onDidDispose(() => {
      if (current === lab) current = undefined;
    });
    return lab;
  };
  const ensure = (): LabPanel => {
    if (current) {
      current.panel.reveal(vscode.ViewColumn.Beside, true);
      return current;
    }
    const panel = vscode.window.createWebviewPanel(LAB_VIEW_TYPE, 'LNN Lab', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
    });
    return adopt(panel);
  };
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(LAB_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const lab = adopt(panel);
        await lab.webgl;
        await lab.restore(state as PanelState | undefined);
      },
    }),
  );
  return {
    openLab: (uri) => ensure().openLab(uri),
    openResults: (uris, overlay = false) => ensure().show(uris, overlay),
    get panel() {
      return current?.panel;
    },
    get webgl() {
      return current?.webgl;
    },
    get live() {
      return current?.lastLive;
    },
    fromPage: async (raw) => current?.fromPage(raw),
    get shown() {
      return current?.shownSources ?? [];
    },
  };
}
