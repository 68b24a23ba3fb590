// What the engines section of npm run bench measures, shared by Node (bench/run.ts) and the
// browser page (bench/webgl-page.ts): the random problem and the timed loop. No Node APIs here.
import { factorShapes, problemDims } from '../src/core/dynamics/gradient';
import type { EngineFactory } from '../src/core/dynamics/engine';
import type { Mat, MomentsProblem, Problem } from '../src/core/types';

/** A random moments problem: Σx = AᵀA/n + 0.1 I (well conditioned), Σxy = Σx W_true. */
export function randomProblem(d: number, p: number): MomentsProblem {
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

export interface Timing {
  /** Steps per second of the best pass. */
  stepsPerSecond: number;
  /** Steps between read-backs (a pass is about 20 such chunks, or one chunk of one step when a step is that slow). */
  chunk: number;
  /** Passes timed. */
  passes: number;
}

/**
 * Steps/s of `factory`'s engine on gd from a small identity init. Warm-up (JIT, kernels, shader
 * compilation, uploads): one step, then (unless that step took a whole pass) doubling chunks until
 * one takes ≥ seconds/20: that is the chunk. A pass runs chunks, each followed by a read-back of W as a run's record does (so about every
 * 5 % of the steps), until `seconds` have passed; the best of `reps` passes counts (the machine may be
 * shared), fewer when the cell has already taken `maxSeconds`.
 */
export async function stepsPerSecond(
  factory: EngineFactory,
  problem: Problem,
  depth: number,
  width: number,
  seconds: number,
  reps = 1,
  maxSeconds = Infinity,
): Promise<Timing> {
  const started = performance.now();
  const { d, p } = problemDims(problem);
  const factors: Mat[] = factorShapes(d, p, depth, width).map(([r, c]) => {
    const m = { rows: r, cols: c, data: new Float64Array(r * c) };
    for (let i = 0; i < Math.min(r, c); i++) m.data[i * c + i] = 0.05;
    return m;
  });
  const engine = await factory({ problem, depth, width, method: 'gd', stepSize: 1e-3, factors });
  try {
    const limits = { divergeAbove: Infinity, stopLoss: null };
    const chunkOf = async (n: number) => {
      const t = performance.now();
      await engine.advance(n, limits);
      await engine.endToEnd(); // a record's read-back, as in a run
      return (performance.now() - t) / 1000;
    };
    let chunk = 1;
    // a first step slower than a whole pass (d = 784 on tfjs): that was the warm-up, and the chunk is 1
    if ((await chunkOf(1)) < seconds) while ((await chunkOf(chunk)) < seconds / 20 && chunk < 1 << 20) chunk *= 2;
    let best = 0;
    let passes = 0;
    for (let r = 0; r < reps && (r === 0 || (performance.now() - started) / 1000 < maxSeconds); r++) {
      const t = performance.now();
      let done = 0;
      let dt = 0;
      do {
        await chunkOf(chunk);
        done += chunk;
        dt = (performance.now() - t) / 1000;
      } while (dt < seconds);
      best = Math.max(best, done / dt);
      passes++;
    }
    return { stepsPerSecond: best, chunk, passes };
  } finally {
    engine.dispose();
  }
}

/**
 * One core's WebAssembly f64x2 peak without FMA (GFLOP/s per CPU-bound second of wall time): the
 * independent mul and add chains of src/core/linalg/wasm/gemmPeak.wat (48 vector ops of 2 flops per
 * iteration), the best of `reps` runs of about `ms` each after a warm-up; bench/wasm-gemm.ts prints
 * the same figure beside the kernels. The engine's ceiling per core.
 */
export async function wasmPeakGflops(ms = 150, reps = 5): Promise<number> {
  const { gemmPeakWasmBase64 } = await import('../src/core/linalg/wasm/gemmPeakWasm.generated');
  const bytes = Uint8Array.from(atob(gemmPeakWasmBase64), (c) => c.charCodeAt(0));
  const peak = (new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as { peak(iters: number, m: number, a: number): number }).peak;
  const ITERS = 1 << 16;
  const flops = ITERS * 4 * 12 * 2;
  let best = 0;
  for (let r = 0; r <= reps; r++) {
    let calls = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < ms) {
      peak(ITERS, 1, 0.5);
      calls++;
    }
    if (r > 0) best = Math.max(best, (flops * calls) / ((performance.now() - t0) / 1000) / 1e9); // r = 0: warm-up (Liftoff → TurboFan)
  }
  return best;
}

/**
 * The same peak kernel on `threads` worker threads at once (each warmed up, then ~`ms` of calls):
 * their GFLOP/s summed — what the cores give together. Against `threads` × wasmPeakGflops it says
 * whether this machine's cores scale (a VM's vCPUs can share a physical core, or a busy host):
 * the gemm team's and the two-model rows' ceiling. bench/peak2.ts prints it alone.
 */
export async function wasmPeakGflopsTogether(threads: number, ms = 600): Promise<number> {
  const { Worker } = await import('node:worker_threads');
  const { gemmPeakWasmBase64 } = await import('../src/core/linalg/wasm/gemmPeakWasm.generated');
  const body = `
const { workerData, parentPort } = require('node:worker_threads');
const bytes = Uint8Array.from(atob(workerData.b64), (c) => c.charCodeAt(0));
const peak = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.peak;
const ITERS = 1 << 16, flops = ITERS * 4 * 12 * 2;
function spin(ms) { let calls = 0; const t0 = performance.now(); while (performance.now() - t0 < ms) { peak(ITERS, 1, 0.5); calls++; } return flops * calls / ((performance.now() - t0) / 1000) / 1e9; }
spin(200);
parentPort.postMessage(spin(workerData.ms));
`;
  const rates = await Promise.all(
    Array.from({ length: threads }, () => {
      const w = new Worker(body, { eval: true, workerData: { b64: gemmPeakWasmBase64, ms } });
      return new Promise<number>((resolve, reject) => {
        w.once('error', reject);
        w.once('message', (m: number) => void w.terminate().then(() => resolve(m)));
      });
    }),
  );
  return rates.reduce((a, b) => a + b, 0);
}

