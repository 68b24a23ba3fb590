// ACHL Thm 3 checked on every run (spec §5.6): the recorded singular-value rates against the scalar
// recursion, the O(η²) gap of the first-order prediction, the step taken ahead at a record leaving the run unchanged,
// the nulls, grouprmsprop's η_k and the agreement's median.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commutingMoments, prepare, runJs } from './helpers';
import { Float64Engine, createFloat64Engine, RMSPROP_ALPHA, RMSPROP_EPS } from '../../../src/core/dynamics/float64Engine';
import type { DynamicsEngine, EngineFactory } from '../../../src/core/dynamics/engine';
import { GradientWorkspace } from '../../../src/core/dynamics/gradient';
import { runExperiment } from '../../../src/core/lab';
import { recordOptions, recordStats } from '../../../src/core/dynamics/run';
import { singularValuesFlat } from '../../../src/core/linalg/svd';
import { singularTriplets } from '../../../src/core/linalg/topSingularVectors';
import { finiteEntries, singularValueRateAgreement, singularValueRateAt } from '../../../src/core/results/singularValueRate';
import { checkResults } from '../../../src/core/results/check';
import type { Mat, Problem, Results } from '../../../src/core/types';

const SIGMA = [1, 0.5, 0.25];
const LAMBDA = [1, 1.5, 2];

/** GBL eq. 22's scalar gd map for depth L: a ← a − η a^(L−1) (λ a^L − σ); w = a^L. */
const scalarGd = (a: number, sigma: number, lambda: number, eta: number, L: number) => a - eta * a ** (L - 1) * (lambda * a ** L - sigma);

test('depth 2 and 3, aligned gd: the observed Δσ_r is the scalar recursion\'s one step, the prediction ACHL\'s η N w^(2−2/N) (σ − λ w)', async () => {
  for (const L of [2, 3]) {
    const eta = 0.02;
    const steps = 400;
    const delta = 3;
    const r = await runJs({ data: { kind: 'moments', sigmaX: LAMBDA, sigmaXY: SIGMA }, models: [{ depth: L, width: 3 }], init: { scheme: 'aligned', delta }, optimizer: { stepSize: eta, steps }, record: { every: 40 } });
    const run = r.runs[0];
    const rate = run.singularValueRate!;
    assert.equal(rate.observed.length, run.steps.length);
    // the scalar components, stepped independently
    let a = SIGMA.map(() => Math.exp(-delta / L));
    let k = 0;
    let checked = 0;
    run.steps.forEach((step, j) => {
      while (k < step) {
        a = a.map((ai, i) => scalarGd(ai, SIGMA[i], LAMBDA[i], eta, L));
        k++;
      }
      const w = a.map((ai) => ai ** L);
      const next = a.map((ai, i) => scalarGd(ai, SIGMA[i], LAMBDA[i], eta, L) ** L);
      // σ_r(W) are the w_i in descending order
      const order = w.map((_, i) => i).sort((x, y) => w[y] - w[x]);
      order.forEach((i, rr) => {
        const obs = rate.observed[j][rr];
        const pred = rate.predicted[j][rr];
        if (j === run.steps.length - 1 || j === 0) {
          assert.equal(obs, null, `depth ${L}: record ${j} (first: equal σ at the aligned init; last: no next step)`);
          assert.equal(pred, null);
          return;
        }
        assert.notEqual(obs, null, `depth ${L} step ${step} r ${rr + 1}`);
        const scalarDelta = next[i] - w[i];
        assert.ok(Math.abs(obs! - scalarDelta) <= 1e-9 * Math.abs(scalarDelta) + 1e-15, `depth ${L} step ${step} r ${rr + 1}: ${obs} vs scalar ${scalarDelta}`);
        const achl = eta * L * w[i] ** (2 - 2 / L) * (SIGMA[i] - LAMBDA[i] * w[i]);
        assert.ok(Math.abs(pred! - achl) <= 1e-9 * Math.abs(achl), `depth ${L} step ${step} r ${rr + 1}: predicted ${pred} vs ${achl}`);
        checked++;
      });
    });
    assert.ok(checked >= 3 * 8, `depth ${L}: ${checked} entries checked`);
    assert.deepEqual(checkResults(JSON.parse(JSON.stringify(r))), []);
  }
});

