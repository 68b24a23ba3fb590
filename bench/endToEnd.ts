// npm run bench -- --only end-to-end: the lab end to end (the CLI as a process, best of N) against
// numpy loops doing the same work (bench/numpy_*.py), row by row, with each row's target (issue 11)
// and the commands that reproduce it. Figures printed, never asserted. `--rows 1,2` runs only those
// rows (1-based; 6 is the check of MNIST).
//  - Each row is an experiment file in bench/experiments/ and a numpy script: the same data (files
//    written by bench/experiments/make_data.py, or the mnist package's digits), the same identity
//    init, steps and record schedule; both print their final losses, compared here (same work).
//  - Where the lab's time goes, per row: the CLI on the same file cut to 1 step (start-up, data,
//    theory, workers, the results file: the fixed cost), and in this process preparing (data,
//    moments, theory), each model's steps alone (records at 0 and the end only) and its records (the
//    run with its records less the steps alone).
//  - The d = 256 row is gemm-bound: its floor is numpy's GFLOP/s ÷ (cores × one core's measured
//    WebAssembly f64x2 peak): the ratio the lab would reach running at that peak on every core.
//  - Every row: its steps' flops (cost.ts flopsPerStep) at that peak, one core per model (a lone
//    model on every core), against numpy's whole run: what no kernel doing the same work can beat.
//  - `check` of GBL Table 1's MNIST example against bench/numpy_mnist_theory.py, each part timed.
// numpy runs with OpenBLAS's default threads (every core); on a loaded machine its threads spin
// against each other, so the row also prints numpy on one thread (OPENBLAS_NUM_THREADS=1).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadProblem } from '../src/core/data/index';
import { staticDiagnostics } from '../src/core/diagnostics/static';
import { flopsPerStep } from '../src/core/dynamics/cost';
import { createFloat64Engine } from '../src/core/dynamics/float64Engine';
import { problemDims } from '../src/core/dynamics/gradient';
import { finishWidths, readExperiment } from '../src/core/experiment/index';
import { nodeDataIO } from '../src/core/io';
import { runModelOf, type ModelsInput } from '../src/core/lab';
import { computeTheory } from '../src/core/theory/index';
import type { Results } from '../src/core/types';
import { wasmPeakGflops, wasmPeakGflopsTogether } from './measure';

interface Row {
  name: string;
  file: string;
  numpy: string;
  /** lnn-lab / numpy at most this (the d = 256 row: or within 10 % of its floor, where that is higher). */
  target: number;
  /** What each side records, in words. */
  records: string;
  /** The numpy run's name for each lab model label, where the final losses are to agree (same data and init). */
  same?: Record<string, string>;
  /** gemm-bound: the floor from numpy's GFLOP/s in this part of its run, on this problem's d (= p, an autoencoder). */
  floor?: { part: string; d: number };
}

const MOMENTS = 'both: loss, σ(W), ‖W‖_*, excess loss at each record; lab also: the loss at every step, u_iᵀWv_i, reduced-rank distances, scalar theory, closed form, bounds, and the theory before the run';
const ROWS: Row[] = [
  {
    name: 'GBL §4.2, d = 20, depths 1 and 2, 20 000 steps, every 20',
    file: 'bench/experiments/gbl-4.2-every-20.lnn.json',
    numpy: 'bench/numpy_gbl42.py',
    target: 1.0,
    records: 'both: loss, σ(W), ‖W‖_* (lab: as the d = 64 row); data drawn by each side\'s own generator (same recipe, other numbers)',
  },
  {
    name: 'd = 64, depths 2 and 3, 5000 steps, every 10',
    file: 'bench/experiments/ae64-depths-2-3.lnn.json',
    numpy: 'bench/numpy_ae64.py',
    target: 1.0,
    records: MOMENTS,
    same: { 'depth 2': 'depth 2', 'depth 3': 'depth 3' },
  },
  {
    name: 'd = 256, depth 3, 200 steps, every 10 (gemm-bound)',
    file: 'bench/experiments/ae256-depth-3.lnn.json',
    numpy: 'bench/numpy_ae256.py',
    target: 1.5,
    records: MOMENTS,
    same: { 'depth 3': 'depth 3' },
    floor: { part: 'depth 3', d: 256 }, // ae256-x.npy's columns (make_data.py)
  },
  {
    name: 'MNIST regression 784 × 10, depth 2, width 784, 300 steps, every 10',
    file: 'bench/experiments/mnist-regression-depth-2.lnn.json',
    numpy: 'bench/numpy_mnist_regression.py',
    target: 1.0,
    records: MOMENTS,
    same: { 'depth 2': 'depth 2' },
  },
  {
    name: 'ACHL completion 100 × 100, depths 2 and 3, grouprmsprop, 3000 steps, every 25',
    file: 'bench/experiments/achl-completion-depths-2-3.lnn.json',
    numpy: 'bench/numpy_achl_completion.py',
    target: 1.0,
    records: 'both: loss, σ(W), ‖W‖_*, reconstruction error at each record; lab also: the loss at every step, escape steps',
    same: { 'depth 2': 'depth 2', 'depth 3': 'depth 3' },
  },
];

