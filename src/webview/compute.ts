// The webview's compute: the models of an experiment (core/lab.ts runModelOf) on the core's tfjs
// float32 engine with the WebGL backend. tfjs is bundled from its packages (core + webgl backend),
// never the prebuilt tf.min.js, so the panel's CSP needs no 'unsafe-eval'.
import type * as TF from '@tensorflow/tfjs';
import * as tfCore from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import { createTfjsEngine, loadTfjs } from '../core/dynamics/tfjsEngine';
import type { RunHooks } from '../core/dynamics/run';
import { runModelOf, type ModelsInput } from '../core/lab';
import type { RunResult } from '../core/types';
import type { WebglProbe } from '../shared/messages';

const tf = tfCore as unknown as typeof TF;

function renderer(): string {
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    if (!gl) return 'WebGL';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    return `WebGL ${tf.env().getNumber('WEBGL_VERSION')}: ${String(name)}`;
  } catch {
    return 'WebGL';
  }
}

let probed: Promise<WebglProbe> | null = null;

/** Whether tfjs's WebGL backend initialises here with float32 render targets. */
export function probeWebgl(): Promise<WebglProbe> {
  probed ??= loadTfjs('webgl', tf).then(
    () => ({ ok: true, detail: renderer() }),
    (e: unknown) => ({ ok: false, detail: e instanceof Error ? e.message : String(e) }),
  );
  return probed;
}

/** Runs every model of the input on tfjs WebGL (float32); `onRun` after each with the runs so far. */
export async function computeInWebview(input: ModelsInput, hooks: RunHooks & { onRun?: (runs: RunResult[]) => void }): Promise<RunResult[]> {
  const probe = await probeWebgl();
  if (!probe.ok) throw new Error(probe.detail);
  const runs: RunResult[] = [];
  for (let i = 0; i < input.experiment.models.length; i++) {
    if (hooks.signal?.aborted) break;
    runs.push(await runModelOf(input, i, { factory: createTfjsEngine('webgl', tf), backend: 'webgl', precision: 'float32' }, hooks));
    hooks.onRun?.([...runs]);
  }
  return runs;
}
