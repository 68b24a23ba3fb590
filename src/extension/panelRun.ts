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
  /** Whether cancel() was called. */
  readonly cancelled: boolean;
  /** The last status this run posted to the panel (a declined preview's "Out of date …"). */
  readonly status: string | undefined;
}

let nextJob = 1;

const formatSeconds = (s: number) => (s < 90 ? `${Math.max(1, Math.round(s))} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);

export interface LabRunOptions {
  /** Live mode: a preview of the editor's text, run only if estimated within `maxSeconds`, never written. */
  preview?: { maxSeconds: number };
}

export function startLabRun(worker: LabWorker, uri: vscode.Uri, text: string, webgl: Promise<WebglProbe>, channel: RunChannel, options: LabRunOptions = {}): LabRun {
  const jobId = nextJob++;
  const source: SourceInfo = { kind: 'experiment', path: uri.fsPath, name: uri.path.split('/').pop() ?? 'experiment' };
  const settings = readSettings(uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  const preview = options.preview ?? null;
  const out = preview ? null : resultsPathFor(uri.fsPath, settings.resultsFolder, folder);
  let handle: ReturnType<LabWorker['run']> | null = null;
  let cancelled = false;
  let status: string | undefined;
  const post = (m: ToWebview) => {
    if (m.type === 'status') status = m.text;
    channel.post(m);
  };

  const onEvent = (e: RunEvent) => {
    switch (e.type) {
      case 'started':
        if (e.engine) channel.log(`lab: ${uri.fsPath}: ${e.engine.backend} (${e.engine.precision}) in the ${e.engine.side} — ${e.engine.reason}`);
        channel.post({ type: 'runStart', jobId, source, results: e.skeleton, diagnostics: e.diagnostics, engine: e.engine, refused: e.refused, ...(preview ? { preview: true } : {}) });
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
      handle = worker.run({ path: uri.fsPath, text, out, settings: runSettings(settings), lab: { webgl: probe }, ...(preview ? { preview } : {}) }, onEvent);
      const reply = await handle.done;
      for (const n of reply.notes) channel.log(`lab: note: ${n}`);
      if (reply.declined) {
        post({ type: 'status', level: 'warning', stale: true, text: `Out of date — the file changed; this run would take about ${formatSeconds(reply.declined.estimateSeconds)}, longer than live mode's ${preview!.maxSeconds} s: Run to update` });
        return { results: null, out: null };
      }
      if (reply.refused || !reply.results) return { results: null, out: null };
      if (reply.saveError) channel.post({ type: 'status', level: 'error', text: `${reply.saveError}; ${reply.out ? `the results (marked incomplete) are in ${reply.out}` : 'nothing could be saved'}` });
      channel.post({ type: 'showResults', source, results: reply.results, ...(reply.out ? { savedTo: reply.out } : {}), ...(preview ? { preview: true } : {}) });
      if (preview) channel.post({ type: 'status', level: 'info', text: "Live preview of the editor's text — drawn, not saved (Run saves it)" });
      return { results: reply.results, out: reply.out };
    } finally {
      computing = null;
    }
  })();

  return {
    jobId,
    get cancelled() {
      return cancelled;
    },
    get status() {
      return status;
    },
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
