// The browser side of npm run bench's WebGL rows: bundled by bench/webgl.ts (esbuild, at bench time)
// with tfjs-core and the WebGL backend, as the lab panel bundles them (src/webview/compute.ts), and
// run in headless Chromium. Exposes window.lnnBench for page.evaluate.
import type * as TF from '@tensorflow/tfjs';
import * as tfCore from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import { createTfjsEngine, loadTfjs } from '../src/core/dynamics/tfjsEngine';
import { randomProblem, stepsPerSecond, type Timing } from './measure';

const tf = tfCore as unknown as typeof TF;

function renderer(): string {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  if (!gl) return 'WebGL';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return `WebGL ${tf.env().getNumber('WEBGL_VERSION')}: ${String(name)}`;
}

const lnnBench = {
  /** Initialises tfjs on WebGL (float32 render targets required, as in the panel); the renderer's name. */
  async init(): Promise<string> {
    await loadTfjs('webgl', tf);
    return renderer();
  },
  /** Steps/s of the tfjs WebGL engine on the bench's random problem (d × d, depth, width d). */
  async run(d: number, depth: number, seconds: number, reps: number, maxSeconds: number): Promise<Timing> {
    return stepsPerSecond(createTfjsEngine('webgl', tf), randomProblem(d, d), depth, d, seconds, reps, maxSeconds);
  },
};

(globalThis as unknown as { lnnBench: typeof lnnBench }).lnnBench = lnnBench;
