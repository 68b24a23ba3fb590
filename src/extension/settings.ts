// The extension's settings (package.json contributes.configuration).
import * as vscode from 'vscode';

export interface LabSettings {
  defaultBackend: string;
  resultsFolder: string;
  recordLimit: number;
}

export function readSettings(scope?: vscode.Uri): LabSettings {
  const c = vscode.workspace.getConfiguration('lnnLab', scope);
  return {
    defaultBackend: c.get<string>('defaultBackend', 'auto'),
    resultsFolder: c.get<string>('resultsFolder', ''),
    recordLimit: c.get<number>('recordLimit', 10000),
  };
}