/** The problem of commuting moments in a Householder basis Q, with balanced factors of W = Q diag(w) Qᵀ. */
async function balancedState(L: number, w: number[]): Promise<{ problem: Problem; factors: Mat[] }> {
  const { sigmaX, sigmaXY } = commutingMoments(LAMBDA, SIGMA);
  const prepared = await prepare({ data: { kind: 'moments', sigmaX, sigmaXY }, models: [{ depth: L, width: 3 }], optimizer: { stepSize: 0.01, steps: 10 } });
  const problem = prepared.problem!;
  const n = 3;
  // Q from the moments: Σxy = Q diag(σ) Qᵀ, so Q's columns are its eigenvectors (the helper's reflection)
  const v = Array.from({ length: n }, (_, i) => 1 + i * 0.37);
  const vv = v.reduce((s, x) => s + x * x, 0);
  const Q = v.map((vi, i) => v.map((vj, j) => (i === j ? 1 : 0) - (2 * vi * vj) / vv));
  const a = w.map((x) => x ** (1 / L));
  const mat = (f: (i: number, j: number) => number): Mat => ({ rows: n, cols: n, data: Float64Array.from({ length: n * n }, (_, t) => f(Math.floor(t / n), t % n)) });
  const factors = [mat((i, j) => Q[i][j] * a[j])];
  for (let l = 1; l < L - 1; l++) factors.push(mat((i, j) => (i === j ? a[i] : 0)));
  factors.push(mat((i, j) => a[i] * Q[j][i]));
  return { problem, factors };
}

test('the first-order prediction\'s gap is O(η²): halving η divides |obs − pred| by about 4 (gd and flow\'s RK4 step, depth 2 and 3, balanced, a rotated basis)', async () => {
  for (const [L, method] of [[2, 'gd'], [3, 'gd'], [2, 'flow'], [3, 'flow']] as const) {
    const { problem, factors } = await balancedState(L, [0.4, 0.12, 0.03]);
    const gap = async (eta: number) => {
      const engine = new Float64Engine({ problem, depth: L, width: 3, method, stepSize: eta, factors });
      const probe = (await engine.stepAhead({ divergeAbove: Infinity, stopLoss: null }))!;
      assert.equal(probe.stepSize, eta, `${method}: η_k = ${method === 'gd' ? 'η' : 'h'}`);
      const e = singularValueRateAt(probe, L, 3);
      return e.observed.map((o, r) => Math.abs(o! - e.predicted[r]!));
    };
    const eta = 0.02;
    const big = await gap(eta);
    const small = await gap(eta / 2);
    big.forEach((g, r) => {
      assert.ok(g > 0, `${method} depth ${L} r ${r + 1}: a gap`);
      const ratio = g / small[r];
      assert.ok(ratio > 3 && ratio < 5, `${method} depth ${L} r ${r + 1}: gap ratio ${ratio}`);
    });
  }
});

/** The same engine without stepAhead: what a run is when no step is taken ahead. */
const withoutProbe: EngineFactory = async (setup) => {
  const e = await createFloat64Engine(setup);
  const plain: DynamicsEngine = { backend: e.backend, precision: e.precision, advance: (n, l) => e.advance(n, l), endToEnd: () => e.endToEnd(), dispose: () => e.dispose() };
  return plain;
};

async function runWith(doc: unknown, factory: EngineFactory): Promise<Results> {
  const prepared = await prepare(doc);
  if (prepared.refused) throw new Error(JSON.stringify(prepared.diagnostics));
  return runExperiment(prepared, { engineFor: () => ({ factory, backend: 'js', precision: 'float64' }) });
}

