// npx tsx bench/wasm-gemm.ts [--quick] (or npm run bench -- --only gemm): the float64 engine's matrix
// products against one core's measured WebAssembly SIMD peak. Figures printed, never asserted.
//  1. The peak: independent f64x2 multiply and add chains (src/core/linalg/wasm/gemmPeak.wat, no FMA:
//     the engine's own arithmetic), and what relaxed-SIMD FMA would reach (gemmFma.wat, a module the
//     engine never uses: relaxed_madd may or may not fuse, so results would differ between machines).
//  2. The micro-kernels alone on L1-resident packed panels: NN/TN order, NT order, and NT with FMA.
//  3. Each form (NN, TN, NT) at n = 64, 128, 256, 784: the direct kernels (blockedMin = Infinity) and
//     the blocked ones (packed panels, 4×4 register tiles), alternated back to back, medians, as a
//     fraction of the peak; and the JS fallback (src/core/linalg/gemm.ts) once.
//  4. A GBL §4.2-shaped gradient step (d = 20, depth 2) with each kernel set.
// The machine may be shared: every figure is a median of alternating runs, in GFLOP/s per second of
// this process's CPU time (process.cpuUsage), with the wall-clock figure beside it; the load average
// is printed.
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { gemm, gemmNT, gemmTN } from '../src/core/linalg/gemm';
import { gemmFmaWasmBase64 } from '../src/core/linalg/wasm/gemmFmaWasm.generated';
import { gemmPeakWasmBase64 } from '../src/core/linalg/wasm/gemmPeakWasm.generated';
import { gemmWasmBase64 } from '../src/core/linalg/wasm/gemmWasm.generated';
import { WasmArena, arenaDoubles, wasmSimdAvailable } from '../src/core/linalg/wasm/wasmGemm';

const quick = process.argv.includes('--quick');
const reps = quick ? 3 : 7;
type Kernel = (A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number) => void;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

let seed = 1;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5);

/** [cpu, wall] GFLOP/s of calling f (flops each) for about ms milliseconds. */
function rate(f: () => void, flops: number, ms: number): [number, number] {
  let calls = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    f();
    calls++;
  }
  const c = process.cpuUsage(c0);
  const wall = (performance.now() - t0) / 1000;
  return [(flops * calls) / ((c.user + c.system) / 1e6) / 1e9, (flops * calls) / wall / 1e9];
}

/** Medians of [cpu, wall] GFLOP/s of each of fs, run alternately `reps` times after a warm-up (JIT tier-up). */
function alternate(fs: Array<() => void>, flops: number, ms: number): Array<[number, number]> {
  for (const f of fs) rate(f, flops, Math.max(150, ms)); // warm-up: Liftoff → TurboFan
  const got = fs.map(() => [[], []] as [number[], number[]]);
  for (let r = 0; r < reps; r++) {
    fs.forEach((f, i) => {
      const [c, w] = rate(f, flops, ms);
      got[i][0].push(c);
      got[i][1].push(w);
    });
  }
  return got.map(([c, w]) => [median(c), median(w)]);
}
const fmt = ([c, w]: [number, number]) => `${c.toFixed(2).padStart(6)} (${w.toFixed(2).padStart(5)})`;

function decode(b64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(Buffer.from(b64, 'base64'));
}

