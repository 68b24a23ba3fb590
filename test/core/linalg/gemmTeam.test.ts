// The gemm team (src/core/linalg/wasm/gemmTeam.ts): products split by blocks of rows of C over
// helper threads on one shared WebAssembly.Memory give the single-threaded kernels' bits — the JS
// kernels of gemm.ts (SIMD off) and the one-thread arena (SIMD on) — on odd sizes in every form,
// blocked kernels on and off, on 1, 2 and 3 helpers; within 1e-14 of a naive triple loop; leases
// are taken and given back; a disposed team's threads end. The threads are injected as the engine's
// host does (src/compute/gemmTeam.ts), here worker threads running the TypeScript source under tsx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { gemm, gemmNT, gemmTN } from '../../../src/core/linalg/gemm';
import { localLease, type GemmThreads, type ThreadLease } from '../../../src/core/linalg/wasm/gemmTeam';
import { WasmArena, arenaDoubles, wasmThreadsAvailable, type Float64Arena } from '../../../src/core/linalg/wasm/wasmGemm';

const TEAM_SOURCE = resolve(__dirname, '../../../src/core/linalg/wasm/gemmTeam.ts');

/** Helper threads: worker threads that load gemmTeam.ts under tsx and serve their slot. */
function tsxThreads(maxHelpers: number, lease: ThreadLease = localLease(maxHelpers), started: Worker[] = []): GemmThreads {
  return {
    maxHelpers,
    lease,
    start(module, memory, control, slot) {
      const code = `require('tsx/cjs/api').register();
        const { workerData } = require('node:worker_threads');
        require(${JSON.stringify(TEAM_SOURCE)}).serveGemmTeam(workerData.module, workerData.memory, workerData.control, workerData.slot);`;
      const w = new Worker(code, { eval: true, workerData: { module, memory, control, slot } });
      started.push(w);
      return { terminate: () => void w.terminate() };
    },
  };
}

async function readyTeam(arena: WasmArena, n: number): Promise<void> {
  arena.team!.prestart(n);
  const t0 = Date.now();
  while (arena.team!.ready < n) {
    if (Date.now() - t0 > 30_000) throw new Error('helpers did not start');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}
const rand = lcg(5);
const fill = (x: Float64Array) => {
  for (let i = 0; i < x.length; i++) x[i] = rand();
  return x;
};
type Op = 'NN' | 'TN' | 'NT';
const jsKernel = { NN: gemm, TN: gemmTN, NT: gemmNT };
const arenaKernel = (a: Float64Arena, op: Op) => (op === 'NN' ? a.gemm.bind(a) : op === 'TN' ? a.gemmTN.bind(a) : a.gemmNT.bind(a));
const getA = (op: Op, A: Float64Array, i: number, l: number, m: number, k: number) => (op === 'TN' ? A[l * m + i] : A[i * k + l]);
const getB = (op: Op, B: Float64Array, l: number, j: number, k: number, n: number) => (op === 'NT' ? B[j * k + l] : B[l * n + j]);
const bitsEqual = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));

/** max over entries of |C − naive| / Σ_l |a_il b_lj|: the naive triple loop, summed left to right. */
function relErr(op: Op, A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): number {
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0, scale = 0;
      for (let l = 0; l < k; l++) {
        const p = getA(op, A, i, l, m, k) * getB(op, B, l, j, k, n);
        s += p;
        scale += Math.abs(p);
      }
      if (scale > 0) worst = Math.max(worst, Math.abs(C[i * n + j] - s) / scale);
    }
  }
  return worst;
}

const SHAPES: (readonly [number, number, number])[] = [
  ...[1, 7, 33, 129, 257].map((s) => [s, s, s] as const),
  [7, 33, 1], [129, 7, 33], [257, 33, 129], [9, 600, 11], [131, 515, 517], [5, 10, 199],
];

