// The webview's compute: the core's run pipeline (core/lab.ts runExperiment) on the core's tfjs
// float32 engine with the WebGL backend. tfjs is bundled from its packages (core + webgl backend),
// never the prebuilt tf.min.js, so the panel's CSP needs no 'unsafe-eval'.
import type * as TF from '@tensorflow/tfjs';
import * as tfCore from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import { createTfjsEngine, loadTfjs } from '../core/dynamics/tfjsEngine';
import { runExperiment, type Prepared, type RunExperimentOptions } from '../core/lab';
import type { Results } from '../core/types';
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

/** Runs every model of a prepared experiment on tfjs WebGL (float32). */
export async function computeInWebview(prepared: Prepared, hooks: Omit<RunExperimentOptions, 'engineFor'>): Promise<Results> {
  const probe = await probeWebgl();
  if (!probe.ok) throw new Error(probe.detail);
  return runExperiment(prepared, {
    ...hooks,
    engineFor: () => ({ factory: createTfjsEngine('webgl', tf), backend: 'webgl', precision: 'float32' }),
  });
}
