// The float32 tfjs engines (cpu, wasm) against an independent float64 reference written here, and
// against the float64 `js` engine: trajectories agree to 1e-3 of each quantity's scale (spec §2),
// divergence and stopLoss stop at the same step (engine.ts semantics), and no tensor leaks.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type * as TF from '@tensorflow/tfjs';
import type { DynamicsEngine, EngineSetup, StepLimits } from '../../../src/core/dynamics/engine';
import { createFloat64Engine as float64 } from '../../../src/core/dynamics/float64Engine';
import { createNodeTfjsEngine } from '../../../src/core/dynamics/tfjsNode';
import { loadTfjs } from '../../../src/core/dynamics/tfjsEngine';
import type { CompletionProblem, Mat, MomentsProblem, OptimizerMethod, Problem } from '../../../src/core/types';

// ---------------------------------------------------------------- a tiny float64 reference

function rng(seed: number): () => number {
  // mulberry32 + Box–Muller: standard normal draws
  let a = seed >>> 0;
  const uni = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uni())) * Math.cos(2 * Math.PI * uni());
}

const mat = (rows: number, cols: number, data?: Float64Array): Mat => ({ rows, cols, data: data ?? new Float64Array(rows * cols) });

function mul(A: Mat, B: Mat): Mat {
  const C = mat(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++)
    for (let k = 0; k < A.cols; k++) {
      const a = A.data[i * A.cols + k];
      for (let j = 0; j < B.cols; j++) C.data[i * B.cols + j] += a * B.data[k * B.cols + j];
    }
  return C;
}

function tr(A: Mat): Mat {
  const T = mat(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) T.data[j * A.rows + i] = A.data[i * A.cols + j];
  return T;
}

const eye = (n: number): Mat => {
  const I = mat(n, n);
  for (let i = 0; i < n; i++) I.data[i * n + i] = 1;
  return I;
};

const product = (Ws: Mat[]): Mat => Ws.reduce((P, W) => mul(P, W));

/** f(W) and G = ∂f/∂W (GBL eq. 7; completion: P_Ω(W − M)/|Ω|). Moments without trΣy: excess loss via W* (solve). */
function lossAndG(problem: Problem, W: Mat, excessConst: number): { f: number; G: Mat } {
  const G = mat(W.rows, W.cols);
  if (problem.kind === 'moments') {
    const SW = mul(problem.sigmaX, W);
    let f = problem.traceSigmaY !== null ? problem.traceSigmaY / 2 : excessConst;
    for (let i = 0; i < G.data.length; i++) {
      G.data[i] = SW.data[i] - problem.sigmaXY.data[i];
      f += 0.5 * W.data[i] * SW.data[i] - W.data[i] * problem.sigmaXY.data[i];
    }
    return { f, G };
  }
  let s = 0;
  const k = problem.observedCount;
  for (let i = 0; i < G.data.length; i++) {
    if (!problem.mask[i]) continue;
    const r = W.data[i] - problem.matrix.data[i];
    s += r * r;
    G.data[i] = r / k;
  }
  return { f: s / (2 * k), G };
}

/** ∇_l = (W1⋯W(l−1))ᵀ G (W(l+1)⋯WL)ᵀ (GBL eq. 11), written the slow obvious way. */
function factorGrads(problem: Problem, Ws: Mat[], c: number): { f: number; grads: Mat[] } {
  const { f, G } = lossAndG(problem, product(Ws), c);
  const grads = Ws.map((_, l) => {
    const left = l === 0 ? eye(Ws[0].rows) : product(Ws.slice(0, l));
    const right = l === Ws.length - 1 ? eye(Ws[Ws.length - 1].cols) : product(Ws.slice(l + 1));
    return mul(mul(tr(left), G), tr(right));
  });
  return { f, grads };
}

const axpy = (Ws: Mat[], a: number, D: Mat[]): Mat[] =>
  Ws.map((W, l) => mat(W.rows, W.cols, W.data.map((x, i) => x + a * D[l].data[i])));