test('threaded products (1–3 helpers; blocked, direct, and the default choice — NT on Bᵀ transposed where NN is direct) equal the JS kernels and the one-thread arena bit for bit, and the naive loop within 1e-14', { skip: !wasmThreadsAvailable() && 'no shared WebAssembly memory' }, async () => {
  for (const helpers of [1, 2, 3]) {
    const arena = new WasmArena(arenaDoubles([600 * 600, 600 * 600, 600 * 600]), { team: tsxThreads(helpers) });
    const single = new WasmArena(arenaDoubles([600 * 600, 600 * 600, 600 * 600]));
    arena.teamMin = 0; // every product of more than four rows is split
    try {
      await readyTeam(arena, helpers);
      const A = arena.alloc(600 * 600), B = arena.alloc(600 * 600), C = arena.alloc(600 * 600);
      const A1 = single.alloc(600 * 600), B1 = single.alloc(600 * 600), C1 = single.alloc(600 * 600);
      const DEFAULT_CHOICE = [arena.blockedMin, arena.blockedMinB, arena.blockedMinSide] as const;
      for (const op of ['NN', 'TN', 'NT'] as const) {
        for (const [m, k, n] of SHAPES) {
          for (const blocked of [true, false, 'default'] as const) {
            for (const x of [arena, single]) {
              if (blocked === 'default') [x.blockedMin, x.blockedMinB, x.blockedMinSide] = DEFAULT_CHOICE;
              else x.blockedMin = x.blockedMinB = x.blockedMinSide = blocked ? 0 : Infinity;
            }
            const a = fill(A.subarray(0, m * k)), b = fill(B.subarray(0, k * n)), c = fill(C.subarray(0, m * n)); // C's old contents must not matter
            const before = arena.team!.threadedProducts;
            arenaKernel(arena, op)(a, b, c, m, k, n);
            assert.equal(arena.team!.threadedProducts, before + (m > 4 ? 1 : 0), `${op} ${m}×${k}×${n}: split over threads`);
            const ref = new Float64Array(m * n).fill(NaN);
            jsKernel[op](Float64Array.from(a), Float64Array.from(b), ref, m, k, n);
            const tag = `${op} ${m}×${k}×${n} on ${helpers + 1} threads (blocked ${blocked})`;
            assert.ok(bitsEqual(c, ref), `${tag}: not the JS kernel's bits`);
            A1.set(a), B1.set(b), C1.fill(NaN);
            arenaKernel(single, op)(A1.subarray(0, m * k), B1.subarray(0, k * n), C1.subarray(0, m * n), m, k, n);
            assert.ok(bitsEqual(c, C1.subarray(0, m * n)), `${tag}: not the one-thread arena's bits`);
            if (m * k * n <= 3e6) assert.ok(relErr(op, a, b, c, m, k, n) <= 1e-14, `${tag}: error against the naive loop`);
          }
        }
      }
    } finally {
      arena.dispose();
    }
  }
});

test('the lease: a product takes only the threads lent, gives them back, and below 2·teamMin asks for none', { skip: !wasmThreadsAvailable() && 'no shared WebAssembly memory' }, async () => {
  let free = 0;
  const asked: number[] = [];
  const lease: ThreadLease = {
    acquire: (want) => {
      const g = Math.min(want, free);
      free -= g;
      asked.push(want);
      return g;
    },
    release: (g) => {
      free += g;
    },
  };
  const arena = new WasmArena(arenaDoubles([3 * 128 * 128]), { team: tsxThreads(2, lease) });
  try {
    await readyTeam(arena, 2);
    const A = fill(arena.alloc(128 * 128)), B = fill(arena.alloc(128 * 128)), C = arena.alloc(128 * 128);
    const ref = new Float64Array(128 * 128);
    gemm(A, B, ref, 128, 128, 128);
    arena.gemm(A, B, C, 128, 128, 128); // 128³ ≥ 2·teamMin: asks for at most maxHelpers = 2; none lent
    assert.deepEqual([asked, free, arena.team!.threadedProducts], [[2], 0, 0]);
    free = 1;
    C.fill(0);
    arena.gemm(A, B, C, 128, 128, 128);
    assert.deepEqual([asked.at(-1), free, arena.team!.threadedProducts], [2, 1, 1], 'the one helper lent, used and given back');
    assert.ok(bitsEqual(C, ref));
    free = 5;
    arena.gemm(A, B, C, 32, 32, 32); // below 2·teamMin (teamMin = 64²·32): no lease asked
    assert.equal(asked.length, 2);
    C.fill(0);
    arena.gemm(A, B, C, 128, 128, 128);
    assert.deepEqual([asked.at(-1), free, arena.team!.threadedProducts], [2, 5, 2], 'two of five taken, all given back');
    assert.ok(bitsEqual(C, ref));
  } finally {
    arena.dispose();
  }
});