const DATA = ['ae64-x.npy', 'ae256-x.npy', 'achl-m.npy', 'achl-mask.npy'].map((f) => join('bench/experiments/data', f));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const s = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '—' : `${x.toFixed(digits)} s`);

interface NumpyOut {
  wallSeconds: number;
  parts: Record<string, number>;
  finalLoss: Record<string, number>;
}

/** Best wall seconds of `reps` runs of the command, and the stdout of the best; null if it failed. */
function bestOf(cmd: string, args: string[], reps: number, env?: NodeJS.ProcessEnv): { seconds: number; stdout: string } | null {
  let best: { seconds: number; stdout: string } | null = null;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', env: env ? { ...process.env, ...env } : process.env, maxBuffer: 1 << 26 });
    const seconds = (performance.now() - t) / 1000;
    if (r.status !== 0) {
      console.log(`    ${cmd} ${args.join(' ')} failed: ${(r.stderr || r.error?.message || '').split('\n').filter(Boolean).slice(-1)[0] ?? ''}`);
      return null;
    }
    if (!best || seconds < best.seconds) best = { seconds, stdout: r.stdout };
  }
  return best;
}

function parseNumpy(stdout: string): NumpyOut | null {
  try {
    return JSON.parse(stdout.trim().split('\n').pop()!) as NumpyOut;
  } catch {
    return null;
  }
}

