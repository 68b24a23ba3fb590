// npx tsx bench/wasm-gemm.ts [--quick]: GFLOP/s of the JS kernels (src/core/linalg/gemm.ts) against
// the WebAssembly SIMD kernels (src/core/linalg/wasm) for square sizes, best of several timed runs
// (the machine may be shared), and a GBL §4.2-shaped gradient step (d = 20, depth 2: four 20×20×20
// products) with each kernel set. Figures printed, never asserted.
import { gemm, gemmNT, gemmTN } from '../src/core/linalg/gemm';
import { WasmArena, arenaDoubles, wasmSimdAvailable } from '../src/core/linalg/wasm/wasmGemm';

const quick = process.argv.includes('--quick');
const sizes = [20, 100, 200, 784];
const runs = quick ? 3 : 7;
type Kernel = (A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number) => void;

if (!wasmSimdAvailable()) {
  console.log('WebAssembly SIMD is not available here: nothing to compare.');
  process.exit(0);
}

let seed = 1;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5);

/** Best GFLOP/s over `runs` timed runs of ~`ms` milliseconds each. */
function gflops(f: () => void, flops: number, ms: number): number {
  const warm = performance.now() + ms; // JIT warm-up
  while (performance.now() < warm) f();
  let reps = 1;
  for (;;) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) f();
    const dt = performance.now() - t;
    if (dt > ms / 4) break;
    reps *= 2;
  }
  reps = Math.max(1, Math.round(reps * 2));
  let best = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    for (let q = 0; q < reps; q++) f();
    const s = (performance.now() - t) / 1000;
    best = Math.max(best, (flops * reps) / s / 1e9);
  }
  return best;
}

console.log(`## GFLOP/s, C = op(A)·op(B), n×n×n (best of ${runs}; 2n³ flops)`);
console.log('   n  kernel    js      wasm    ×');
for (const n of sizes) {
  const arena = new WasmArena(arenaDoubles([n * n, n * n, n * n]));
  const A = arena.alloc(n * n), B = arena.alloc(n * n), C = arena.alloc(n * n);
  for (let i = 0; i < n * n; i++) (A[i] = rand()), (B[i] = rand());
  // the JS kernels on plain Float64Arrays, as the engine holds its buffers today
  const Aj = Float64Array.from(A), Bj = Float64Array.from(B), Cj = new Float64Array(n * n);
  const flops = 2 * n * n * n;
  const ms = n >= 784 ? 400 : 150;
  const kernels: Array<[string, Kernel, Kernel]> = [
    ['gemm', gemm, arena.gemm.bind(arena)],
    ['gemmTN', gemmTN, arena.gemmTN.bind(arena)],
    ['gemmNT', gemmNT, arena.gemmNT.bind(arena)],
  ];
  for (const [name, js, wasm] of kernels) {
    if (quick && n === 784 && name !== 'gemm') continue;
    const gj = gflops(() => js(Aj, Bj, Cj, n, n, n), flops, ms);
    const gw = gflops(() => wasm(A, B, C, n, n, n), flops, ms);
    console.log(`${String(n).padStart(4)}  ${name.padEnd(7)} ${gj.toFixed(2).padStart(6)}  ${gw.toFixed(2).padStart(6)}  ${(gw / gj).toFixed(2).padStart(5)}`);
  }
}

// GBL §4.2-shaped step: the four products of GradientWorkspace.evaluate for d = 20, depth 2, plus the
// residual loop and the two axpy updates, as the engine would run them.
{
  const d = 20, dd = d * d;
  type K = { gemm: Kernel; gemmTN: Kernel; gemmNT: Kernel; axpy: (a: number, x: Float64Array, y: Float64Array) => void };
  const init = Array.from({ length: 4 }, () => Float64Array.from({ length: dd }, () => 0.1 * rand()));
  /** One step on ten buffers from `alloc`, with kernels `k`. */
  const step = (alloc: (n: number) => Float64Array, k: K) => {
    const [W1, W2, W, SX, SW, SXY, G, g1, g2, LG] = Array.from({ length: 10 }, () => alloc(dd));
    W1.set(init[0]), W2.set(init[1]), SX.set(init[2]), SXY.set(init[3]);
    return () => {
      k.gemm(W1, W2, W, d, d, d);
      k.gemm(SX, W, SW, d, d, d);
      for (let i = 0; i < dd; i++) G[i] = SW[i] - SXY[i];
      k.gemmNT(G, W2, g1, d, d, d);
      k.gemmTN(W1, G, LG, d, d, d);
      g2.set(LG);
      k.axpy(-1e-6, g1, W1);
      k.axpy(-1e-6, g2, W2);
    };
  };
  const jsAxpy = (a: number, x: Float64Array, y: Float64Array) => { for (let i = 0; i < x.length; i++) y[i] += a * x[i]; };
  const arena = new WasmArena(arenaDoubles(Array(10).fill(dd)));
  const wK: K = { gemm: arena.gemm.bind(arena), gemmTN: arena.gemmTN.bind(arena), gemmNT: arena.gemmNT.bind(arena), axpy: arena.axpy.bind(arena) };
  const flops = 4 * 2 * d * d * d;
  const sj = gflops(step((n) => new Float64Array(n), { gemm, gemmTN, gemmNT, axpy: jsAxpy }), flops, 300);
  const sw = gflops(step((n) => arena.alloc(n), wK), flops, 300);
  console.log(`\n## GBL §4.2-shaped gradient step (d = 20, depth 2: 4 products + residual + 2 axpy; best of ${runs})`);
  console.log(`  js:   ${((sj * 1e9) / flops).toFixed(0)} steps/s (${sj.toFixed(2)} GFLOP/s)`);
  console.log(`  wasm: ${((sw * 1e9) / flops).toFixed(0)} steps/s (${sw.toFixed(2)} GFLOP/s)  ×${(sw / sj).toFixed(2)}`);
  console.log(`  20 000 steps: js ${((20000 * flops) / (sj * 1e9)).toFixed(2)} s, wasm ${((20000 * flops) / (sw * 1e9)).toFixed(2)} s`);
}