interface RefOutcome {
  taken: number;
  stop: null | 'diverged' | 'stopLoss';
  losses: number[];
  factors: Mat[];
}

/** advance(n) semantics of engine.ts in plain float64. */
function reference(setup: EngineSetup, n: number, limits: StepLimits, excessConst = 0): RefOutcome {
  let Ws = setup.factors.map((F) => mat(F.rows, F.cols, Float64Array.from(F.data)));
  const { problem, method, stepSize: eta } = setup;
  let v = 0;
  const losses: number[] = [];
  for (let k = 0; k < n; k++) {
    const { f, grads } = factorGrads(problem, Ws, excessConst);
    losses.push(f);
    if (!Number.isFinite(f) || f > limits.divergeAbove) return { taken: k, stop: 'diverged', losses, factors: Ws };
    if (limits.stopLoss !== null && f <= limits.stopLoss) return { taken: k, stop: 'stopLoss', losses, factors: Ws };
    if (method === 'gd') Ws = axpy(Ws, -eta, grads);
    else if (method === 'flow') {
      const k1 = grads;
      const k2 = factorGrads(problem, axpy(Ws, -eta / 2, k1), excessConst).grads;
      const k3 = factorGrads(problem, axpy(Ws, -eta / 2, k2), excessConst).grads;
      const k4 = factorGrads(problem, axpy(Ws, -eta, k3), excessConst).grads;
      Ws = axpy(axpy(axpy(axpy(Ws, -eta / 6, k1), -eta / 3, k2), -eta / 3, k3), -eta / 6, k4);
    } else {
      let sq = 0;
      for (const g of grads) for (const x of g.data) sq += x * x;
      v = 0.99 * v + 0.01 * sq;
      const vHat = v / (1 - Math.pow(0.99, k + 1));
      Ws = axpy(Ws, -eta / (Math.sqrt(vHat) + 1e-4), grads);
    }
  }
  return { taken: n, stop: null, losses, factors: Ws };
}

// ---------------------------------------------------------------- problems

function moments(d: number, p: number, seed: number, withTraceY = true, n = 4 * d): MomentsProblem {
  const z = rng(seed);
  const X = mat(n, d);
  for (let i = 0; i < X.data.length; i++) X.data[i] = z();
  const Wt = mat(d, p);
  for (let i = 0; i < Wt.data.length; i++) Wt.data[i] = z() / Math.sqrt(d);
  const Y = mul(X, Wt);
  for (let i = 0; i < Y.data.length; i++) Y.data[i] += 0.1 * z();
  const Xt = tr(X);
  const sx = mul(Xt, X);
  const sxy = mul(Xt, Y);
  sx.data.forEach((_, i) => (sx.data[i] /= n));
  sxy.data.forEach((_, i) => (sxy.data[i] /= n));
  let ty = 0;
  for (const y of Y.data) ty += (y * y) / n;
  return { kind: 'moments', n, d, p, sigmaX: sx, sigmaXY: sxy, traceSigmaY: withTraceY ? ty : null, groundTruth: Wt };
}

/** GBL §4.2 in small: x = B z + noise·ε (B entries U[0,1], z ~ N(0, diag(spectrum))), Y = X. */
function autoencoder(n: number, d: number, spectrum: number[], noise: number, seed: number): MomentsProblem {
  const z = rng(seed);
  const rank = spectrum.length;
  let u = seed * 7919 + 1;
  const uni = () => ((u = (u * 16807) % 2147483647) / 2147483647);
  const B = mat(d, rank, Float64Array.from({ length: d * rank }, uni));
  const Z = mat(n, rank, Float64Array.from({ length: n * rank }, (_, i) => Math.sqrt(spectrum[i % rank]) * z()));
  const X = mul(Z, tr(B));
  for (let i = 0; i < X.data.length; i++) X.data[i] += noise * z();
  const sx = mul(tr(X), X);
  sx.data.forEach((_, i) => (sx.data[i] /= n));
  let ty = 0;
  for (const x of X.data) ty += (x * x) / n;
  return { kind: 'moments', n, d, p: d, sigmaX: sx, sigmaXY: mat(d, d, Float64Array.from(sx.data)), traceSigmaY: ty, groundTruth: null };
}