test('the step taken ahead at each record leaves the run unchanged, bit for bit (gd, flow, grouprmsprop; moments and completion)', async () => {
  const docs = [
    { data: { kind: 'moments', sigmaX: LAMBDA, sigmaXY: SIGMA }, models: [{ depth: 2, width: 3 }, { depth: 3, width: 3 }], init: { scheme: 'gaussian', scale: 0.05 }, optimizer: { method: 'gd', stepSize: 0.05, steps: 300 }, record: { every: 7 } },
    { data: { kind: 'moments', sigmaX: LAMBDA, sigmaXY: SIGMA }, models: [{ depth: 3, width: 3 }], init: { scheme: 'aligned', delta: 3 }, optimizer: { method: 'flow', stepSize: 0.05, steps: 200 }, record: { every: 9 } },
    { data: { kind: 'completion', rows: 8, cols: 7, rank: 2, observed: 30 }, seed: 3, models: [{ depth: 2 }, { depth: 3 }], init: { scheme: 'gaussian', scale: 0.01 }, optimizer: { method: 'grouprmsprop', stepSize: 0.01, steps: 400 }, record: { every: 11 } },
    // records every step: each record's W is the one the step taken ahead at the previous record formed (endToEnd reuses it)
    { data: { kind: 'moments', sigmaX: LAMBDA, sigmaXY: SIGMA }, models: [{ depth: 3, width: 3 }], init: { scheme: 'gaussian', scale: 0.05 }, optimizer: { method: 'gd', stepSize: 0.05, steps: 60 }, record: { every: 1 } },
    { data: { kind: 'completion', rows: 8, cols: 7, rank: 2, observed: 30 }, seed: 5, models: [{ depth: 3 }], init: { scheme: 'gaussian', scale: 0.01 }, optimizer: { method: 'grouprmsprop', stepSize: 0.01, steps: 60 }, record: { every: 1 } },
  ];
  for (const doc of docs) {
    const probed = await runWith(doc, createFloat64Engine);
    const plain = await runWith(doc, withoutProbe);
    probed.runs.forEach((run, j) => {
      const other = plain.runs[j];
      const strip = (x: typeof run) => JSON.stringify({ ...x, wallMs: 0, singularValueRate: undefined });
      assert.equal(strip(run), strip(other), `${(doc.optimizer as { method: string }).method} ${run.label}: every other field identical`);
      // the probed run did record rates; the plain one only nulls
      assert.ok(run.singularValueRate!.observed.some((row) => row.some((x) => x !== null)), `${run.label}: some rate recorded`);
      assert.ok(other.singularValueRate!.observed.every((row) => row.every((x) => x === null)));
    });
  }
});

test('nulls: equal σ at the identity init, a tie that lasts, the last record; depth 1 has no field', async () => {
  const r = await runJs({ data: { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: SIGMA }, models: [{ depth: 1 }, { depth: 2, width: 3 }], init: { scheme: 'identity', delta: 4 }, optimizer: { stepSize: 0.05, steps: 200 }, record: { every: 50 } });
  assert.equal(r.runs[0].singularValueRate, null, 'depth 1');
  const rate = r.runs[1].singularValueRate!;
  assert.deepEqual(rate.observed[0], [null, null, null], 'identity: σ_1 = σ_2 = σ_3');
  assert.deepEqual(rate.predicted[0], [null, null, null]);
  assert.deepEqual(rate.observed.at(-1), [null, null, null], 'the last record');
  assert.ok(rate.observed[1].every((x) => x !== null), 'separated by step 50');
  // a tie within the run: two equal σ_xy stay equal, the third is defined
  const tie = await runJs({ data: { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: [1, 0.5, 0.5] }, models: [{ depth: 2, width: 3 }], init: { scheme: 'identity', delta: 4 }, optimizer: { stepSize: 0.05, steps: 100 }, record: { every: 50 } });
  const t = tie.runs[0].singularValueRate!;
  assert.notEqual(t.observed[1][0], null);
  assert.deepEqual([t.observed[1][1], t.observed[1][2]], [null, null]);
});

test('a stopped run (stopLoss) has no rate at its last record', async () => {
  const r = await runJs({ data: { kind: 'moments', sigmaX: [1, 1], sigmaXY: [1, 0.5] }, models: [{ depth: 2, width: 2 }], init: { scheme: 'gaussian', scale: 0.1 }, optimizer: { stepSize: 0.1, steps: 5000, stopLoss: 1e-3 }, record: { every: 10 } });
  const run = r.runs[0];
  assert.equal(run.stopReason, 'stopLoss');
  assert.ok(run.steps.at(-1)! < 5000);
  assert.deepEqual(run.singularValueRate!.observed.at(-1), [null, null]);
  assert.ok(run.singularValueRate!.observed.at(-2)!.some((x) => x !== null));
});

