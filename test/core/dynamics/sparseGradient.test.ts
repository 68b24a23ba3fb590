// Completion's gradient over Ω's entries (gradient.ts with linalg/sparse.ts, sparse.wat) against
// (a) the dense route on the same association — W = W1·(W2⋯WL) by gemm.ts, G = P_Ω(W − M)/|Ω| over
// the whole mask (completionLoss), ∇ by gemm.ts's dense kernels — equal bit for bit (=== : an exact
// zero may differ in sign), on the JS loops and on the wasm SIMD ones; and (b) a naive triple loop of
// GBL eq. 11 with full products, to rounding. Depths 1–4, rectangular shapes, widths below and
// above 4 (gemm's blocks of four), Ω with empty rows and columns, |Ω| = 1 and every entry.
// Then a whole grouprmsprop run of the engine against a dense reference loop written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GradientWorkspace, factorShapes, workspaceBufferLengths } from '../../../src/core/dynamics/gradient';
import { completionLoss } from '../../../src/core/dynamics/loss';
import { flopsPerStep } from '../../../src/core/dynamics/cost';
import { Float64Engine } from '../../../src/core/dynamics/float64Engine';
import { RMSPROP_ALPHA, RMSPROP_EPS } from '../../../src/core/dynamics/methods/grouprmsprop';
import { gemm, gemmNT, gemmTN, sumSquares } from '../../../src/core/linalg/gemm';
import { sumSquaresAll } from '../../../src/core/linalg/sumSquaresAll';
import { sparseKernelsFor } from '../../../src/core/linalg/wasm/sparseWasm';
import { localLease, type GemmThreads } from '../../../src/core/linalg/wasm/gemmTeam';
import { JsArena, WasmArena, arenaDoubles, wasmSimdAvailable, wasmThreadsAvailable, type Float64Arena } from '../../../src/core/linalg/wasm/wasmGemm';
import type { CompletionProblem, Mat } from '../../../src/core/types';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5);
}

function problemFrom(rows: number, cols: number, mask: Uint8Array, seed: number): CompletionProblem {
  const rand = lcg(seed);
  // off Ω, M is NaN: nothing may read it
  const data = Float64Array.from(mask, (m) => (m ? 2 * rand() : NaN));
  return { kind: 'completion', rows, cols, matrix: { rows, cols, data }, mask, observedCount: mask.reduce((a, b) => a + b, 0), hasGroundTruth: false };
}

/** Masks of a rows×cols problem: random ~30 % with rows 1 and cols−1 empty, a single entry, every entry. */
function masks(rows: number, cols: number, seed: number): Array<[string, Uint8Array]> {
  const rand = lcg(seed);
  const sparse = Uint8Array.from({ length: rows * cols }, (_, k) => {
    const i = Math.floor(k / cols), j = k % cols;
    return i === 1 || j === cols - 1 ? 0 : rand() + 0.5 < 0.3 ? 1 : 0;
  });
  sparse[0] = 1; // at least one entry
  const one = new Uint8Array(rows * cols);
  one[Math.min(rows - 1, 2) * cols + Math.floor(cols / 2)] = 1;
  return [['30 % with empty rows/cols', sparse], ['|Ω| = 1', one], ['every entry', new Uint8Array(rows * cols).fill(1)]];
}

/** The dense route of gradient.ts's association: W = W1·S, S = W2⋯WL; ∇ by gemm.ts on the dense G. */
function denseRoute(problem: CompletionProblem, factors: Float64Array[], shapes: Array<[number, number]>) {
  const { rows: d, cols: p } = problem;
  const L = factors.length;
  const suffix: Float64Array[] = [];
  suffix[L - 2] = factors[L - 1];
  for (let l = L - 3; l >= 0; l--) {
    suffix[l] = new Float64Array(shapes[l + 1][0] * p);
    gemm(factors[l + 1], suffix[l + 1], suffix[l], shapes[l + 1][0], shapes[l + 1][1], p);
  }
  const W = new Float64Array(d * p);
  if (L === 1) W.set(factors[0]);
  else gemm(factors[0], suffix[0], W, d, shapes[0][1], p);
  const G = new Float64Array(d * p);
  const f = completionLoss(W, problem.matrix.data, problem.mask, problem.observedCount, G);
  const grads = shapes.map(([r, c]) => new Float64Array(r * c));
  if (L === 1) grads[0].set(G);
  else {
    gemmNT(G, suffix[0], grads[0], d, p, shapes[0][1]);
    let left = new Float64Array(shapes[0][1] * p);
    gemmTN(factors[0], G, left, shapes[0][1], d, p);
    for (let l = 1; l < L; l++) {
      if (l > 1) {
        const next = new Float64Array(shapes[l][0] * p);
        gemmTN(factors[l - 1], left, next, shapes[l - 1][1], shapes[l - 1][0], p);
        left = next;
      }
      if (l === L - 1) grads[l].set(left);
      else gemmNT(left, suffix[l], grads[l], shapes[l][0], p, shapes[l][1]);
    }
  }
  return { f, W, G, grads };
}