function completion(rows: number, cols: number, rank: number, observed: number, seed: number): CompletionProblem {
  const z = rng(seed);
  const A = mat(rows, rank);
  const B = mat(rank, cols);
  A.data.forEach((_, i) => (A.data[i] = z()));
  B.data.forEach((_, i) => (B.data[i] = z() / Math.sqrt(rank)));
  const M = mul(A, B);
  const mask = new Uint8Array(rows * cols);
  let count = 0;
  const pick = rng(seed + 1);
  while (count < observed) {
    const i = Math.floor(Math.abs(pick() * 1e6)) % (rows * cols);
    if (!mask[i]) {
      mask[i] = 1;
      count++;
    }
  }
  // entries outside Ω are unknown here: the engines must never read them
  for (let i = 0; i < M.data.length; i++) if (!mask[i]) M.data[i] = NaN;
  return { kind: 'completion', rows, cols, matrix: M, mask, observedCount: observed, hasGroundTruth: false };
}

function gaussianFactors(d: number, p: number, depth: number, width: number, std: number, seed: number): Mat[] {
  const z = rng(seed);
  const shapes: Array<[number, number]> =
    depth === 1 ? [[d, p]] : [[d, width], ...Array.from({ length: depth - 2 }, (): [number, number] => [width, width]), [width, p]];
  return shapes.map(([r, c]) => mat(r, c, Float64Array.from({ length: r * c }, () => std * z())));
}

function setupOf(problem: Problem, depth: number, method: OptimizerMethod, stepSize: number, std: number, seed = 7): EngineSetup {
  const d = problem.kind === 'moments' ? problem.d : problem.rows;
  const p = problem.kind === 'moments' ? problem.p : problem.cols;
  const width = Math.max(d, p);
  return { problem, depth, width, method, stepSize, factors: gaussianFactors(d, p, depth, width, std, seed) };
}

const maxAbs = (x: Float64Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

function assertClose(got: Float64Array, want: Float64Array, what: string, rel = 1e-3): void {
  const scale = maxAbs(want);
  let err = 0;
  for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(got[i] - want[i]));
  assert.ok(err <= rel * scale, `${what}: max error ${err.toExponential(3)} > ${rel} × scale ${scale.toExponential(3)}`);
}

const noLimits = (f0: number): StepLimits => ({ divergeAbove: 1e10 * (1 + f0), stopLoss: null });

/** Runs `engine` for n steps in chunks of `chunk` (as the run loop does, one chunk per record). */
async function runChunks(engine: DynamicsEngine, n: number, chunk: number, limits: StepLimits) {
  let taken = 0;
  while (taken < n) {
    const o = await engine.advance(Math.min(chunk, n - taken), limits);
    taken += o.taken;
    if (o.stop) return { taken, stop: o.stop };
  }
  return { taken, stop: null };
}

// ---------------------------------------------------------------- the tests

let tf: typeof TF;

before(async () => {
  tf = await loadTfjs('cpu');
});

interface Case {
  name: string;
  make: () => EngineSetup;
  steps: number;
}

