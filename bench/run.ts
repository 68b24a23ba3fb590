// npm run bench: figures, printed, never asserted.
//  1. End to end (bench/endToEnd.ts): the CLI as a process (node bin/lnn-lab.js run …) against numpy
//     loops doing the same work (bench/numpy_*.py), row by row: GBL §4.2, d = 64, d = 256, the MNIST
//     regression, ACHL's completion, and `check` of MNIST; targets, floors, where the time goes.
//  2. Steps/s and GFLOP/s of each engine and backend for d = 20 (depths 1, 2), d = 200 depth 3 and
//     d = 784 depth 3, in one table: js (float64, WebAssembly SIMD kernels), tfjs wasm and cpu in
//     Node, and tfjs WebGL in headless Chromium (bench/webgl.ts: SwiftShader unless
//     BENCH_CHROMIUM_ARGS names a real GPU's flags): the crossovers behind compute.backend "auto"
//     (src/core/dynamics/select.ts). `--quick`: shorter passes, one each.
//  3. Matrix completion (ACHL) per engine, the baseline, the example end to end.
//  4. The job layer (bench/jobs.ts): the pool's speed-up, Open Lab's path against the CLI, cancel latency.
//  5. Linear algebra (bench/linalg.ts): a record's metrics at d = 20, 256, 784, old route against new;
//     the MNIST theory and `check` against numpy (bench/numpy_mnist_theory.py).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flopsPerStep } from '../src/core/dynamics/cost';
import { createFloat64Engine } from '../src/core/dynamics/float64Engine';
import type { EngineFactory } from '../src/core/dynamics/engine';
import { randomProblem, stepsPerSecond, type Timing } from './measure';
import { startWebglBench, type WebglBench } from './webgl';

const quick = process.argv.includes('--quick');
const tmp = mkdtempSync(join(tmpdir(), 'lnn-bench-'));
type Measure = (d: number, depth: number) => Promise<Timing>;

async function engines() {
  // Each cell: warm-up, then passes of SECONDS (reads of W back every ~5 %), best of REPS passes
  // unless the cell has already taken MAX_CELL seconds (one WebGL step at d = 784 on SwiftShader
  // takes ~10 s).
  const SECONDS = quick ? 0.5 : 1.5;
  const REPS = quick ? 1 : 3;
  const MAX_CELL = quick ? 5 : 15;
  console.log(`\n## Engines: steps/s and GFLOP/s (gd, moments, width d; W read back every ~5 % of the steps; best of ${REPS} passes of ≥ ${SECONDS} s)`);
  const { createNodeTfjsEngine } = await import('../src/core/dynamics/tfjsNode');
  const sizes = [
    { d: 20, depth: 1 },
    { d: 20, depth: 2 },
    { d: 200, depth: 3 },
    { d: 784, depth: 3 },
  ];
  const node = (factory: EngineFactory): Measure => (d, depth) => stepsPerSecond(factory, randomProblem(d, d), depth, d, SECONDS, REPS, MAX_CELL);
  const backends: Array<[string, Measure | string]> = [
    ['js (float64)', node(createFloat64Engine)],
    ['wasm (float32)', node(createNodeTfjsEngine('wasm'))],
    ['cpu (float32)', node(createNodeTfjsEngine('cpu'))],
  ];
  let webgl: WebglBench | null = null;
  try {
    webgl = await startWebglBench();
    const w = webgl;
    console.log(`  webgl: headless Chromium (${w.args.filter((a) => /gpu|gl|angle|swiftshader|vulkan/i.test(a)).join(' ')}), ${w.renderer}`);
    backends.push(['webgl (float32)', (d, depth) => w.run(d, depth, SECONDS, REPS, MAX_CELL)]);
  } catch (e) {
    backends.push(['webgl (float32)', `not available: ${((e as Error).message ?? String(e)).split('\n')[0]}`]);
  }
  console.log('  size              engine            steps/s    GFLOP/s    × js   read-back every');
  try {
    for (const { d, depth } of sizes) {
      const flops = flopsPerStep(d, d, depth, d, 'gd');
      let js = 0;
      for (const [name, measure] of backends) {
        const label = `  d = ${String(d).padEnd(4)} depth ${depth}   ${name.padEnd(16)}`;
        if (typeof measure === 'string') {
          console.log(`${label}  ${measure}`);
          continue;
        }
        try {
          const t = await measure(d, depth);
          const sps = t.stepsPerSecond;
          if (name.startsWith('js')) js = sps;
          const ratio = !js ? '—' : sps / js >= 0.1 ? (sps / js).toFixed(2) : (sps / js).toPrecision(1);
          console.log(`${label}  ${fmt(sps).padStart(9)}  ${((sps * flops) / 1e9).toFixed(2).padStart(9)}  ${ratio.padStart(6)}   ${t.chunk} step${t.chunk === 1 ? '' : 's'}${t.passes < REPS ? ` (${t.passes} pass${t.passes === 1 ? '' : 'es'})` : ''}`);
        } catch (e) {
          console.log(`${label}  failed (${(e as Error).message})`);
        }
      }
    }
  } finally {
    await webgl?.close();
  }
}