/** The lab's time in this process: preparing (data, theory), and per model its steps alone and its records. */
async function breakdown(file: string): Promise<{ prepare: number; models: Array<{ label: string; steps: number; records: number; flops: number }> }> {
  const t0 = performance.now();
  const read = readExperiment(readFileSync(file, 'utf8'));
  if (!read.experiment) throw new Error(`${file}: ${read.diagnostics.map((d) => d.message).join('; ')}`);
  const loaded = await loadProblem(read.experiment, nodeDataIO(file));
  if (!loaded.problem) throw new Error(`${file}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const problem = loaded.problem;
  const experiment = finishWidths(read.experiment, problemDims(problem));
  const theory = problem.kind === 'moments' ? computeTheory(problem, experiment.theory.rankTol) : null;
  staticDiagnostics(experiment, problem, theory);
  const prepare = (performance.now() - t0) / 1000;
  const engine = { factory: createFloat64Engine, backend: 'js' as const, precision: 'float64' as const };
  const models = [];
  for (let i = 0; i < experiment.models.length; i++) {
    const timed = async (input: ModelsInput) => {
      const t = performance.now();
      await runModelOf(input, i, engine);
      return (performance.now() - t) / 1000;
    };
    const stepsOnly = { ...experiment, record: { every: experiment.optimizer.steps } } as typeof experiment;
    const steps = await timed({ experiment: stepsOnly, problem, theory });
    const all = await timed({ experiment, problem, theory });
    const m = experiment.models[i];
    const { d, p } = problemDims(problem);
    const completion = problem.kind === 'completion';
    const flops = flopsPerStep(d, p, m.depth, m.width ?? d, experiment.optimizer.method, completion, completion ? problem.observedCount : undefined) * experiment.optimizer.steps;
    models.push({ label: m.label, steps, records: Math.max(0, all - steps), flops });
  }
  return { prepare, models };
}

function finalLosses(file: string): Record<string, number> {
  const r = JSON.parse(readFileSync(file, 'utf8')) as Results;
  return Object.fromEntries(r.runs.map((run) => [run.label, run.loss[run.loss.length - 1]]));
}

export async function endToEnd(quick = false): Promise<void> {
  const reps = quick ? 1 : 3;
  const cores = cpus().length;
  const tmp = mkdtempSync(join(tmpdir(), 'lnn-e2e-'));
  console.log(`\n## End to end against numpy (best of ${reps}; lnn-lab: node bin/lnn-lab.js run FILE, after npm run build; load average ${load()})`);
  if (DATA.some((f) => !existsSync(f))) {
    const r = spawnSync('python3', ['bench/experiments/make_data.py'], { encoding: 'utf8' });
    if (r.status !== 0) console.log(`  python3 bench/experiments/make_data.py failed (${r.stderr.trim().split('\n').pop() ?? r.error?.message}): the rows on files will fail`);
  }
  const peak = await wasmPeakGflops();
  console.log(`  one core's WebAssembly f64x2 peak (no FMA, bench/measure.ts wasmPeakGflops): ${peak.toFixed(2)} GFLOP/s; ${cores} cores`);
  if (cores > 1) {
    const together = await wasmPeakGflopsTogether(cores);
    const scale = together / peak;
    const note = scale < 0.9 * cores ? ` — below ${cores}×: the cores do not scale now (a shared or busy host), and the floors below, which count ${cores}× one core, are optimistic by that much` : '';
    console.log(`  the same kernel on ${cores} threads at once (wasmPeakGflopsTogether): ${together.toFixed(2)} GFLOP/s = ${scale.toFixed(2)}× one core's${note}`);
  }
  // `--rows 1,3`: only those rows (1-based), and no check row unless it is listed as 6
  const pick = process.argv.includes('--rows') ? process.argv[process.argv.indexOf('--rows') + 1].split(',').map(Number) : null;
  for (const [i, row] of ROWS.entries()) {
    if (pick && !pick.includes(i + 1)) continue;
    console.log(`\n  ${row.name}`);
    const out = join(tmp, 'results.json');
    const labArgs = ['bin/lnn-lab.js', 'run', row.file, '-q', '--no-progress', '--out', out];
    const lab = bestOf('node', labArgs, reps);
    const labLoss = lab ? finalLosses(out) : null;
    // the fixed cost: the same file cut to one step (data paths made absolute, the copy lives in tmp)
    const one = join(tmp, 'one-step.lnn.json');
    writeFileSync(one, readFileSync(row.file, 'utf8').replace(/"steps": \d+/, '"steps": 1').replace(/"data\//g, `"${resolve(dirname(row.file))}/data/`));
    const fixed = bestOf('node', ['bin/lnn-lab.js', 'run', one, '-q', '--no-progress', '--out', join(tmp, 'one.json')], reps);
    const numpy = bestOf('python3', [row.numpy], reps);
    const numpy1 = bestOf('python3', [row.numpy], reps, { OPENBLAS_NUM_THREADS: '1' });
    const np = numpy ? parseNumpy(numpy.stdout) : null;
    const np1 = numpy1 ? parseNumpy(numpy1.stdout) : null;
    const ratio = lab && numpy ? lab.seconds / numpy.seconds : null;
    let floor: number | null = null;
    // the floor from numpy's faster loop, on every core or on one (a loaded machine slows the threaded one most)
    const loop = [np, np1].map((o) => (row.floor && o?.parts[row.floor.part]) || Infinity);
    if (row.floor && Math.min(...loop) < Infinity) {
      const read = readExperiment(readFileSync(row.file, 'utf8')).experiment!;
      const { d } = row.floor;
      const m = read.models[0];
      const flops = flopsPerStep(d, d, m.depth, m.width ?? d, read.optimizer.method) * read.optimizer.steps;
      const numpyGflops = flops / Math.min(...loop) / 1e9;
      floor = numpyGflops / (cores * peak);
      console.log(`    numpy's loop (${loop[0] <= loop[1] ? 'every core' : 'one thread'}, the faster): ${numpyGflops.toFixed(2)} GFLOP/s (its steps' flops over its loop's seconds, records included); floor = ${numpyGflops.toFixed(2)} / (${cores} × ${peak.toFixed(2)}) = ${floor.toFixed(2)}×`);
    }
    const target = floor !== null && floor > row.target ? `within 10 % of the floor: ≤ ${(1.1 * floor).toFixed(2)}×` : `≤ ${row.target.toFixed(1)}×`;
    const met = ratio === null ? '' : ratio <= (floor !== null && floor > row.target ? 1.1 * floor : row.target) ? 'met' : 'NOT met';
    const ratio1 = lab && numpy1 ? ` (against one thread ${(lab.seconds / numpy1.seconds).toFixed(2)}×)` : '';
    console.log(`    lnn-lab ${s(lab?.seconds)}   numpy ${s(numpy?.seconds)} (one thread ${s(numpy1?.seconds)})   ratio ${ratio?.toFixed(2) ?? '—'}×${ratio1}   target ${target}   ${met}`);
    if (np?.parts && numpy) {
      const inParts = Object.values(np.parts).reduce((a, b) => a + b, 0);
      console.log(`    numpy parts: start-up and import ${s(numpy.seconds - inParts)}, ${Object.entries(np.parts).map(([k, v]) => `${k} ${s(v)}`).join(', ')}`);
    }
    try {
      const b = await breakdown(row.file);
      const inProcess = b.prepare + b.models.reduce((a, m) => a + m.steps + m.records, 0);
      console.log(`    lnn-lab parts (in process, one thread): prepare ${s(b.prepare)}, ${b.models.map((m) => `${m.label}: steps ${s(m.steps)} records ${s(m.records)}`).join(', ')}; sum ${s(inProcess)}`);
      // a bound no kernel doing the same flops can beat: each model's steps at one core's peak, a lone model's on every core
      const atPeak = b.models.map((m) => m.flops / (peak * 1e9));
      const bound = atPeak.length === 1 ? atPeak[0] / cores : atPeak.length <= cores ? Math.max(...atPeak) : atPeak.reduce((a, x) => a + x, 0) / cores;
      if (numpy) console.log(`    the steps' flops (cost.ts flopsPerStep) at the WebAssembly peak, ${atPeak.length === 1 ? `on ${cores} cores` : 'one core per model'}: ${s(bound)} = ${(bound / numpy.seconds).toFixed(2)}× numpy's whole run`);
      if (lab && fixed) console.log(`    lnn-lab fixed cost (the file cut to 1 step: start-up, data, theory, workers, results file) ${s(fixed.seconds)}; the rest, ${s(lab.seconds - fixed.seconds)}, is the models' steps and records (the CLI runs them in parallel, one per worker)`);
    } catch (e) {
      console.log(`    lnn-lab parts: failed (${(e as Error).message})`);
    }
    if (row.same && labLoss && np) {
      const rel = Object.entries(row.same).map(([l, n]) => Math.abs(labLoss[l] - np.finalLoss[n]) / Math.max(Math.abs(np.finalLoss[n]), 1e-300));
      console.log(`    same work: final losses agree to ${Math.max(...rel).toExponential(1)} (relative; ${Object.keys(row.same).join(', ')})`);
    }
    console.log(`    records: ${row.records}`);
    console.log(`    reproduce: node ${labArgs.slice(0, 3).join(' ')} --out /tmp/x.json   and   python3 ${row.numpy}   (OPENBLAS_NUM_THREADS=1 for one thread)`);
  }
  if (!pick || pick.includes(ROWS.length + 1)) await mnistCheck(reps);
  console.log(`  load average after: ${load()}`);
}

/** `lnn-lab check` of GBL Table 1's MNIST example against the same theory in numpy, each part timed. */
async function mnistCheck(reps: number): Promise<void> {
  const file = 'examples/gbl-table1-mnist.lnn.json';
  console.log(`\n  check of MNIST (${file}) against bench/numpy_mnist_theory.py   target ≤ 1.0×`);
  const lab = bestOf('node', ['bin/lnn-lab.js', 'check', file], reps);
  const numpy = bestOf('python3', ['bench/numpy_mnist_theory.py'], reps);
  const ratio = lab && numpy ? lab.seconds / numpy.seconds : null;
  console.log(`    lnn-lab check ${s(lab?.seconds)}   numpy ${s(numpy?.seconds)}   ratio ${ratio?.toFixed(2) ?? '—'}×   ${ratio === null ? '' : ratio <= 1 ? 'met' : 'NOT met'}`);
  // the lab's parts in this process: the digits and their moments, the theory, the diagnostics
  const read = readExperiment(readFileSync(file, 'utf8'));
  if (read.experiment) {
    let t = performance.now();
    const loaded = await loadProblem(read.experiment, nodeDataIO(file));
    const loadS = (performance.now() - t) / 1000;
    if (loaded.problem?.kind === 'moments') {
      t = performance.now();
      const theory = computeTheory(loaded.problem, read.experiment.theory.rankTol);
      const theoryS = (performance.now() - t) / 1000;
      t = performance.now();
      staticDiagnostics(finishWidths(read.experiment, problemDims(loaded.problem)), loaded.problem, theory);
      console.log(`    lnn-lab parts (in process): load digits + moments ${s(loadS)}, theory (computeTheory) ${s(theoryS)}, diagnostics ${s((performance.now() - t) / 1000)}`);
    }
  }
  if (numpy) {
    const parts = numpy.stdout.split('\n').filter((l) => l.includes('numpy ') && !l.includes('total'));
    console.log(`    numpy parts: ${parts.map((l) => l.trim().replace(/^numpy /, '').replace(/\s+/g, ' ')).join(', ')}`);
  }
  console.log('    reproduce: node bin/lnn-lab.js check examples/gbl-table1-mnist.lnn.json   and   python3 bench/numpy_mnist_theory.py');
}
