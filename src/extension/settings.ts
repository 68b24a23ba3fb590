// The extension's settings (package.json contributes.configuration).
import * as vscode from 'vscode';
import { parseBackend, type RunSettings } from '../compute/settings';

export interface LabSettings {
  defaultBackend: string;
  resultsFolder: string;
  recordLimit: number;
  /** At most this many compute threads (0: the machine's). */
  threads: number;
  /** The memory budget of runs in MiB (budget.memory, spec §5.7); 0: half the machine's memory. */
  memoryBudget: number;
}

export function readSettings(scope?: vscode.Uri): LabSettings {
  const c = vscode.workspace.getConfiguration('lnnLab', scope);
  return {
    defaultBackend: c.get<string>('defaultBackend', 'auto'),
    resultsFolder: c.get<string>('resultsFolder', ''),
    recordLimit: c.get<number>('recordLimit', 10000),
    threads: c.get<number>('threads', 0),
    memoryBudget: c.get<number>('memoryBudget', 0),
  };
}

/** What the job layer lays over an experiment (src/compute/settings.ts); a bad backend name is ignored (the schema flags it). */
export function runSettings(s: LabSettings): RunSettings {
  let defaultBackend: RunSettings['defaultBackend'];
  try {
    defaultBackend = parseBackend(s.defaultBackend, 'lnnLab.defaultBackend');
  } catch {
    defaultBackend = undefined;
  }
  return { defaultBackend, recordLimit: s.recordLimit, threads: s.threads, ...(s.memoryBudget > 0 ? { memoryBudget: s.memoryBudget * 2 ** 20 } : {}) };
}