test('grouprmsprop: η_k = η/(√v̂_k + 1e-4), v̂_k including the step\'s own gradient, from the factor gradients recomputed apart', async () => {
  const L = 2;
  const { problem, factors } = await balancedState(L, [0.2, 0.05, 0.01]);
  const eta = 0.01;
  const engine = new Float64Engine({ problem, depth: L, width: 3, method: 'grouprmsprop', stepSize: eta, factors });
  const ws = new GradientWorkspace(problem, L, 3);
  let v = 0;
  const limits = { divergeAbove: Infinity, stopLoss: null };
  for (let k = 1; k <= 30; k++) {
    const fs = engine.factorsNow().map((m) => m.data);
    const grads = fs.map((f) => new Float64Array(f.length));
    ws.evaluate(fs, grads);
    const sq = grads.reduce((s, g) => s + g.reduce((t, x) => t + x * x, 0), 0);
    v = RMSPROP_ALPHA * v + (1 - RMSPROP_ALPHA) * sq;
    const expected = eta / (Math.sqrt(v / (1 - RMSPROP_ALPHA ** k)) + RMSPROP_EPS);
    const before = (await engine.endToEnd()).data;
    const probe = (await engine.stepAhead(limits))!;
    assert.ok(Math.abs(probe.stepSize - expected) <= 1e-12 * expected, `step ${k}: η_k ${probe.stepSize} vs ${expected}`);
    // W(k) is the state it stepped from, W(k + 1) the engine's state now, and advance(1) takes no further step
    assert.deepEqual(Array.from(probe.before.data), Array.from(before));
    assert.deepEqual(Array.from(probe.after.data), Array.from((await engine.endToEnd()).data));
    assert.deepEqual((await engine.advance(1, limits)).taken, 1);
    assert.deepEqual(Array.from(probe.after.data), Array.from((await engine.endToEnd()).data), `step ${k}: advance(1) counted the step taken ahead`);
  }
});

test('agreement: the median of |obs − pred|/|pred| per r and overall, entries below 1e-3 · max |pred| of their r left out (brute force)', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const K = 41;
  const R = 4;
  const observed: Array<Array<number | null>> = [];
  const predicted: Array<Array<number | null>> = [];
  for (let k = 0; k < K; k++) {
    const o: Array<number | null> = [];
    const p: Array<number | null> = [];
    for (let r = 0; r < R; r++) {
      if (rand() < 0.15) {
        o.push(null);
        p.push(null);
        continue;
      }
      // some predictions tiny (left out), a few negative
      const pr = (rand() < 0.2 ? 1e-6 : 1) * (rand() - 0.3) * 10 ** -r;
      p.push(pr);
      o.push(pr * (1 + (rand() - 0.5) * 0.4));
    }
    observed.push(o);
    predicted.push(p);
  }
  const got = singularValueRateAgreement({ observed, predicted });
  // brute force: a median m has at most half the values strictly below and at most half strictly above
  const isMedian = (xs: number[], m: number) => {
    const below = xs.filter((x) => x < m).length;
    const above = xs.filter((x) => x > m).length;
    return below <= xs.length / 2 && above <= xs.length / 2;
  };
  const all: number[] = [];
  for (let r = 0; r < R; r++) {
    let top = 0;
    predicted.forEach((row) => { if (row[r] !== null) top = Math.max(top, Math.abs(row[r]!)); });
    const rel: number[] = [];
    predicted.forEach((row, k) => {
      const p = row[r];
      if (p === null || Math.abs(p) < 1e-3 * top) return;
      rel.push(Math.abs(observed[k][r]! - p) / Math.abs(p));
    });
    assert.ok(rel.length > 5 && rel.length < K, `r ${r}: ${rel.length} counted`);
    assert.ok(isMedian(rel, got.perValue[r]!), `r ${r}: ${got.perValue[r]} is a median`);
    assert.ok(rel.some((x) => x === got.perValue[r]) || rel.length % 2 === 0);
    all.push(...rel);
  }
  assert.equal(got.count, all.length);
  assert.ok(isMedian(all, got.overall!));
  assert.ok(got.overall! > 0 && got.overall! < 0.2);
  // none counted: null
  assert.deepEqual(singularValueRateAgreement({ observed: [[null]], predicted: [[null]] }), { perValue: [null], overall: null, count: 0 });
});