const cases: Case[] = [
  { name: 'gd depth 1', make: () => setupOf(moments(6, 4, 1), 1, 'gd', 0.1, 0.3), steps: 300 },
  { name: 'gd depth 2', make: () => setupOf(moments(8, 5, 2), 2, 'gd', 0.05, 0.4), steps: 400 },
  { name: 'gd depth 3, excess loss (trΣy unknown)', make: () => setupOf(moments(10, 10, 3, false), 3, 'gd', 0.03, 0.45), steps: 400 },
  { name: 'gd depth 3, d = 20', make: () => setupOf(moments(20, 20, 4), 3, 'gd', 0.02, 0.35), steps: 300 },
  { name: 'gd depth 2, singular Σx (n = 6 < d = 12)', make: () => setupOf(moments(12, 7, 11, true, 6), 2, 'gd', 0.03, 0.3), steps: 300 },
  { name: 'flow depth 2', make: () => setupOf(moments(8, 6, 5), 2, 'flow', 0.05, 0.4), steps: 300 },
  { name: 'grouprmsprop depth 3', make: () => setupOf(moments(8, 8, 6), 3, 'grouprmsprop', 0.005, 0.4), steps: 400 },
  { name: 'completion depth 3, gd', make: () => setupOf(completion(12, 10, 2, 60, 8), 3, 'gd', 3, 0.4), steps: 400 },
  { name: 'completion depth 3, grouprmsprop', make: () => setupOf(completion(10, 10, 2, 50, 9), 3, 'grouprmsprop', 0.003, 0.3), steps: 300 },
];