const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** ACHL's setting (issue 6): a 100×100 rank-5 completion with 2000 observed entries. */
async function completion() {
  const SECONDS = quick ? 0.5 : 1.5;
  console.log('\n## Matrix completion: 100×100, rank 5, 2000 observed (ACHL), depth 3, width 100');
  const { createRng } = await import('../src/core/data/rng');
  const { completionProblem } = await import('../src/core/data/completion');
  const { nuclearNormMinimization } = await import('../src/core/baselines/nuclearNorm');
  const { createNodeTfjsEngine } = await import('../src/core/dynamics/tfjsNode');
  const spec = { kind: 'completion' as const, rows: 100, cols: 100, rank: 5, observed: 2000 };
  const { problem } = await completionProblem(spec, createRng(0), async () => new Uint8Array());
  const flops = flopsPerStep(100, 100, 3, 100, 'gd', true);
  const cells: Array<[string, EngineFactory]> = [
    ['js (float64)', createFloat64Engine],
    ['wasm (float32)', createNodeTfjsEngine('wasm')],
    ['cpu (float32)', createNodeTfjsEngine('cpu')],
  ];
  console.log('  engine            steps/s    GFLOP/s');
  for (const [name, factory] of cells) {
    const t = await stepsPerSecond(factory, problem, 3, 100, SECONDS, quick ? 1 : 3, 15);
    console.log(`  ${name.padEnd(16)}  ${t.stepsPerSecond.toFixed(0).padStart(8)}  ${((t.stepsPerSecond * flops) / 1e9).toFixed(2).padStart(9)}`);
  }
  const t0 = performance.now();
  const nn = await nuclearNormMinimization(problem);
  console.log(`  nuclear-norm minimization (ADMM, SVT): ${((performance.now() - t0) / 1000).toFixed(2)} s, ${nn.iterations} iterations, duality gap ${nn.dualityGap.toExponential(2)}`);
  const t1 = performance.now();
  const r = spawnSync('node', ['bin/lnn-lab.js', 'run', 'examples/achl-completion.lnn.json', '-q', '--no-progress', '--out', join(tmp, 'achl.json')], { encoding: 'utf8' });
  console.log(`  examples/achl-completion.lnn.json end to end (depths 2, 3, 4 + baseline): ${r.status === 0 ? ((performance.now() - t1) / 1000).toFixed(1) + ' s' : 'failed'} (target < 120 s)`);
}

async function main() {
  console.log(`# npm run bench — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  // `npm run bench -- --only completion` (or engines, end-to-end, jobs, linalg) runs one section
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
  if (!only || only === 'gemm') (await import('./wasm-gemm')).wasmGemmBench();
  if (!only || only === 'end-to-end') await (await import('./endToEnd')).endToEnd(quick);
  if (!only || only === 'engines') await engines();
  if (!only || only === 'completion') await completion();
  if (!only || only === 'jobs') await (await import('./jobs')).jobs();
  if (!only || only === 'linalg') await (await import('./linalg')).linalg();
  if (!only || only === 'threads') await (await import('./threads')).threadsBench();
}
main();