/** GBL eq. 11 by naive triple loops: ∇_l = (W1⋯W(l−1))ᵀ G (W(l+1)⋯WL)ᵀ, G from the naive W. */
function naive(problem: CompletionProblem, factors: Mat[]) {
  const mul = (a: Mat, b: Mat): Mat => {
    const out = new Float64Array(a.rows * b.cols);
    for (let i = 0; i < a.rows; i++) for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let l = 0; l < a.cols; l++) s += a.data[i * a.cols + l] * b.data[l * b.cols + j];
      out[i * b.cols + j] = s;
    }
    return { rows: a.rows, cols: b.cols, data: out };
  };
  const tr = (a: Mat): Mat => ({ rows: a.cols, cols: a.rows, data: Float64Array.from({ length: a.rows * a.cols }, (_, k) => a.data[(k % a.rows) * a.cols + Math.floor(k / a.rows)]) });
  const eye = (n: number): Mat => ({ rows: n, cols: n, data: Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0)) });
  const prod = (fs: Mat[], n: number) => fs.reduce((acc, f) => mul(acc, f), eye(n));
  const W = prod(factors, problem.rows);
  const { rows: d, cols: p, mask, matrix, observedCount: n } = problem;
  const G: Mat = { rows: d, cols: p, data: Float64Array.from(W.data, (w, k) => (mask[k] ? (w - matrix.data[k]) / n : 0)) };
  let f = 0;
  W.data.forEach((w, k) => { if (mask[k]) f += (w - matrix.data[k]) ** 2; });
  const grads = factors.map((_, l) => mul(mul(tr(prod(factors.slice(0, l), d)), G), tr(prod(factors.slice(l + 1), factors[l].cols))));
  return { f: f / (2 * n), W, grads };
}

function arenas(): Array<[string, () => Float64Arena]> {
  // each wasm arena runs sparse.wat's loops (not the JS fallback)
  const list: Array<[string, () => Float64Arena]> = [['js', () => new JsArena()]];
  if (wasmSimdAvailable()) list.push(['wasm', () => new WasmArena()]);
  for (const [kind, make] of list) assert.equal(sparseKernelsFor(make()).kind, kind, kind);
  if (wasmThreadsAvailable()) {
    // a shared memory (as a gemm team's arena; no helper started): sparse.wat's shared variant
    const team: GemmThreads = { maxHelpers: 0, lease: localLease(0), start: () => assert.fail('no helper') };
    list.push(['wasm shared', () => {
      const arena = new WasmArena(0, { team });
      assert.ok(arena.memory.buffer instanceof SharedArrayBuffer);
      assert.equal(sparseKernelsFor(arena).kind, 'wasm');
      return arena;
    }]);
  }
  return list;
}

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>, what: string) => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) if (!(a[i] === b[i])) assert.fail(`${what}[${i}]: ${a[i]} vs ${b[i]}`);
};