test('dispose ends every helper thread', { skip: !wasmThreadsAvailable() && 'no shared WebAssembly memory' }, async () => {
  const started: Worker[] = [];
  const arena = new WasmArena(arenaDoubles([3 * 64 * 64]), { team: tsxThreads(3, localLease(3), started) });
  await readyTeam(arena, 3);
  const exits = started.map((w) => new Promise<number>((r) => w.once('exit', r)));
  arena.dispose();
  assert.equal(started.length, 3);
  await Promise.all(exits);
  assert.equal(arena.team!.acquire(3), 0, 'a disposed team lends nothing');
});

test('split moves — a step\'s axpy by blocks of entries, an NT product\'s Bᵀ by blocks of rows — equal the one-thread arena bit for bit (1–2 helpers, odd sizes)', { skip: !wasmThreadsAvailable() && 'no shared WebAssembly memory' }, async () => {
  for (const helpers of [1, 2]) {
    const arena = new WasmArena(arenaDoubles([3 * 300 * 300]), { team: tsxThreads(helpers) });
    const single = new WasmArena(arenaDoubles([3 * 300 * 300]));
    try {
      await readyTeam(arena, helpers);
      const X = arena.alloc(300 * 300), Y = arena.alloc(300 * 300), Z = arena.alloc(300 * 300);
      const X1 = single.alloc(300 * 300), Y1 = single.alloc(300 * 300), Z1 = single.alloc(300 * 300);
      arena.teamMoveMin = 1; // every move of two or more entries is split
      for (const len of [2, 3, 7, 33, 1025, 16385, 90000]) {
        for (const alpha of [-1e-3, 0.7, -0]) {
          const x = fill(X.subarray(0, len)), y = fill(Y.subarray(0, len));
          X1.set(x), Y1.set(y);
          const before = arena.team!.threadedMoves;
          arena.axpy(alpha, x, y, len);
          single.axpy(alpha, X1, Y1, len);
          assert.equal(arena.team!.threadedMoves, before + 1, `axpy of ${len}: split`);
          assert.ok(bitsEqual(y, Y1.subarray(0, len)), `axpy of ${len}, α ${alpha} on ${helpers + 1} threads: not the one-thread bits`);
          assert.ok(bitsEqual(x, X1.subarray(0, len)), 'x untouched');
        }
      }
      // an NT product whose NN shape takes the direct kernel: Bᵀ transposed first (transposedMinB 0), the transpose split
      for (const x of [arena, single]) x.transposedMinB = 0;
      arena.teamMin = Infinity; // the product itself on one thread: only the transpose split
      for (const [m, k, n] of [[257, 33, 129], [40, 30, 33], [100, 21, 299], [33, 64, 17]] as const) {
        const a = fill(X.subarray(0, m * k)), b = fill(Y.subarray(0, n * k)), c = Z.subarray(0, m * n).fill(NaN);
        X1.set(a), Y1.set(b), Z1.fill(NaN);
        const [before, products] = [arena.team!.threadedMoves, arena.team!.threadedProducts];
        arena.gemmNT(a, b, c, m, k, n);
        single.gemmNT(X1.subarray(0, m * k), Y1.subarray(0, n * k), Z1.subarray(0, m * n), m, k, n);
        assert.deepEqual([arena.team!.threadedMoves, arena.team!.threadedProducts], [before + 1, products], `NT ${m}×${k}×${n}: its transpose split, the product not`);
        assert.ok(bitsEqual(c, Z1.subarray(0, m * n)), `NT ${m}×${k}×${n} on Bᵀ split over ${helpers + 1} threads: not the one-thread bits`);
        const ref = new Float64Array(m * n);
        gemmNT(Float64Array.from(a), Float64Array.from(b), ref, m, k, n);
        assert.ok(bitsEqual(c, ref), `NT ${m}×${k}×${n}: not the JS kernel's bits`);
      }
    } finally {
      arena.dispose();
    }
  }
});
