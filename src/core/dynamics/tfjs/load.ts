// Loading tfjs and making a backend the active one (cpu, wasm, webgl). tfjs is imported lazily (a
// dynamic import inside loadTfjs), so importing the core costs nothing when the float64 engine runs.
// Nothing here is Node-specific: the webview passes the tfjs it bundles; where Node keeps the .wasm
// binaries is tfjsNode.ts's business.
import type * as TF from '@tensorflow/tfjs';

export type Tf = typeof TF;

export type TfjsBackend = 'cpu' | 'wasm' | 'webgl';

export interface TfjsOptions {
  /**
   * wasm only: where the tfjs-backend-wasm*.wasm binaries are — a directory (path in Node, URL in a
   * browser; a trailing '/' is added) or a map from each binary's file name to its location.
   * Used on the first wasm initialisation only (tfjs cannot re-initialise it).
   */
  wasmPaths?: string | Record<string, string>;
}

let defaultTf: Promise<Tf> | null = null;
const wasmRegistered = new WeakMap<Tf, Promise<void>>();

/** `import()` of a CommonJS module yields either its exports or { default: exports }. */
function interop<T>(mod: unknown, probe: string): T {
  const m = mod as Record<string, unknown>;
  return (m[probe] !== undefined ? m : (m.default as Record<string, unknown>)) as T;
}

/**
 * Loads tfjs (unless given) and makes `backend` the active backend; wasm is registered on first use
 * with `options.wasmPaths`. Returns the tfjs namespace.
 */
export async function loadTfjs(backend: TfjsBackend, tf?: Tf, options: TfjsOptions = {}): Promise<Tf> {
  if (!tf) {
    defaultTf ??= import('@tensorflow/tfjs').then((m) => interop<Tf>(m, 'matMul'));
    tf = await defaultTf;
  }
  const t = tf;
  if (backend === 'wasm' && !wasmRegistered.has(t)) {
    wasmRegistered.set(
      t,
      (async () => {
        const wasm = interop<{ setWasmPaths(p: string | Record<string, string>, usePlatformFetch?: boolean): void }>(
          await import('@tensorflow/tfjs-backend-wasm'),
          'setWasmPaths',
        );
        if (options.wasmPaths !== undefined && t.findBackend('wasm') === null) {
          const p = options.wasmPaths;
          wasm.setWasmPaths(typeof p === 'string' && !p.endsWith('/') ? `${p}/` : p);
        }
      })(),
    );
  }
  if (backend === 'wasm') await wasmRegistered.get(t);
  await ensureBackend(t, backend);
  return t;
}

/** Makes `backend` the active one (tfjs has one per process); throws where it cannot run float32. */
export async function ensureBackend(tf: Tf, backend: TfjsBackend): Promise<void> {
  if (tf.getBackend() === backend) return;
  let ok = false;
  try {
    ok = await tf.setBackend(backend);
  } catch (e) {
    throw new Error(`tfjs backend '${backend}' failed to initialise: ${(e as Error)?.message ?? e}`);
  }
  if (!ok) throw new Error(`tfjs backend '${backend}' is not available here`);
  await tf.ready();
  if (backend === 'webgl') {
    // Some GPUs render only float16 textures: that is not the float32 the results claim (spec §2).
    let f32 = false;
    try {
      f32 = tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
    } catch {
      f32 = false;
    }
    if (!f32) throw new Error("tfjs backend 'webgl' cannot render float32 here (float16 only)");
  }
  if (backend === 'cpu') {
    // The cpu backend prints an advertisement for tfjs-node on its first tensor when it runs in
    // Node; the CLI's output is not the place for it.
    const b = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null;
    if (b && 'firstUse' in b) b.firstUse = false;
  }
}
