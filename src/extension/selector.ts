// Which documents are experiments: *.lnn.json (contributed as JSONC, so comments are allowed).
import * as vscode from 'vscode';

export const EXPERIMENT_GLOB = '**/*.lnn.json';
export const SELECTOR: vscode.DocumentSelector = [{ pattern: EXPERIMENT_GLOB }];

export function isExperiment(doc: vscode.TextDocument): boolean {
  return doc.uri.path.endsWith('.lnn.json');
}
