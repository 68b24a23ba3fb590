import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staticDiagnostics } from '../../../src/core/diagnostics/static';
import { computeTheory } from '../../../src/core/theory/index';
import { predictedPhaseStep } from '../../../src/core/theory/phases';
import type { CompletionProblem, Diagnostic, DiagnosticCode } from '../../../src/core/types';
import { experiment, FIG1, fig1, moments } from './helpers';

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();
const one = (ds: Diagnostic[], code: DiagnosticCode) => {
  const found = ds.filter((d) => d.code === code);
  assert.equal(found.length, 1, `${code} in ${JSON.stringify(ds, null, 1)}`);
  return found[0];
};

// δ = 14: λ w0/σ3 = e^(−14)/1e-3 ≈ 8e-4, a vanishing init for Fig. 1's smallest σ.
const clean = { data: FIG1, models: [{ depth: 1 }, { depth: 2 }], init: { delta: 14 }, optimizer: { stepSize: 0.5, steps: 20000 } };

test('GBL Fig. 1 with a safe step and a vanishing init is clean', () => {
  const exp = experiment(clean);
  const p = fig1();
  assert.deepEqual(staticDiagnostics(exp, p, computeTheory(p, 1e-4)), []);
  assert.deepEqual(staticDiagnostics(exp, p, null), []); // theory computed when not given
  assert.deepEqual(staticDiagnostics(experiment({ ...clean, optimizer: { method: 'flow', stepSize: 0.5, steps: 20000 } }), p, null), []);
});

test('GBL Fig. 1 with the default δ = 8: only init.notVanishing truly applies', () => {
  const exp = experiment({ ...clean, init: undefined });
  const ds = staticDiagnostics(exp, fig1(), null);
  assert.deepEqual(codes(ds), ['init.notVanishing']);
  const d = ds[0];
  assert.equal(d.severity, 'info');
  assert.equal(d.path, '/init/delta');
  assert.equal(d.limit, 1e-2);
  assert.match(d.message, /e\^\(−δ\) = 3\.355e-4 \(δ = 8\)/);
  assert.match(d.message, /σ3\/λ3 = 0\.001/);
  assert.match(d.message, /λ w0\/σ = 0\.3355 > 0\.01/);
  const byScale = staticDiagnostics(experiment({ ...clean, init: { scale: 1e-3 } }), fig1(), null);
  assert.equal(one(byScale, 'init.notVanishing').path, '/init/scale');
  const gaussian = staticDiagnostics(experiment({ ...clean, init: { scheme: 'gaussian', scale: 1 } }), fig1(), null);
  assert.deepEqual(gaussian, []); // no per-component predictions for a gaussian init
});

test('stepSize.diverges, gd: η·max ρ ≥ 2 names the worst model and the limit', () => {
  // depth 2: ρ1 = 2σ1 = 0.2 → limit 10; depth 1: λmax = 1 → limit 2
  const ds = staticDiagnostics(experiment({ ...clean, models: [{ depth: 2 }], optimizer: { stepSize: 10, steps: 100 } }), fig1(), null);
  const d = one(ds, 'stepSize.diverges');
  assert.equal(d.severity, 'error');
  assert.equal(d.path, '/optimizer/stepSize');
  assert.ok(Math.abs(d.limit! - 10) < 1e-12);
  assert.match(d.message, /stepSize 10 ≥ 2\/ρ_1 = 10 for model "depth 2"/);
  const below = staticDiagnostics(experiment({ ...clean, models: [{ depth: 2 }], optimizer: { stepSize: 4.9, steps: 1e5 } }), fig1(), null);
  assert.deepEqual(codes(below), []);
});

test('stepSize.diverges, depth 1: η ≥ 2/λmax(Σx) even where no component lives', () => {
  const p = moments([4, 1], [0, 1]); // σ1 = 1 on e2 (λ = 1), but Σx's top eigenvalue is 4
  const exp = experiment({ data: { kind: 'moments', sigmaX: [4, 1], sigmaXY: [0, 1] }, models: [{ depth: 1 }], init: { delta: 14 }, optimizer: { stepSize: 0.6, steps: 100 } });
  const d = one(staticDiagnostics(exp, p, null), 'stepSize.diverges');
  assert.equal(d.limit, 0.5);
  assert.match(d.message, /2\/λmax\(Σx\) = 0\.5/);
});

test('stepSize.diverges, flow: RK4 limit 2.78 instead of 2', () => {
  const p = moments([1, 1], [1, 0.5]);
  const data = { kind: 'moments', sigmaX: [1, 1], sigmaXY: [1, 0.5] };
  const at = (method: string, stepSize: number) =>
    staticDiagnostics(experiment({ data, models: [{ depth: 2 }], init: { delta: 14 }, optimizer: { method, stepSize, steps: 1e5 } }), p, null);
  assert.ok(at('gd', 1.3).some((d) => d.code === 'stepSize.diverges'));
  assert.ok(!at('flow', 1.3).some((d) => d.code === 'stepSize.diverges'));
  const flow = one(at('flow', 1.4), 'stepSize.diverges');
  assert.ok(Math.abs(flow.limit! - 1.39) < 1e-12);
  assert.match(flow.message, /RK4/);
  assert.deepEqual(at('grouprmsprop', 100), []); // adaptive: no static step-size theory
});