test('the CLI summary prints each depth ≥ 2 run\'s median agreement, and none for depth 1', async () => {
  const { summarize } = await import('../../../src/core/results/summary');
  const r = await runJs({ data: { kind: 'moments', sigmaX: LAMBDA, sigmaXY: SIGMA }, models: [{ depth: 1, label: 'one' }, { depth: 2, width: 3, label: 'two' }], init: { scheme: 'aligned', delta: 4 }, optimizer: { stepSize: 0.01, steps: 600 }, record: { every: 40 } });
  const text = summarize(r, 'title');
  const a = singularValueRateAgreement(r.runs[1].singularValueRate!);
  assert.ok(a.overall! > 0 && a.overall! < 0.05, `small steps agree: ${a.overall}`);
  const line = text.split('\n').find((l) => l.trim().startsWith('two:'));
  assert.ok(line && line.includes(`over ${a.count} entries`), text);
  assert.ok(line.includes(Number(a.overall!.toPrecision(4)) >= 1e-3 ? String(Number(a.overall!.toPrecision(4))) : a.overall!.toExponential(2)), line);
  assert.ok(!text.split('\n').some((l) => l.trim().startsWith('one:')));
});

test('the examples: balanced and small-step agrees to 1e-2 at depths 2 and 3; the unbalanced gaussian init misses by more than 5 %, worse at depth 3', async () => {
  const { readFileSync } = await import('node:fs');
  const { nodeDataIO } = await import('../../../src/core/io');
  const { prepareExperiment } = await import('../../../src/core/lab');
  const run = async (name: string) => {
    const file = `examples/${name}.lnn.json`;
    const prepared = await prepareExperiment(readFileSync(file, 'utf8'), nodeDataIO(file));
    assert.equal(prepared.refused, false);
    assert.ok(!prepared.diagnostics.some((d) => d.severity !== 'info'), `${name}: ${JSON.stringify(prepared.diagnostics)}`);
    const r = await runExperiment(prepared, { engineFor: () => ({ factory: createFloat64Engine, backend: 'js', precision: 'float64' }) });
    return r.runs.map((x) => ({ depth: x.depth, a: singularValueRateAgreement(x.singularValueRate!) }));
  };
  const balanced = await run('achl-singular-value-theorem');
  const unbalanced = await run('achl-singular-value-unbalanced');
  assert.deepEqual(balanced.map((x) => x.depth), [2, 3]);
  assert.deepEqual(unbalanced.map((x) => x.depth), [2, 3]);
  for (const { depth, a } of balanced) {
    assert.ok(a.count > 100, `balanced depth ${depth}: ${a.count} entries`);
    assert.ok(a.overall! < 1e-2, `balanced depth ${depth}: ${a.overall}`);
  }
  for (const [j, { depth, a }] of unbalanced.entries()) {
    assert.ok(a.count > 100, `unbalanced depth ${depth}: ${a.count} entries`);
    assert.ok(a.overall! > 0.05 && a.overall! > 20 * balanced[j].a.overall!, `unbalanced depth ${depth}: ${a.overall} against balanced ${balanced[j].a.overall}`);
  }
  assert.ok(unbalanced[1].a.overall! > unbalanced[0].a.overall!, 'depth 3 further from the theorem than depth 2');
});