function excessConstOf(problem: Problem): number {
  // ½ tr(Σxyᵀ Σx⁻¹ Σxy): Σx of these problems is invertible (n = 4d), Gauss–Jordan suffices
  if (problem.kind !== 'moments' || problem.traceSigmaY !== null) return 0;
  const d = problem.d;
  const p = problem.p;
  const aug = Array.from({ length: d }, (_, i) => [
    ...Array.from(problem.sigmaX.data.subarray(i * d, i * d + d)),
    ...Array.from(problem.sigmaXY.data.subarray(i * p, i * p + p)),
  ]);
  for (let c = 0; c < d; c++) {
    let piv = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(aug[r][c]) > Math.abs(aug[piv][c])) piv = r;
    [aug[c], aug[piv]] = [aug[piv], aug[c]];
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const m = aug[r][c] / aug[c][c];
      for (let j = c; j < d + p; j++) aug[r][j] -= m * aug[c][j];
    }
  }
  let s = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < p; j++) s += problem.sigmaXY.data[i * p + j] * (aug[i][d + j] / aug[i][i]);
  return s / 2;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`tfjs ${backend} engine (float32)`, () => {
    const factory = createNodeTfjsEngine(backend);

    for (const c of cases) {
      it(`${c.name}: agrees with a float64 reference to 1e-3 of scale`, async () => {
        const setup = c.make();
        const cst = excessConstOf(setup.problem);
        const ref = reference(setup, c.steps, { divergeAbove: Infinity, stopLoss: null }, cst);
        assert.equal(ref.stop, null);
        const Wref = product(ref.factors);
        // the dynamics must have moved W well beyond float32 noise, and decreased the loss
        assert.ok(ref.losses[c.steps - 1] < 0.9 * ref.losses[0], `${c.name}: the reference barely moved`);

        const engine = await factory(setup);
        assert.equal(engine.precision, 'float32');
        assert.equal(engine.backend, backend);
        const o = await runChunks(engine, c.steps, 37, noLimits(ref.losses[0]));
        assert.deepEqual(o, { taken: c.steps, stop: null });
        const W = await engine.endToEnd();
        assert.equal(W.rows, Wref.rows);
        assert.equal(W.cols, Wref.cols);
        assertClose(W.data, Wref.data, `${c.name} end-to-end W`);
        // the loss of the final state, evaluated in float64 on the engine's W
        const fEngine = lossAndG(setup.problem, W, cst).f;
        const fRef = ref.losses.length === c.steps ? lossAndG(setup.problem, Wref, cst).f : NaN;
        assert.ok(Math.abs(fEngine - fRef) <= 1e-3 * ref.losses[0], `${c.name} loss ${fEngine} vs ${fRef}`);

        // the float64 engine on the same setup: the reference and it agree to rounding, tfjs to float32 tolerance
        const e64 = await float64(setup);
        assert.deepEqual(await e64.advance(c.steps, noLimits(ref.losses[0])), { taken: c.steps, stop: null });
        const W64 = await e64.endToEnd();
        e64.dispose();
        assertClose(W64.data, Wref.data, `${c.name} float64 engine vs reference`, 1e-9);
        assertClose(W.data, W64.data, `${c.name} tfjs vs float64 engine`);
        // float32 in fact, not a float64 computation labelled so: hundreds of float32 steps cannot land on float64's W bit for bit
        assert.ok(W.data.some((x, i) => x !== W64.data[i]), `${c.name}: the tfjs W equals the float64 engine's exactly`);
        engine.dispose();
      });
    }

    it('divergence is detected at the same step as the float64 reference, state restored exactly', async () => {
      // η clearly above the stability limit: depth 1 grows geometrically (η > 2/λmax(Σx)); deeper
      // networks blow up within a few steps. (Just above the limit, deep gd is chaotic or settles
      // on a 2-cycle, and float32 and float64 part ways: no step to agree on.)
      for (const [depth, eta, std, minSteps] of [
        [1, 1.2, 0.5, 100],
        [1, 1.5, 0.5, 20],
        [2, 0.35, 0.5, 4],
        [3, 0.5, 0.3, 8],
      ] as const) {
        const setup = setupOf(moments(8, 6, 10 + depth), depth, 'gd', eta, std);
        const f0 = reference(setup, 1, noLimits(0)).losses[0];
        const limits = noLimits(f0);
        const ref = reference(setup, 2000, limits);
        assert.equal(ref.stop, 'diverged', `depth ${depth}: the reference should diverge`);
        assert.ok(ref.taken >= minSteps, `depth ${depth}: diverges too soon to be a test (${ref.taken})`);
        const engine = await factory(setup);
        // one advance() far past the divergence: the engine must replay back to the step
        const o = await engine.advance(2000, limits);
        assert.deepEqual(o, { taken: ref.taken, stop: 'diverged' }, `depth ${depth}`);
        const W = await engine.endToEnd();
        const Wref = product(ref.factors);
        if (W.data.every(Number.isFinite)) assertClose(W.data, Wref.data, `depth ${depth} diverged state`, 1e-2);
        // and the next advance stops at once, without updating
        assert.deepEqual(await engine.advance(10, limits), { taken: 0, stop: 'diverged' });
        engine.dispose();
        const e64 = await float64(setup);
        assert.deepEqual(await e64.advance(2000, limits), { taken: ref.taken, stop: 'diverged' }, `depth ${depth}: float64 engine`);
        e64.dispose();
      }
    });

    it('divergence inside a later chunk (chunked advance) stops at the same step', async () => {
      for (const [depth, eta, std, chunk] of [
        [1, 1.2, 0.5, 7],
        [3, 0.5, 0.3, 3],
      ] as const) {
        const setup = setupOf(moments(8, 6, 10 + depth), depth, 'gd', eta, std);
        const f0 = reference(setup, 1, noLimits(0)).losses[0];
        const ref = reference(setup, 2000, noLimits(f0));
        assert.equal(ref.stop, 'diverged');
        assert.ok(ref.taken > 2 * chunk, `diverges too soon to be a test (${ref.taken})`);
        const engine = await factory(setup);
        const o = await runChunks(engine, 2000, chunk, noLimits(f0));
        assert.deepEqual(o, { taken: ref.taken, stop: 'diverged' });
        engine.dispose();
      }
    });

    it('stopLoss stops at the step the loss first reaches it', async () => {
      for (const [method, depth] of [
        ['gd', 2],
        ['flow', 2],
        ['grouprmsprop', 3],
      ] as const) {
        const setup = setupOf(moments(8, 5, 30), depth, method, method === 'grouprmsprop' ? 0.005 : 0.05, 0.4);
        const free = reference(setup, 300, { divergeAbove: Infinity, stopLoss: null });
        // a threshold halfway between two steps where the loss falls steeply
        let k = 1;
        for (let j = 1; j < 300; j++) if (free.losses[j - 1] - free.losses[j] > free.losses[k - 1] - free.losses[k]) k = j;
        k = Math.max(k, 5);
        const stopLoss = (free.losses[k - 1] + free.losses[k]) / 2;
        const limits: StepLimits = { divergeAbove: 1e10 * (1 + free.losses[0]), stopLoss };
        const ref = reference(setup, 300, limits);
        assert.deepEqual({ taken: ref.taken, stop: ref.stop }, { taken: k, stop: 'stopLoss' });
        const engine = await factory(setup);
        assert.deepEqual(await engine.advance(300, limits), { taken: k, stop: 'stopLoss' }, method);
        const W = await engine.endToEnd();
        assertClose(W.data, product(ref.factors).data, `${method} stopped state`);
        assert.deepEqual(await engine.advance(5, limits), { taken: 0, stop: 'stopLoss' });
        engine.dispose();
      }
    });

    it('stopLoss near convergence, where the loss is 1e-6 of ½trΣy (GBL §4.2 autoencoder), trips at the float64 step', async () => {
      const problem = autoencoder(200, 10, [4, 2, 1], 1e-3, 60);
      const setup = setupOf(problem, 2, 'gd', 0.02, 0.3);
      const free = reference(setup, 1000, { divergeAbove: Infinity, stopLoss: null });
      const fEnd = free.losses[free.losses.length - 1];
      const cst = (problem.traceSigmaY as number) / 2;
      assert.ok(fEnd < 1e-5 * cst, `the loss ${fEnd} should end far below ½trΣy = ${cst}`);
      // the first step whose loss is within 3× of the floor
      const k = free.losses.findIndex((f) => f < 3 * fEnd);
      const gap = (free.losses[k - 1] - free.losses[k]) / free.losses[k];
      assert.ok(gap > 1e-3, `per-step decrease ${gap} too small for a test`);
      const limits: StepLimits = { divergeAbove: 1e10 * (1 + free.losses[0]), stopLoss: (free.losses[k - 1] + free.losses[k]) / 2 };
      const engine = await factory(setup);
      assert.deepEqual(await runChunks(engine, 1000, 20, limits), { taken: k, stop: 'stopLoss' });
      engine.dispose();
    });

    it('advance(0) does nothing; a non-finite initial state diverges at step 0', async () => {
      const setup = setupOf(moments(5, 5, 40), 2, 'gd', 0.05, 0.4);
      const engine = await factory(setup);
      assert.deepEqual(await engine.advance(0, noLimits(1)), { taken: 0, stop: null });
      engine.dispose();
      const bad = setupOf(moments(5, 5, 40), 2, 'gd', 0.05, 0.4);
      bad.factors[0].data[3] = NaN;
      const e2 = await factory(bad);
      assert.deepEqual(await e2.advance(10, noLimits(1)), { taken: 0, stop: 'diverged' });
      e2.dispose();
    });

    it('leaks no tensors (steps, replay after a stop, endToEnd, dispose)', async () => {
      await loadTfjs(backend);
      const before = tf.memory().numTensors;
      for (const method of ['gd', 'flow', 'grouprmsprop'] as const) {
        const setup = setupOf(moments(6, 4, 50), 3, method, method === 'grouprmsprop' ? 0.01 : 0.9, 0.5);
        const engine = await factory(setup);
        const held = tf.memory().numTensors;
        await engine.advance(25, noLimits(1e30));
        assert.equal(tf.memory().numTensors, held, `${method}: tensors grow across advance()`);
        await engine.advance(500, noLimits(1)); // stops early (diverges, or reaches the tiny limit) → replay
        await engine.endToEnd();
        assert.equal(tf.memory().numTensors, held, `${method}: tensors grow across a stop and replay`);
        engine.dispose();
        assert.equal(tf.memory().numTensors, before, `${method}: tensors left after dispose()`);
      }
    });
  });
}