test('completion: the gradient over Ω equals the dense route bit for bit and GBL eq. 11 to rounding (depths 1–4; JS loops, wasm on plain and shared memory)', () => {
  assert.ok(wasmSimdAvailable() && wasmThreadsAvailable(), 'the wasm SIMD loops, on plain and shared memory, are tested here');
  let cases = 0;
  for (const [d, p, width] of [[9, 7, 5], [6, 11, 3], [3, 8, 6], [17, 13, 10], [22, 19, 37]] as const) {
    for (const [name, mask] of masks(d, p, d + p)) {
      const problem = problemFrom(d, p, mask, d * p);
      for (const depth of [1, 2, 3, 4]) {
        const shapes = factorShapes(d, p, depth, width);
        const rand = lcg(depth * 31 + d);
        const init = shapes.map(([r, c]) => Float64Array.from({ length: r * c }, () => 0.7 * rand()));
        const ref = denseRoute(problem, init, shapes);
        const nv = naive(problem, init.map((data, l) => ({ rows: shapes[l][0], cols: shapes[l][1], data })));
        for (const [kind, make] of arenas()) {
          const at = `${d}×${p} width ${width}, ${name}, depth ${depth}, ${kind}`;
          const arena = make();
          arena.reserve(arenaDoubles([...shapes.flatMap(([r, c]) => [r * c, r * c]), ...workspaceBufferLengths(problem, depth, width)]));
          const factors = init.map((f) => arena.copyOf(f));
          const grads = shapes.map(([r, c]) => arena.alloc(r * c));
          const ws = new GradientWorkspace(problem, depth, width, 0, arena);
          // twice: the second evaluation reuses every buffer (G must stay 0 off Ω)
          for (let rep = 0; rep < 2; rep++) {
            const f = ws.evaluate(factors, grads);
            assert.ok(Object.is(f, ref.f), `${at}: f ${f} vs ${ref.f}`);
            grads.forEach((g, l) => sameBits(g, ref.grads[l], `${at}: ∇${l + 1}`));
            sameBits(ws.G, ref.G, `${at}: G`);
          }
          assert.ok(Object.is(ws.lossAndResidual(factors), ref.f), `${at}: lossAndResidual's f`);
          sameBits(ws.endToEnd, ref.W, `${at}: W`);
          ws.factorGradients(factors, grads);
          grads.forEach((g, l) => sameBits(g, ref.grads[l], `${at}: ∇${l + 1} after lossAndResidual`));
          // the independent derivation, to rounding
          assert.ok(Math.abs(ref.f - nv.f) <= 1e-13 * Math.max(nv.f, 1e-300), `${at}: f vs naive`);
          nv.grads.forEach((g, l) => {
            const scale = Math.max(...g.data.map(Math.abs), 1e-300);
            g.data.forEach((x, i) => assert.ok(Math.abs(grads[l][i] - x) <= 1e-13 * scale, `${at}: ∇${l + 1}[${i}] ${grads[l][i]} vs naive ${x}`));
          });
          cases++;
        }
      }
    }
  }
  assert.equal(cases, 5 * 3 * 4 * arenas().length);
});

test('completion: depth 2 over Ω gives the bits of the prefix route the moments keep (W = W1W2, ∇1 = GW2ᵀ, ∇2 = W1ᵀG)', () => {
  // at depth 2 W1·S is W1·W2, the product every depth formed before Ω's entries were used
  const [d, p, width] = [12, 10, 7];
  const problem = problemFrom(d, p, masks(d, p, 4)[0][1], 5);
  const shapes = factorShapes(d, p, 2, width);
  const rand = lcg(8);
  const factors = shapes.map(([r, c]) => Float64Array.from({ length: r * c }, () => rand()));
  const grads = shapes.map(([r, c]) => new Float64Array(r * c));
  const ws = new GradientWorkspace(problem, 2, width);
  const f = ws.evaluate(factors, grads);
  const W = new Float64Array(d * p);
  gemm(factors[0], factors[1], W, d, width, p);
  const G = new Float64Array(d * p);
  assert.ok(Object.is(f, completionLoss(W, problem.matrix.data, problem.mask, problem.observedCount, G)));
  const g1 = new Float64Array(d * width), g2 = new Float64Array(width * p);
  gemmNT(G, factors[1], g1, d, p, width);
  gemmTN(factors[0], G, g2, width, d, p);
  sameBits(grads[0], g1, '∇1');
  sameBits(grads[1], g2, '∇2');
});

test('completion grouprmsprop: the engine (gradients over Ω) against a dense reference loop — step sizes and factors', async () => {
  // ACHL §5: v ← αv + (1−α)Σ_l‖∇_l‖², η_k = η/(√(v/(1−α^k)) + ε), W_l ← W_l − η_k ∇_l; the reference
  // forms W and ∇ densely (naive triple loops, the usual association) and is written here
  const [d, p, width, steps, eta] = [14, 11, 6, 40, 1e-2];
  const problem = problemFrom(d, p, masks(d, p, 9)[0][1], 10);
  for (const depth of [2, 3]) {
    const shapes = factorShapes(d, p, depth, width);
    const rand = lcg(20 + depth);
    const factors: Mat[] = shapes.map(([r, c]) => ({ rows: r, cols: c, data: Float64Array.from({ length: r * c }, () => 0.5 * rand()) }));
    const engine = new Float64Engine({ problem, depth, width, method: 'grouprmsprop', stepSize: eta, factors });
    let ref = factors.map((f) => ({ ...f, data: Float64Array.from(f.data) }));
    let v = 0;
    for (let k = 1; k <= steps; k++) {
      const { grads } = naive(problem, ref);
      v = RMSPROP_ALPHA * v + (1 - RMSPROP_ALPHA) * grads.reduce((s, g) => s + g.data.reduce((a, x) => a + x * x, 0), 0);
      const stepSize = eta / (Math.sqrt(v / (1 - Math.pow(RMSPROP_ALPHA, k))) + RMSPROP_EPS);
      const probe = await engine.stepAhead({ divergeAbove: Infinity, stopLoss: null });
      assert.ok(probe, `depth ${depth} step ${k}`);
      assert.ok(Math.abs(probe.stepSize - stepSize) <= 1e-12 * stepSize, `depth ${depth} step ${k}: η_k ${probe.stepSize} vs ${stepSize}`);
      ref = ref.map((f, l) => ({ ...f, data: f.data.map((x, i) => x - stepSize * grads[l].data[i]) }));
      await engine.advance(1, { divergeAbove: Infinity, stopLoss: null }); // counts the step taken ahead
    }
    engine.factorsNow().forEach((f, l) => {
      const scale = Math.max(...ref[l].data.map(Math.abs));
      f.data.forEach((x, i) => assert.ok(Math.abs(x - ref[l].data[i]) <= 1e-11 * scale, `depth ${depth} factor ${l + 1}[${i}]`));
    });
    engine.dispose();
  }
});