test('stepSize.stability: gd depth ≥ 2, η ≥ 1/(2σ1)', () => {
  const p = moments([1, 1], [1, 0.1]); // stability 0.5, eigengap 1.8, diverges (depth 2) 1
  const data = { kind: 'moments', sigmaX: [1, 1], sigmaXY: [1, 0.1] };
  const ds = staticDiagnostics(experiment({ data, models: [{ depth: 1 }, { depth: 2 }], init: { delta: 14 }, optimizer: { stepSize: 0.6, steps: 1e5 } }), p, null);
  assert.deepEqual(codes(ds), ['stepSize.stability']);
  assert.equal(ds[0].severity, 'warning');
  assert.equal(ds[0].limit, 0.5);
  assert.equal(ds[0].path, '/optimizer/stepSize');
  assert.match(ds[0].message, /stepSize 0\.6 ≥ 1\/\(2σ1\) = 0\.5/);
  const depth1 = staticDiagnostics(experiment({ data, models: [{ depth: 1 }], init: { delta: 14 }, optimizer: { stepSize: 0.6, steps: 1e5 } }), p, null);
  assert.deepEqual(depth1, []);
});

test('stepSize.eigengap: names i and the smallest bound', () => {
  const p = moments([1, 1, 1], [1, 0.9, 0.1]);
  // i = 1: min(2·0.1/1, 0.1/(2·0.81)) = 0.0617; i = 2: min(2·0.8/0.81, 0.8/0.02) = 1.975
  const data = { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: [1, 0.9, 0.1] };
  const ds = staticDiagnostics(experiment({ data, models: [{ depth: 2 }], init: { delta: 14 }, optimizer: { stepSize: 0.1, steps: 1e5 } }), p, null);
  const d = one(ds, 'stepSize.eigengap');
  assert.deepEqual(codes(ds), ['stepSize.eigengap']);
  assert.ok(Math.abs(d.limit! - 0.1 / 1.62) < 1e-12);
  assert.match(d.message, /at i = 1/);
  assert.match(d.message, /\(σ1 − σ2\)\/\(2σ2²\) = 0\.06173/);
});

test('spectrum.degenerate at /data, and no eigengap for the degenerate pair', () => {
  const p = moments([1, 1, 1], [0.5, 0.5, 0.1]);
  const data = { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: [0.5, 0.5, 0.1] };
  const ds = staticDiagnostics(experiment({ data, models: [{ depth: 2 }], init: { delta: 14 }, optimizer: { stepSize: 0.05, steps: 1e5 } }), p, null);
  const d = one(ds, 'spectrum.degenerate');
  assert.equal(d.path, '/data');
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /σ1 = σ2 = 0\.5/);
  assert.deepEqual(codes(ds), ['spectrum.degenerate']);
});

test('assumption.commutativity: warning above 0.1, info above 1e-6, with ε and Δxy', () => {
  // Σx = [[1, c], [c, 1]], Σxy = diag(1, 0.5): u = e1, e2, B = [[0, c], [c, 0]], ε = c, ‖Σx‖₂ = 1 + c
  const run = (c: number) => {
    const sx = [[1, c], [c, 1]];
    const exp = experiment({ data: { kind: 'moments', sigmaX: sx, sigmaXY: [1, 0.5] }, models: [{ depth: 1 }], init: { delta: 14 }, optimizer: { stepSize: 0.01, steps: 1e5 } });
    return staticDiagnostics(exp, moments(sx, [1, 0.5]), null);
  };
  const w = one(run(0.5), 'assumption.commutativity');
  assert.equal(w.severity, 'warning');
  assert.equal(w.path, '/data');
  assert.equal(w.limit, 0.1);
  assert.match(w.message, /Δxy = ‖B‖₂\/‖Σx‖₂ = 0\.3333 > 0\.1 \(ε = ‖B‖₂ = 0\.5\)/);
  const i = one(run(1e-3), 'assumption.commutativity');
  assert.equal(i.severity, 'info');
  assert.equal(i.limit, 1e-6);
  assert.deepEqual(run(0), []);
});

test('steps.horizon: the last component is predicted beyond steps, message names model and step', () => {
  // depth 2 flow closed form: ln((σ − λw0)/(λw0))/(2ησ) ≈ 7090 steps for σ3 = 1e-3, δ = 14, η = 0.5
  const exp = experiment({ ...clean, models: [{ depth: 1 }, { depth: 2, label: 'two-layer' }, { depth: 3 }], optimizer: { stepSize: 0.5, steps: 5000 } });
  const d = one(staticDiagnostics(exp, fig1(), null), 'steps.horizon');
  assert.equal(d.path, '/optimizer/steps');
  assert.equal(d.severity, 'warning');
  const k2 = predictedPhaseStep(0.001, 1, 2, 'gd', 0.5, Math.exp(-14), 1e6)!;
  const k3 = predictedPhaseStep(0.001, 1, 3, 'gd', 0.5, Math.exp(-14), 1e6)!;
  assert.ok(k2 > 5000 && k2 < 8000);
  assert.match(d.message, new RegExp(`"two-layer" at step ${k2}`));
  assert.match(d.message, new RegExp(`"depth 3" at step ${k3}`));
  assert.doesNotMatch(d.message, /"depth 1"/);
  assert.equal(d.limit, Math.max(k2, k3));
  const enough = experiment({ ...clean, models: [{ depth: 2 }, { depth: 3 }], optimizer: { stepSize: 0.5, steps: Math.max(k2, k3) } });
  assert.deepEqual(staticDiagnostics(enough, fig1(), null), []);
});

