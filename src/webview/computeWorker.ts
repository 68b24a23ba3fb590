// The webview's compute worker (bundled by esbuild.mjs into a string the page starts from a Blob
// URL: VS Code webviews load workers only from blob: or data: URIs). It runs the models of a
// host's `compute` (core/lab.ts runModelOf) on the core's tfjs float32 engine with the WebGL
// backend, which tfjs puts on an OffscreenCanvas in a worker; the page's thread only draws.
// Records go back as slices (shared/runSlice.ts), at most about every 50 ms; cancel is seen
// between engine advances. tfjs is bundled from its packages (core + webgl backend), never the
// prebuilt tf.min.js, so the CSP needs no 'unsafe-eval'. Messages: src/shared/messages.ts.
import type * as TF from '@tensorflow/tfjs';
import * as tfCore from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import { createTfjsEngine, loadTfjs } from '../core/dynamics/tfjsEngine';
import { runModelOf, unpackModels, type PackedModels } from '../core/lab';
import type { RunResult } from '../core/types';
import type { FromComputeWorker, ToComputeWorker, WebglProbe, WorkerComputeMessage } from '../shared/messages';
import { sliceRun } from '../shared/runSlice';
import { fromWire } from '../shared/wire';

const tf = tfCore as unknown as typeof TF;
/** Records and progress go to the page at most this often (ms). */
const POST_EVERY_MS = 50;

const post = (m: FromComputeWorker) => (self as unknown as { postMessage(m: unknown): void }).postMessage(m);
const postedAt = () => performance.timeOrigin + performance.now();

function renderer(): string {
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    const where = typeof OffscreenCanvas !== 'undefined' && gl?.canvas instanceof OffscreenCanvas ? 'in a Web Worker, OffscreenCanvas' : 'in a Web Worker';
    if (!gl) return `WebGL (${where})`;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    return `WebGL ${tf.env().getNumber('WEBGL_VERSION')}: ${String(name)} (${where})`;
  } catch {
    return 'WebGL (in a Web Worker)';
  }
}

/** Whether tfjs's WebGL backend initialises here with float32 render targets. */
const probed: Promise<WebglProbe> = loadTfjs('webgl', tf).then(
  () => ({ ok: true, detail: renderer() }),
  (e: unknown) => ({ ok: false, detail: e instanceof Error ? e.message : String(e) }),
);
void probed.then((webgl) => post({ type: 'probed', webgl }));

let current: { jobId: number; controller: AbortController } | null = null;

/** Posts the records of `run` not yet sent (at the end, `always`: the final header fields even with no new record); returns how many are sent now. */
function flush(jobId: number, modelIndex: number, run: RunResult, sent: number, always = false): number {
  if (run.steps.length <= sent && sent > 0 && !always) return sent;
  post({ type: 'records', jobId, modelIndex, from: sent, run: sliceRun(run, sent), postedAt: postedAt() });
  return run.steps.length;
}

async function compute(m: WorkerComputeMessage): Promise<void> {
  const { jobId } = m;
  const controller = new AbortController();
  current = { jobId, controller };
  try {
    const probe = await probed;
    if (!probe.ok) throw new Error(probe.detail);
    const input = unpackModels(fromWire<PackedModels>(m.input));
    for (let i = 0; i < input.experiment.models.length; i++) {
      if (controller.signal.aborted) break;
      let sent = 0;
      let lastRecords = 0;
      let lastProgress = 0;
      const run = await runModelOf(input, i, { factory: createTfjsEngine('webgl', tf), backend: 'webgl', precision: 'float32' }, {
        signal: controller.signal,
        yieldEveryMs: 25,
        onRecord: (modelIndex, r) => {
          const t = performance.now();
          if (sent > 0 && t - lastRecords < POST_EVERY_MS) return;
          lastRecords = t;
          sent = flush(jobId, modelIndex, r, sent);
        },
        onProgress: (progress) => {
          const t = performance.now();
          if (t - lastProgress < POST_EVERY_MS) return;
          lastProgress = t;
          post({ type: 'progress', jobId, progress, postedAt: postedAt() });
        },
      });
      flush(jobId, i, run, sent, true);
      post({ type: 'modelDone', jobId, modelIndex: i, run });
    }
    post({ type: 'done', jobId });
  } catch (e) {
    post({ type: 'failed', jobId, reason: e instanceof Error ? e.message : String(e) });
  } finally {
    if (current?.jobId === jobId) current = null;
  }
}

self.addEventListener('message', (e: MessageEvent) => {
  const m = e.data as ToComputeWorker;
  if (m?.type === 'compute') void compute(m);
  else if (m?.type === 'cancel' && current?.jobId === m.jobId) current.controller.abort();
});
