// `*.results.json` opens as a document of the lab (issue 13, "results as documents"): a read-only
// custom editor draws the file in a lab page of its own — no run, nothing written. Reopen With…
// still gives the JSON text.
import * as vscode from 'vscode';
import { LabPanel } from './panel';
import type { LabWorker } from './workerClient';

export const RESULTS_VIEW_TYPE = 'lnnLab.results';

export interface ResultsEditors extends vscode.Disposable {
  /** The lab page of an open results editor (tests: its WebGL probe says whether the page loaded). */
  pageOf(uri: vscode.Uri): LabPanel | undefined;
}

export function registerResultsEditor(context: vscode.ExtensionContext, worker: LabWorker, log: (s: string) => void): ResultsEditors {
  const pages = new Map<string, LabPanel>();
  const provider: vscode.CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose() {} }),
    resolveCustomEditor(document, webviewPanel) {
      const lab = new LabPanel(webviewPanel, context.extensionUri, log, worker);
      const key = document.uri.toString();
      pages.set(key, lab);
      webviewPanel.onDidDispose(() => pages.get(key) === lab && pages.delete(key));
      webviewPanel.title = document.uri.path.split('/').pop() ?? 'results';
      // not awaited: VS Code loads the page only once this resolves, and show() waits for the page
      void lab.show([document.uri], false);
    },
  };
  const registration = vscode.window.registerCustomEditorProvider(RESULTS_VIEW_TYPE, provider, { webviewOptions: { retainContextWhenHidden: true }, supportsMultipleEditorsPerDocument: true });
  return { pageOf: (uri) => pages.get(uri.toString()), dispose: () => registration.dispose() };
}