test('live slices (shared/runSlice.ts) carry the rates per record: slices appended give the run back', async () => {
  const { appendRun, sliceRun } = await import('../../../src/shared/runSlice');
  const r = await runJs({ data: { kind: 'moments', sigmaX: LAMBDA, sigmaXY: SIGMA }, models: [{ depth: 2, width: 3 }], init: { scheme: 'gaussian', scale: 0.01 }, optimizer: { stepSize: 0.05, steps: 200 }, record: { every: 20 } });
  const run = r.runs[0];
  const first = sliceRun({ ...run, steps: run.steps.slice(0, 4), singularValueRate: { observed: run.singularValueRate!.observed.slice(0, 4), predicted: run.singularValueRate!.predicted.slice(0, 4) } }, 0);
  const rest = sliceRun(run, 4);
  assert.equal(rest.singularValueRate!.observed.length, run.steps.length - 4, 'a slice holds only its records');
  const merged = appendRun(appendRun(undefined, first, 0), rest, 4);
  assert.deepEqual(merged.singularValueRate, run.singularValueRate);
});

test('a float32 run (tfjs cpu) records the field with every entry null, and the summary says why', async () => {
  const { createNodeTfjsEngine } = await import('../../../src/core/dynamics/tfjsNode');
  const { summarize } = await import('../../../src/core/results/summary');
  const prepared = await prepare({ data: { kind: 'moments', sigmaX: LAMBDA, sigmaXY: SIGMA }, models: [{ depth: 2, width: 3 }], init: { scheme: 'aligned', delta: 3 }, optimizer: { stepSize: 0.02, steps: 100 }, record: { every: 20 } });
  const r = await runExperiment(prepared, { engineFor: () => ({ factory: createNodeTfjsEngine('cpu'), backend: 'cpu', precision: 'float32' }) });
  const run = r.runs[0];
  assert.equal(run.precision, 'float32');
  assert.equal(run.singularValueRate!.observed.length, run.steps.length);
  assert.ok(run.singularValueRate!.observed.every((row) => row.length === 3 && row.every((x) => x === null)));
  assert.ok(run.singularValueRate!.predicted.every((row) => row.every((x) => x === null)));
  assert.match(summarize(r, 't'), /depth 2: not recorded \(float32\)/);
});

test('innerProducts: ⟨G, u_t v_tᵀ⟩ for several pairs in one pass equals the double sum, at odd widths and with zero entries of u', async () => {
  const { innerProducts } = await import('../../../src/core/results/singularValueRate');
  let seed = 5;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5);
  for (const [m, n] of [[1, 1], [3, 7], [9, 4], [17, 33], [64, 65]]) {
    const G = Float64Array.from({ length: m * n }, rnd);
    const pairs = [0, 1, 2].map((t) => ({ u: Float64Array.from({ length: m }, (_, i) => (i % (t + 2) === 1 ? 0 : rnd())), v: Float64Array.from({ length: n }, rnd) }));
    const got = innerProducts(G, m, n, pairs);
    pairs.forEach(({ u, v }, t) => {
      let want = 0;
      let scale = 0;
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          want += u[i] * G[i * n + j] * v[j];
          scale += Math.abs(u[i] * G[i * n + j] * v[j]);
        }
      assert.ok(Math.abs(got[t] - want) <= 1e-14 * scale, `${m}×${n} pair ${t}: ${got[t]} vs ${want}`);
    });
  }
  assert.deepEqual(innerProducts(new Float64Array(6), 2, 3, []), []);
});

test('finiteEntries: false for any one ±∞ or NaN at any position (each of the four running sums and the tail), true for finite entries up to ±Number.MAX_VALUE and −0', () => {
  for (const n of [0, 1, 3, 4, 5, 8, 13]) {
    const M = new Float64Array(n).map((_, i) => (i % 3 === 0 ? Number.MAX_VALUE : i % 3 === 1 ? -Number.MIN_VALUE : -0));
    assert.equal(finiteEntries(M), true, `n = ${n}, all finite`);
    for (let at = 0; at < n; at++)
      for (const bad of [Infinity, -Infinity, NaN]) {
        const B = Float64Array.from(M);
        B[at] = bad;
        assert.equal(finiteEntries(B), false, `n = ${n}: ${bad} at ${at}`);
      }
  }
  // two infinities of opposite sign in different sums still fail (their x·0 are NaN, not ±∞)
  const two = new Float64Array(8);
  two[1] = Infinity;
  two[2] = -Infinity;
  assert.equal(finiteEntries(two), false);
});