test('grouprmsprop\'s Σ_l ‖∇_l‖² (sumSquaresAll: up to three sums interleaved) has the bits of Σ_l sumSquares(∇_l)', () => {
  const rand = lcg(77);
  let reorderingSeen = 0;
  for (const lengths of [[5], [6, 6], [7, 3], [2, 9], [4, 4, 4], [10, 3, 8], [1, 12, 5, 7], [3, 3, 3, 3, 3, 3, 11]]) {
    const xs = lengths.map((n) => Float64Array.from({ length: n }, () => rand() * 10 ** Math.floor(8 * rand())));
    let expect = 0;
    for (const x of xs) expect += sumSquares(x);
    assert.ok(Object.is(sumSquaresAll(xs), expect), `lengths ${lengths}`);
    // these entries (magnitudes over 14 decades squared) tell orders apart: each sum from its end differs
    let reversed = 0;
    for (const x of xs) reversed += x.reduceRight((s, v) => s + v * v, 0);
    if (reversed !== expect) reorderingSeen++;
  }
  assert.ok(reorderingSeen >= 3, 'the cases distinguish summation orders');
  assert.equal(sumSquaresAll([]), 0);
});

test('completion workspace sizes: from the mask\'s |Ω|; a shape-only problem (budget.ts) counts every entry, at most', () => {
  const [d, p, width] = [9, 7, 5];
  const mask = masks(d, p, 3)[0][1];
  for (const depth of [1, 2, 3]) {
    const sum = (problem: unknown) => workspaceBufferLengths(problem as CompletionProblem, depth, width).reduce((a, b) => a + b, 0);
    const read = sum(problemFrom(d, p, mask, 1));
    const shapeOnly = sum({ kind: 'completion', rows: d, cols: p });
    assert.ok(Number.isFinite(shapeOnly) && shapeOnly >= read && read > 0, `depth ${depth}: ${shapeOnly} vs ${read}`);
    assert.equal(sum(problemFrom(d, p, new Uint8Array(d * p).fill(1), 1)), shapeOnly, `depth ${depth}: every entry observed`);
  }
});

test('cost.ts counts a completion step as gradient.ts runs it: the dense products it makes plus three passes over Ω', () => {
  // a JS arena that counts the multiply-adds of the dense products the workspace asks of it
  class CountingArena extends JsArena {
    macs = 0;
    override gemm(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number) { this.macs += m * k * n; super.gemm(A, B, C, m, k, n); }
    override gemmTN(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number) { this.macs += m * k * n; super.gemmTN(A, B, C, m, k, n); }
    override gemmNT(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number) { this.macs += m * k * n; super.gemmNT(A, B, C, m, k, n); }
  }
  const [d, p, width] = [11, 8, 6];
  const mask = masks(d, p, 2)[0][1];
  const problem = problemFrom(d, p, mask, 3);
  for (const depth of [2, 3, 4]) {
    const arena = new CountingArena();
    const shapes = factorShapes(d, p, depth, width);
    const factors = shapes.map(([r, c]) => new Float64Array(r * c).fill(0.1));
    const grads = shapes.map(([r, c]) => new Float64Array(r * c));
    const ws = new GradientWorkspace(problem, depth, width, 0, arena);
    ws.evaluate(factors, grads);
    const expect = 2 * (arena.macs + 3 * problem.observedCount * width);
    assert.equal(flopsPerStep(d, p, depth, width, 'gd', true, problem.observedCount), expect, `depth ${depth}`);
    assert.equal(arena.macs, depth === 2 ? 0 : 3 * (depth - 2) * width * width * p, `depth ${depth}: 3(L − 2) dense products`);
  }
  // with every entry observed the count is the dense route's at depth 2 (3·d·p·width)
  assert.equal(flopsPerStep(d, p, 2, width, 'gd', true), 2 * 3 * d * p * width);
});