test('steps.horizon for huge runs is estimated quickly from the flow time', () => {
  const exp = experiment({ ...clean, models: [{ depth: 2 }, { depth: 4 }], optimizer: { stepSize: 1e-4, steps: 1e7 } });
  const t0 = Date.now();
  const d = one(staticDiagnostics(exp, fig1(), null), 'steps.horizon');
  assert.ok(Date.now() - t0 < 2000);
  assert.match(d.message, /"depth 2" at step ≈ \d+/);
  // depth 2: ln((σ − λw0)/(λw0))/(2ησ)
  const w0 = Math.exp(-14);
  const k2 = Math.log((1e-3 - w0) / w0) / (2 * 1e-4 * 1e-3);
  assert.ok(d.limit! >= k2 - 1);
  const ok = experiment({ ...clean, models: [{ depth: 2 }], optimizer: { stepSize: 1e-4, steps: 1e8 } });
  assert.deepEqual(staticDiagnostics(ok, fig1(), null), []);
});

test('width.rankConstrained at /models/j/width for width < min(d, p)', () => {
  const exp = experiment({ ...clean, models: [{ depth: 1 }, { depth: 2, width: 2 }, { depth: 3, width: 3 }] });
  const ds = staticDiagnostics(exp, fig1(), null);
  const d = one(ds, 'width.rankConstrained');
  assert.equal(d.path, '/models/1/width');
  assert.equal(d.severity, 'info');
  assert.equal(d.limit, 3);
  assert.match(d.message, /width 2 < min\(d, p\) = 3/);
  // decidable from the file alone, before any data is drawn
  const ae = experiment({ data: { kind: 'autoencoder', n: 10, d: 20, rank: 5, spectrum: [5, 4, 3, 2, 1] }, models: [{ depth: 2, width: 4 }], optimizer: { stepSize: 0.01, steps: 10 } });
  assert.equal(one(staticDiagnostics(ae, null, null), 'width.rankConstrained').path, '/models/0/width');
});

test('completion: only the depth-1 step size against 2|Ω| and the widths', () => {
  const doc = (stepSize: number, method = 'gd') => ({
    data: { kind: 'completion', rows: 10, cols: 10, rank: 2, observed: 50 },
    models: [{ depth: 1 }, { depth: 3 }],
    optimizer: { method, stepSize, steps: 100 },
  });
  const d = one(staticDiagnostics(experiment(doc(100)), null, null), 'stepSize.diverges');
  assert.equal(d.limit, 100);
  assert.match(d.message, /stepSize 100 ≥ 2\|Ω\| = 100/);
  assert.deepEqual(staticDiagnostics(experiment(doc(99)), null, null), []);
  assert.deepEqual(staticDiagnostics(experiment(doc(100, 'flow')), null, null), []);
  const problem: CompletionProblem = {
    kind: 'completion', rows: 10, cols: 10, matrix: { rows: 10, cols: 10, data: new Float64Array(100) },
    mask: new Uint8Array(100).fill(1), observedCount: 100, hasGroundTruth: true,
  };
  // the loaded mask's |Ω| wins over the file's `observed`
  assert.deepEqual(staticDiagnostics(experiment(doc(100)), problem, null), []);
  assert.equal(one(staticDiagnostics(experiment(doc(200)), problem, null), 'stepSize.diverges').limit, 200);
});

test('record.coarse: the first record after 0 past the first predicted phase step; log-spaced records clear it', () => {
  const p = fig1();
  const th = computeTheory(p, 1e-4);
  const exp = experiment({ ...clean, record: { every: 1000 } });
  const d = one(staticDiagnostics(exp, p, th), 'record.coarse');
  // the first predicted phase step of depth 2 on component 1, by the scalar recursion itself
  const first = predictedPhaseStep(th.sigma[0], th.lambda[0], 2, 'gd', 0.5, Math.exp(-14), 20000)!;
  assert.equal(d.limit, first);
  assert.ok(first < 1000);
  assert.equal(d.severity, 'info');
  assert.equal(d.path, '/record');
  assert.match(d.message, new RegExp(`first record after step 0 is step 1000, past the first predicted phase step ${first}`));
  assert.deepEqual(codes(staticDiagnostics(experiment({ ...clean, record: { every: Math.floor(first / 2) } }), p, th)), []);
  assert.deepEqual(codes(staticDiagnostics(experiment(clean), p, th)), []);
});
