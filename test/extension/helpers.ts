// Shared by the in-host suites: the extension's API, the test workspace, polling.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LabApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'lnn-lab.lnn-lab'; // `${publisher}.${name}` from package.json

export async function labApi(): Promise<LabApi> {
  const ext = vscode.extensions.getExtension<LabApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} not found`);
  return ext.activate();
}

/** The folder the launcher opened (a temp copy of examples/). */
export function workspaceDir(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('no workspace folder open');
  return f.uri.fsPath;
}

/** Copies an example (or writes a text) to a fresh file of the workspace, so tests never share one. */
export function scratch(name: string, fromExample?: string, text?: string): vscode.Uri {
  const dir = path.join(workspaceDir(), 'scratch');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${Date.now().toString(36)}.lnn.json`);
  fs.writeFileSync(file, text ?? fs.readFileSync(path.join(workspaceDir(), `${fromExample}.lnn.json`), 'utf8'));
  return vscode.Uri.file(file);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== null && (v as unknown) !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

export function labDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'LNN Lab');
}

/** The range of `needle`'s value, e.g. ('"stepSize": ', '0.2') → the range of 0.2. */
export function rangeOf(doc: vscode.TextDocument, before: string, value: string): vscode.Range {
  const text = doc.getText();
  const at = text.indexOf(before + value);
  if (at < 0) throw new Error(`${before}${value} not in ${doc.uri.fsPath}`);
  const start = at + before.length;
  return new vscode.Range(doc.positionAt(start), doc.positionAt(start + value.length));
}

/** A fresh copy of an example, open in the editor, and Open Lab run on it: the document and what Open Lab returned. */
export async function labOn(name: string, example: string): Promise<{ uri: vscode.Uri; doc: vscode.TextDocument; opened: { out: string | null } }> {
  const uri = scratch(name, example);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const opened = await vscode.commands.executeCommand<{ out: string | null }>('lnnLab.openLab', uri);
  return { uri, doc, opened };
}
