// Live diagnostics (spec §3) while typing: debounced, computed by the worker thread, shown in the
// Problems panel at the range of each diagnostic's JSON pointer (source "LNN Lab", code = the code).
// Re-checks when a data file the experiment reads changes (the worker's cache keys on mtime).
// In Restricted Mode (an untrusted workspace) the worker validates the text against the schema only
// — no data file is read, nothing is computed — and one info diagnostic at /data says so (issue 12);
// granting trust re-checks every open experiment in full.
import type { FieldFacts } from './hoverFacts';
import * as vscode from 'vscode';
import type { CheckedDiagnostic } from './protocol';
import { pointerRange } from './ranges';
import { isExperiment } from './selector';
import { readSettings, runSettings } from './settings';
import type { LabWorker } from './workerClient';

const SEVERITY: Record<CheckedDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export const SOURCE = 'LNN Lab';

/** The one diagnostic of Restricted Mode, at /data. */
export const RESTRICTED_MESSAGE =
  'Restricted Mode: only the schema is checked — no data file is read and nothing is computed (the step-size, spectrum and data checks need a trusted workspace)';

export function restrictedDiagnostic(): CheckedDiagnostic {
  return { code: 'data.file', severity: 'info', message: RESTRICTED_MESSAGE, path: '/data' };
}

/** A vscode.Diagnostic that remembers the core diagnostic it shows (for quick fixes). */
export class LabDiagnostic extends vscode.Diagnostic {
  constructor(range: vscode.Range, readonly core: CheckedDiagnostic) {
    super(range, core.message, SEVERITY[core.severity]);
    this.source = SOURCE;
    this.code = core.code;
  }
}

export function toVscode(doc: vscode.TextDocument, text: string, d: CheckedDiagnostic): LabDiagnostic {
  const r = pointerRange(text, d.path);
  return new LabDiagnostic(new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)), d);
}

export class LiveDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('lnn-lab');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly versions = new Map<string, number>();
  /** Data file (fsPath) → experiment URIs that read it. */
  private readonly readers = new Map<string, Set<string>>();
  private readonly waiters = new Set<() => void>();
  /** What each document shows, with the core diagnostics behind it (for quick fixes). */
  private readonly shown = new Map<string, LabDiagnostic[]>();
  private readonly facts = new Map<string, FieldFacts>();
  private inFlight = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly worker: LabWorker,
    private readonly log: vscode.OutputChannel,
    private readonly delayMs = 300,
  ) {
    const w = vscode.workspace;
    this.disposables.push(
      this.collection,
      w.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      w.onDidChangeTextDocument((e) => this.schedule(e.document)),
      w.onDidCloseTextDocument((d) => this.forget(d.uri)),
      w.onDidGrantWorkspaceTrust(() => {
        for (const d of w.textDocuments) this.schedule(d, 0);
      }),
    );
    const watcher = w.createFileSystemWatcher('**/*');
    const dataChanged = (uri: vscode.Uri) => this.dataChanged(uri);
    this.disposables.push(watcher, watcher.onDidChange(dataChanged), watcher.onDidCreate(dataChanged), watcher.onDidDelete(dataChanged));
    for (const d of w.textDocuments) this.schedule(d, 0);
  }

  schedule(doc: vscode.TextDocument, delay = this.delayMs): void {
    if (!isExperiment(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(doc);
      }, delay),
    );
  }

  /** Checks a document now; resolves with the diagnostics it set. */
  async check(doc: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
    const key = doc.uri.toString();
    const version = doc.version;
    const text = doc.getText();
    this.versions.set(key, version);
    this.inFlight++;
    try {
      const trusted = vscode.workspace.isTrusted;
      const settings = runSettings(readSettings(doc.uri));
      const reply = await this.worker.check(doc.uri.fsPath, text, { schemaOnly: !trusted, memoryBudget: settings.memoryBudget, threads: settings.threads });
      if (this.versions.get(key) !== version || doc.isClosed) return this.collection.get(doc.uri) ?? [];
      if (!trusted) reply.diagnostics = [...reply.diagnostics, restrictedDiagnostic()];
      for (const f of reply.dataFiles) {
        if (!this.readers.has(f)) this.readers.set(f, new Set());
        this.readers.get(f)!.add(key);
      }
      const diags = reply.diagnostics.map((d) => toVscode(doc, text, d));
      this.collection.set(doc.uri, diags);
      this.shown.set(key, diags);
      this.facts.set(key, reply.facts ?? {});
      return diags;
    } catch (e) {
      this.log.appendLine(`check ${doc.uri.fsPath}: ${(e as Error).message}`);
      return [];
    } finally {
      this.inFlight--;
      if (this.idle()) for (const w of [...this.waiters]) w();
    }
  }

  /**
   * The core diagnostic behind a diagnostic VS Code hands back (code actions get copies, not the
   * objects set): matched on code, message and start.
   */
  coreFor(uri: vscode.Uri, d: vscode.Diagnostic): CheckedDiagnostic | undefined {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return this.shown
      .get(uri.toString())
      ?.find((s) => s.core.code === code && s.message === d.message && s.range.start.isEqual(d.range.start))?.core;
  }

  /** This file's numbers per field from its last check (the hovers). */
  factsOf(uri: vscode.Uri): FieldFacts {
    return this.facts.get(uri.toString()) ?? {};
  }

  /** Every core diagnostic shown for the document. */
  coresOf(uri: vscode.Uri): CheckedDiagnostic[] {
    return (this.shown.get(uri.toString()) ?? []).map((s) => s.core);
  }

  private idle(): boolean {
    return this.inFlight === 0 && this.timers.size === 0;
  }

  /** Resolves once no check is pending or running (tests). */
  whenIdle(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        resolve();
      };
      this.waiters.add(done);
    });
  }

  private dataChanged(uri: vscode.Uri): void {
    const readers = this.readers.get(uri.fsPath);
    if (!readers) return;
    for (const doc of vscode.workspace.textDocuments) if (readers.has(doc.uri.toString())) this.schedule(doc);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.versions.delete(key);
    this.shown.delete(key);
    for (const [file, readers] of this.readers) if (readers.delete(key) && readers.size === 0) this.readers.delete(file);
    this.collection.delete(uri);
    if (this.idle()) for (const w of [...this.waiters]) w();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