test('a record followed by one at the next step takes W(k + 1)\'s triplets once, for its rate and the next record: the same results bit for bit as computing them twice (every step, log-spaced, moments and completion, a stop)', async () => {
  const docs = [
    { data: { kind: 'moments', sigmaX: LAMBDA, sigmaXY: SIGMA }, models: [{ depth: 2, width: 3 }, { depth: 3, width: 3 }], init: { scheme: 'gaussian', scale: 0.05 }, optimizer: { method: 'gd', stepSize: 0.05, steps: 80 }, record: { every: 1 } },
    { data: { kind: 'moments', sigmaX: LAMBDA, sigmaXY: SIGMA }, models: [{ depth: 3, width: 4 }], init: { scheme: 'gaussian', scale: 0.05 }, optimizer: { method: 'flow', stepSize: 0.05, steps: 500 }, record: { points: 60, spacing: 'log' } },
    // wide W (the triplets of Wᵀ) and grouprmsprop's step sizes
    { data: { kind: 'completion', rows: 6, cols: 9, rank: 2, observed: 30 }, seed: 7, models: [{ depth: 2 }, { depth: 3 }], init: { scheme: 'gaussian', scale: 0.01 }, optimizer: { method: 'grouprmsprop', stepSize: 0.01, steps: 70 }, record: { every: 1 } },
    // stopped by stopLoss between two consecutive records: the triplets taken ahead are not used
    { data: { kind: 'moments', sigmaX: LAMBDA, sigmaXY: SIGMA }, models: [{ depth: 2, width: 3 }], init: { scheme: 'gaussian', scale: 0.3 }, optimizer: { method: 'gd', stepSize: 0.05, steps: 3000, stopLoss: 0.31 }, record: { every: 1 } },
  ];
  const counted = { calls: 0 };
  for (const doc of docs) {
    const reused = recordStats.tripletsReused;
    const once = await runJs(doc);
    const records = once.runs.reduce((n, r) => n + r.steps.length, 0);
    assert.ok(recordStats.tripletsReused - reused >= records / 4, `${recordStats.tripletsReused - reused} of ${records} records took the triplets taken ahead`);
    recordOptions.tripletsAhead = false;
    const beforeOff = recordStats.tripletsReused;
    let twice: Results;
    try {
      twice = await runJs(doc);
    } finally {
      recordOptions.tripletsAhead = true;
    }
    assert.equal(recordStats.tripletsReused, beforeOff, 'none taken ahead with the option off');
    once.runs.forEach((run, j) => {
      const strip = (x: typeof run) => JSON.stringify({ ...x, wallMs: 0 });
      assert.equal(strip(run), strip(twice.runs[j]), `${(doc.optimizer as { method: string }).method} ${run.label}: identical with the triplets taken ahead`);
      assert.ok(run.singularValueRate!.observed.some((row) => row.some((x) => x !== null)), `${run.label}: some rate recorded`);
      counted.calls++;
    });
  }
  assert.equal(counted.calls, 6);
});

test('the triplets\' σ are singularValuesFlat\'s bits (tall, wide, square, scaled by a power of two, rank-deficient), so either gives a record the same σ(W)', () => {
  let seed = 11;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  for (const [m, n, scale, rank] of [[7, 7, 1, 7], [20, 9, 1, 9], [9, 20, 1, 9], [33, 33, 2 ** 40, 33], [30, 30, 1e-3, 4], [65, 64, 1, 64]] as const) {
    const L = Array.from({ length: m * rank }, rnd), R = Array.from({ length: rank * n }, rnd);
    const A = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let t = 0; t < rank; t++) A[i * n + j] += scale * L[i * rank + t] * R[t * n + j];
    const values = singularValuesFlat(A, m, n);
    const top = singularTriplets(A, m, n, Math.min(8, m, n));
    assert.ok(values.length === top.s.length && values.every((v, i) => Object.is(v, top.s[i])), `${m}×${n} (scale ${scale}, rank ${rank}): the same bits`);
  }
});
