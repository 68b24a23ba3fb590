// Builds every bundle of LNN Lab: the CLI and its worker (Node), the extension host (Node, `vscode`
// external), the in-host test suite, and the webview (browser). tfjs is bundled, never the prebuilt
// tf.min.js (it needs 'unsafe-eval'). The tfjs wasm binaries are copied beside the bundles.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Entries whose source exists (the tree grows issue by issue). */
const entries = (list) => list.filter((e) => existsSync(e.in));

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  external: ['vscode', 'mnist'],
  // jsonc-parser's `main` is a UMD build with dynamic requires that a bundle cannot follow
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

const builds = [
  {
    ...node,
    entryPoints: entries([
      { in: 'src/cli/main.ts', out: 'cli' },
      { in: 'src/cli/worker.ts', out: 'worker' },
      { in: 'src/extension/extension.ts', out: 'extension' },
      { in: 'src/extension/runWorker.ts', out: 'runWorker' },
      // tfjs for Node in a bundle of its own, required at first use (src/cli/engines.ts)
      { in: 'src/core/dynamics/tfjsNode.ts', out: 'tfjs-node' },
    ]),
    outdir: 'dist',
  },
  {
    ...node,
    entryPoints: entries([{ in: 'test/extension/index.ts', out: 'index' }]),
    outdir: 'out/test',
    external: ['vscode', 'mnist', 'mocha'],
  },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    entryPoints: entries([{ in: 'src/webview/main.ts', out: 'webview' }]),
    // the webview passes tfjs-core + WebGL to the engine: its lazy imports of the full packages are stubbed
    alias: {
      '@tensorflow/tfjs': './src/webview/tfjsUnavailable.ts',
      '@tensorflow/tfjs-backend-wasm': './src/webview/tfjsUnavailable.ts',
    },
    outdir: 'dist',
    logLevel: 'warning',
  },
].filter((b) => b.entryPoints.length > 0);

mkdirSync('dist', { recursive: true });
const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) cpSync(`${wasmDir}/${f}`, `dist/${f}`);

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
