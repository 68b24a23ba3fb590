// LNN Lab in VS Code: a thin shell over src/core. Live diagnostics (spec §3) with quick fixes,
// Run / Check / Open Lab lenses and commands, runs in a worker thread with cancellable progress.
// The JSON schema (completion, hover, validation) is contributed in package.json.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerLabPanel, type LabPanelApi, type LiveOutcome } from './panel';
import { LabCodeActions } from './codeActions';
import { LabCodeLens } from './codeLens';
import { LabHover } from './hover';
import { LiveDiagnostics } from './diagnostics';
import type { ProgressReply } from './protocol';
import type { RunOutcome } from './runner';
import { registerResultsEditor } from './resultsEditor';
import type { WebglProbe } from '../shared/messages';
import { Runner } from './runner';
import { SELECTOR } from './selector';
import { LabWorker } from './workerClient';
import { withoutControls } from '../shared/guards';

/** What activate() returns: a hook for tests and other extensions. */
export interface LabApi {
  run(uri: vscode.Uri): Promise<RunOutcome>;
  cancelRun(): boolean;
  readonly running: boolean;
  /** The current run's last progress report, undefined before its first record or with no run. */
  readonly progress: ProgressReply | undefined;
  check(uri: vscode.Uri): Promise<readonly vscode.Diagnostic[]>;
  /** Resolves once no live check is pending or running. */
  whenIdle(): Promise<void>;
  readonly diagnostics: vscode.DiagnosticCollection;
  /** The WebGL probe of the lab page of an open results editor (tests: whether the page loaded and reported). */
  resultsPage(uri: vscode.Uri): Promise<WebglProbe> | undefined;
  /** The lab panel's live mode: its latest preview, or why it is out of date. */
  readonly live: LiveOutcome | undefined;
  /** A message as if the open lab panel's page posted it (tests: Keep, a slider's edit), through the page's guard. */
  panelMessage(raw: unknown): Promise<void>;
  /** The paths the open lab panel shows (the lead first, then overlays), as the host sent them. */
  readonly panelShown: string[];
}

export function activate(context: vscode.ExtensionContext): LabApi {
  // what reaches the output channel quotes user-written text (labels, paths): controls stripped
  const log = withoutControls(vscode.window.createOutputChannel('LNN Lab'));
  const script = context.asAbsolutePath('dist/runWorker.js');
  const checker = new LabWorker(script);
  const live = new LiveDiagnostics(checker, log);
  // one worker runs every job (the Run command's, Open Lab's) on one pool: the process's thread budget
  const jobs = new LabWorker(script);
  const runner = new Runner(jobs, log);
  const lab = registerLabPanel(context, { worker: jobs, log });
  const resultsEditor = registerResultsEditor(context, jobs, (s) => log.appendLine(s));
  context.subscriptions.push(
    log,
    live,
    runner,
    { dispose: () => checker.dispose() },
    { dispose: () => jobs.dispose() },
    resultsEditor,
    vscode.languages.registerCodeActionsProvider(SELECTOR, new LabCodeActions(live), { providedCodeActionKinds: LabCodeActions.kinds }),
    vscode.languages.registerCodeLensProvider(SELECTOR, new LabCodeLens()),
    vscode.languages.registerHoverProvider(SELECTOR, new LabHover(live)),
    ...registerCommands({ live, runner, log, lab, extensionUri: context.extensionUri }),
  );
  log.appendLine(`LNN Lab activated${vscode.workspace.isTrusted ? '' : ' (untrusted workspace: diagnostics only, runs refused)'}`);
  return {
    run: (uri) => runner.run(uri, { quiet: true }),
    cancelRun: () => runner.cancel(),
    get running() {
      return runner.running;
    },
    get progress() {
      return runner.lastProgress;
    },
    check: async (uri) => live.check(await vscode.workspace.openTextDocument(uri)),
    whenIdle: () => live.whenIdle(),
    diagnostics: live.collection,
    get live() {
      return lab.live;
    },
    resultsPage: (uri) => resultsEditor.pageOf(uri)?.webgl,
    panelMessage: (raw) => lab.fromPage(raw),
    get panelShown() {
      return lab.shown.map((s) => s.path);
    },
  };
}

export function deactivate(): void {}
