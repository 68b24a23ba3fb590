// The Node side of the tfjs engines (CLI, extension host, tests): where the wasm backend's .wasm
// binaries are. The browser (webview) uses tfjsEngine.ts directly with its own URLs.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { EngineFactory } from './engine';
import { createTfjsEngine, type TfjsBackend } from './tfjsEngine';

const WASM_FILE = 'tfjs-backend-wasm.wasm';

/**
 * The directory holding tfjs-backend-wasm*.wasm: the bundle's own directory when it has them
 * (esbuild.mjs copies them into dist/), else the dist/ folder of @tensorflow/tfjs-backend-wasm.
 */
export function nodeWasmDir(): string {
  const candidates: string[] = [];
  if (typeof __dirname !== 'undefined') candidates.push(__dirname);
  const bases = [typeof __filename !== 'undefined' ? __filename : null, join(process.cwd(), 'index.js')];
  for (const base of bases) {
    if (!base) continue;
    try {
      candidates.push(dirname(createRequire(base).resolve('@tensorflow/tfjs-backend-wasm')));
    } catch {
      // not resolvable from there
    }
  }
  for (const dir of candidates) if (existsSync(join(dir, WASM_FILE))) return dir;
  throw new Error(`cannot find ${WASM_FILE} (looked in ${candidates.join(', ') || 'nowhere'})`);
}

/** createTfjsEngine for Node: wasm finds its binaries with nodeWasmDir(). */
export function createNodeTfjsEngine(backend: Exclude<TfjsBackend, 'webgl'>): EngineFactory {
  return createTfjsEngine(backend, undefined, backend === 'wasm' ? { wasmPaths: nodeWasmDir() } : {});
}