export function wasmGemmBench(): void {
  if (!wasmSimdAvailable()) {
    console.log('WebAssembly SIMD is not available here: nothing to measure.');
    return;
  }
  console.log(`\n## WebAssembly SIMD gemm against one core's peak (medians of ${reps} alternating runs; GFLOP/s per CPU second, wall in parentheses; load average ${load()})`);

  // 1. the peak
  const peakMod = new WebAssembly.Instance(new WebAssembly.Module(decode(gemmPeakWasmBase64))).exports as { peak(iters: number, m: number, a: number): number };
  type FmaExports = { peakFma(iters: number, m: number, a: number): number; kernelNT(pa: number, pb: number, c: number, ldc: number, ng: number, init: number): void };
  let fmaMod = null as FmaExports | null;
  const fmaMemory = new WebAssembly.Memory({ initial: 4 });
  try {
    setFlagsFromString('--experimental-wasm-relaxed-simd'); // Node 20; later V8s ship relaxed SIMD
    fmaMod = new WebAssembly.Instance(new WebAssembly.Module(decode(gemmFmaWasmBase64)), { env: { memory: fmaMemory } }).exports as unknown as FmaExports;
  } catch {
    fmaMod = null;
  }
  const ITERS = 1 << 16;
  const [peak, peakFma] = alternate(
    [() => void peakMod.peak(ITERS, 1, 0.5), ...(fmaMod ? [() => void fmaMod!.peakFma(ITERS, 1, 0.5)] : [])],
    ITERS * 4 * 12 * 2,
    100,
  );
  // peakFma does the same number of vector operations with 4 flops each
  const fmaPeak: [number, number] | null = peakFma ? [peakFma[0] * 2, peakFma[1] * 2] : null;
  console.log(`  peak, f64x2 mul + add chains (no FMA):   ${fmt(peak)} GFLOP/s   <- the engine's ceiling`);
  if (fmaPeak) console.log(`  peak, f64x2 relaxed_madd chains (FMA):  ${fmt(fmaPeak)} GFLOP/s   ×${(fmaPeak[0] / peak[0]).toFixed(2)} (not used: results would depend on the CPU)`);
  else console.log('  relaxed SIMD is not available here: no FMA figures');
  const pct = (g: [number, number]) => `${((100 * g[0]) / peak[0]).toFixed(0).padStart(3)} %`;

  // 2. micro-kernels on packed panels in L1 (kc = 256: A 16 KB splatted, B 8 KB)
  {
    const memory = new WebAssembly.Memory({ initial: 4 });
    const e = new WebAssembly.Instance(new WebAssembly.Module(decode(gemmWasmBase64)), { env: { memory } }).exports as Record<string, (...a: number[]) => void>;
    const kc = 256, pa = 4096, c = pa + kc * 64 + 4096, pb = c + 4096;
    for (const mem of [memory, fmaMemory]) {
      const f = new Float64Array(mem.buffer);
      for (let i = 0; i < f.length; i++) f[i] = rand();
    }
    const flops = 2 * 16 * kc;
    const run = (fn: (...a: number[]) => void) => () => { for (let t = 0; t < 16; t++) fn(pa, pb - 256, c, 32, kc >> 2, 2); };
    const fs = [run(e.kernelNN), run(e.kernelNT), ...(fmaMod ? [run(fmaMod.kernelNT as (...a: number[]) => void)] : [])];
    const [nn, nt, fma] = alternate(fs, 16 * flops, 60);
    console.log(`  micro-kernel 4×4, kc = 256, panels in L1:  NN/TN ${fmt(nn)} ${pct(nn)}   NT ${fmt(nt)} ${pct(nt)}${fma ? `   NT with FMA ${fmt(fma)} ×${(fma[0] / nt[0]).toFixed(2)}` : ''}`);
  }

  // 3. each form, n×n×n
  console.log('\n     n  form   direct                blocked               the engine’s choice   peak   js fallback');
  const sizes = quick ? [64, 256, 784] : [64, 128, 256, 784];
  for (const n of sizes) {
    const arena = new WasmArena(arenaDoubles([n * n, n * n, n * n]));
    const choice = [arena.blockedMin, arena.blockedMinB, arena.blockedMinSide] as const;
    const A = arena.alloc(n * n), B = arena.alloc(n * n), C = arena.alloc(n * n);
    for (let i = 0; i < n * n; i++) (A[i] = rand()), (B[i] = rand());
    const Aj = Float64Array.from(A), Bj = Float64Array.from(B), Cj = new Float64Array(n * n);
    const flops = 2 * n * n * n;
    const ms = n >= 784 ? 300 : 80;
    const forms: Array<[string, Kernel, Kernel]> = [
      ['NN', arena.gemm.bind(arena), gemm],
      ['TN', arena.gemmTN.bind(arena), gemmTN],
      ['NT', arena.gemmNT.bind(arena), gemmNT],
    ];
    for (const [name, wasm, js] of forms) {
      const direct = () => { arena.blockedMin = Infinity; wasm(A, B, C, n, n, n); };
      const blocked = () => { arena.blockedMin = arena.blockedMinB = arena.blockedMinSide = 0; wasm(A, B, C, n, n, n); };
      // the arena's own choice (wasmGemm.ts): direct or blocked by shape, NT on Bᵀ where NN is direct
      const engine = () => { [arena.blockedMin, arena.blockedMinB, arena.blockedMinSide] = choice; wasm(A, B, C, n, n, n); };
      const [d, b, e] = alternate([direct, blocked, engine], flops, ms);
      const j = quick && n === 784 ? null : rate(() => js(Aj, Bj, Cj, n, n, n), flops, ms);
      console.log(`  ${String(n).padStart(4)}  ${name}    ${fmt(d)} ${pct(d)}   ${fmt(b)} ${pct(b)}   ${fmt(e)} ${pct(e)}        ${j ? fmt(j) : '—'}`);
    }
  }

  // 4. GBL §4.2-shaped step: the four products of GradientWorkspace.evaluate for d = 20, depth 2, plus
  // the residual loop and the two axpy updates, as the engine runs them.
  {
    const d = 20, dd = d * d;
    type K = { gemm: Kernel; gemmTN: Kernel; gemmNT: Kernel; axpy: (a: number, x: Float64Array, y: Float64Array) => void };
    const init = Array.from({ length: 4 }, () => Float64Array.from({ length: dd }, () => 0.1 * rand()));
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
    const [sj, sw] = alternate([step((n) => new Float64Array(n), { gemm, gemmTN, gemmNT, axpy: jsAxpy }), step((n) => arena.alloc(n), wK)], flops, 100);
    console.log(`\n  GBL §4.2-shaped gradient step (d = 20, depth 2: 4 products + residual + 2 axpy):`);
    console.log(`    js ${((sj[0] * 1e9) / flops).toFixed(0)} steps/s, wasm ${((sw[0] * 1e9) / flops).toFixed(0)} steps/s (×${(sw[0] / sj[0]).toFixed(2)}); 20 000 steps: wasm ${((20000 * flops) / (sw[0] * 1e9)).toFixed(2)} s`);
  }
  console.log(`  load average after: ${load()}; reproduce: npm run bench -- --only gemm (or npx tsx bench/wasm-gemm.ts [--quick])`);
}

if (process.argv[1] && /wasm-gemm\.ts$/.test(process.argv[1])) wasmGemmBench();
