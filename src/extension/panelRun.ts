// One run of the lab panel, computed entirely in the extension's worker (dist/runWorker.js, the
// job layer and its compute pool): this file only routes — the worker's events to the panel as
// ToWebview messages, the panel's float32 runs (tfjs WebGL) back to the worker. The worker saves
// NAME.results.json atomically after each model and at the end, as the Run command does.
import * as vscode from 'vscode';
import { resultsPathFor } from '../compute/resultsPath';
import type { Results } from '../core/types';
import type { ComputedMessage, ComputeFailedMessage, SourceInfo, ToWebview, WebglProbe } from '../shared/messages';
import { toWire } from '../shared/wire';
import type { LabWorker, RunEvent } from './workerClient';
import { readSettings, runSettings } from './settings';

export interface RunChannel {
  post(m: ToWebview): void;
  log(line: string): void;
}

export interface LabRun {
  jobId: number;
  cancel(): void;
  /** The panel's `computed` / `computeFailed` for this run. */
  fromWebview(m: ComputedMessage | ComputeFailedMessage): void;
  done: Promise<{ results: Results | null; out: string | null }>;
}

let nextJob = 1;

export function startLabRun(worker: LabWorker, uri: vscode.Uri, text: string, webgl: Promise<WebglProbe>, channel: RunChannel): LabRun {
  const jobId = nextJob++;
  const source: SourceInfo = { kind: 'experiment', path: uri.fsPath, name: uri.path.split('/').pop() ?? 'experiment' };
  const settings = readSettings(uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  const out = resultsPathFor(uri.fsPath, settings.resultsFolder, folder);
  let handle: ReturnType<LabWorker['run']> | null = null;
  let cancelled = false;

  const onEvent = (e: RunEvent) => {
    switch (e.type) {
      case 'started':
        if (e.engine) channel.log(`lab: ${uri.fsPath}: ${e.engine.backend} (${e.engine.precision}) in the ${e.engine.side} — ${e.engine.reason}`);
        channel.post({ type: 'runStart', jobId, source, results: e.skeleton, diagnostics: e.diagnostics, engine: e.engine, refused: e.refused });
        return;
      case 'records':
        channel.post({ type: 'records', jobId, modelIndex: e.modelIndex, from: e.from, run: e.run });
        return;
      case 'sweep':
        channel.post({ type: 'sweep', jobId, sweep: e.sweep, running: e.running, ...(e.engine ? { engine: e.engine } : {}) });
        return;
      case 'progress':
        channel.post({ type: 'progress', jobId, progress: e.progress.progress });
        return;
      case 'compute':
        channel.post({ type: 'compute', jobId, input: toWire(e.input) });
        computing = e.compute;
        return;
      case 'log':
        channel.log(`lab: ${e.text}`);
        if (e.level === 'warning') channel.post({ type: 'status', level: 'warning', text: e.text });
        return;
    }
  };
  let computing: number | null = null;

  const done = (async () => {
    try {
      const probe = await webgl;
      if (cancelled) return { results: null, out: null };
      handle = worker.run({ path: uri.fsPath, text, out, settings: runSettings(settings), lab: { webgl: probe } }, onEvent);
      const reply = await handle.done;
      for (const n of reply.notes) channel.log(`lab: note: ${n}`);
      if (reply.refused || !reply.results) return { results: null, out: null };
      channel.post({ type: 'showResults', source, results: reply.results, savedTo: out });
      return { results: reply.results, out };
    } finally {
      computing = null;
    }
  })();

  return {
    jobId,
    cancel: () => {
      cancelled = true;
      handle?.cancel();
      channel.post({ type: 'cancelCompute', jobId });
    },
    fromWebview: (m) => {
      if (m.jobId !== jobId || computing === null || !handle) return;
      if (m.type === 'computed') handle.reply({ type: 'computed', id: 0, compute: computing, runs: m.runs, final: m.final });
      else handle.reply({ type: 'computeFailed', id: 0, compute: computing, reason: m.reason });
    },
    done,
  };
}
