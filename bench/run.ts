// npm run bench: figures, printed, never asserted.
//  1. GBL §4.2 end to end (the CLI as a process: node bin/lnn-lab.js run …) against the same loop in
//     numpy (bench/numpy_gbl42.py) on this machine.
//  2. Steps/s and GFLOP/s of each engine and backend for d = 20 (depths 1, 2), d = 200 depth 3 and
//     d = 784 depth 3: the crossovers behind compute.backend "auto" (src/core/dynamics/select.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flopsPerStep } from '../src/core/dynamics/cost';
import { createFloat64Engine } from '../src/core/dynamics/float64Engine';
import { factorShapes } from '../src/core/dynamics/gradient';
import type { EngineFactory } from '../src/core/dynamics/engine';
import type { Mat, MomentsProblem } from '../src/core/types';

const quick = process.argv.includes('--quick');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tmp = mkdtempSync(join(tmpdir(), 'lnn-bench-'));

function timeProcess(cmd: string, args: string[], reps: number): number | null {
  const walls: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) return null;
    walls.push((performance.now() - t) / 1000);
  }
  return median(walls);
}

function endToEnd() {
  const reps = quick ? 1 : 3;
  console.log('\n## GBL §4.2 end to end (d = 20, depths 1 and 2, 20 000 steps, record every 20; median of', reps, 'runs)');
  const ours = timeProcess('node', ['bin/lnn-lab.js', 'run', 'examples/gbl-4.2-autoencoder.lnn.json', '--backend', 'js', '-q', '--no-progress', '--out', join(tmp, 'a.json')], reps);
  const numpy = timeProcess('python3', ['bench/numpy_gbl42.py'], reps);
  console.log(`  lnn-lab (node bin/lnn-lab.js run, js float64): ${ours?.toFixed(2) ?? 'failed'} s`);
  console.log(`  numpy (python3 bench/numpy_gbl42.py):           ${numpy?.toFixed(2) ?? 'not available'} s`);
  if (ours && numpy) console.log(`  ratio lnn-lab / numpy: ${(ours / numpy).toFixed(2)} (target ≤ 2)`);
}

/** A random moments problem: Σx = AᵀA/n + 0.1 I (well conditioned), Σxy = Σx W_true. */
function randomProblem(d: number, p: number): MomentsProblem {
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5);
  const n = 2 * d;
  const A = Float64Array.from({ length: n * d }, rand);
  const sx = new Float64Array(d * d);
  for (let k = 0; k < n; k++) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) sx[i * d + j] += (A[k * d + i] * A[k * d + j]) / n;
  for (let i = 0; i < d; i++) sx[i * d + i] += 0.1;
  const wt = Float64Array.from({ length: d * p }, rand);
  const sxy = new Float64Array(d * p);
  for (let i = 0; i < d; i++) for (let l = 0; l < d; l++) for (let j = 0; j < p; j++) sxy[i * p + j] += sx[i * d + l] * wt[l * p + j];
  return { kind: 'moments', n, d, p, sigmaX: { rows: d, cols: d, data: sx }, sigmaXY: { rows: d, cols: p, data: sxy }, traceSigmaY: null, groundTruth: null };
}

async function stepsPerSecond(factory: EngineFactory, problem: MomentsProblem, depth: number, width: number, steps: number): Promise<number> {
  const factors: Mat[] = factorShapes(problem.d, problem.p, depth, width).map(([r, c]) => {
    const m = { rows: r, cols: c, data: new Float64Array(r * c) };
    for (let i = 0; i < Math.min(r, c); i++) m.data[i * c + i] = 0.05;
    return m;
  });
  const engine = await factory({ problem, depth, width, method: 'gd', stepSize: 1e-3, factors });
  const limits = { divergeAbove: Infinity, stopLoss: null };
  await engine.advance(Math.max(1, Math.floor(steps / 10)), limits); // warm-up (JIT, kernels, uploads)
  await engine.endToEnd();
  const chunk = Math.max(1, Math.floor(steps / 20));
  const t = performance.now();
  for (let done = 0; done < steps; done += chunk) {
    await engine.advance(chunk, limits);
    await engine.endToEnd(); // a record's read-back, as in a run
  }
  const s = (performance.now() - t) / 1000;
  engine.dispose();
  return Math.ceil(steps / chunk) * chunk / s;
}

async function engines() {
  console.log('\n## Engines: steps/s and GFLOP/s (gd, moments; every 5 % of the steps a read-back of W)');
  const { createNodeTfjsEngine } = await import('../src/core/dynamics/tfjsNode');
  const sizes = [
    { d: 20, depth: 1, steps: 20000 },
    { d: 20, depth: 2, steps: 20000 },
    { d: 200, depth: 3, steps: quick ? 20 : 100 },
    { d: 784, depth: 3, steps: quick ? 3 : 10 },
  ];
  const backends: Array<[string, EngineFactory, number]> = [
    ['js (float64)', createFloat64Engine, 1],
    ['wasm (float32)', createNodeTfjsEngine('wasm'), 1],
    ['cpu (float32)', createNodeTfjsEngine('cpu'), 0.1],
  ];
  console.log('  size                 engine           steps/s     GFLOP/s');
  for (const { d, depth, steps } of sizes) {
    const problem = randomProblem(d, d);
    const flops = flopsPerStep(d, d, depth, d, 'gd');
    for (const [name, factory, share] of backends) {
      const n = Math.max(2, Math.round(steps * share));
      try {
        const sps = await stepsPerSecond(factory, problem, depth, d, n);
        console.log(`  d = ${String(d).padEnd(4)} depth ${depth}      ${name.padEnd(15)}  ${sps.toFixed(1).padStart(9)}  ${((sps * flops) / 1e9).toFixed(2).padStart(9)}`);
      } catch (e) {
        console.log(`  d = ${d} depth ${depth}  ${name}: failed (${(e as Error).message})`);
      }
    }
  }
}

async function main() {
  console.log(`# npm run bench — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  endToEnd();
  await engines();
}
main();
