// The scalar theory against independent derivations: eq. (21), eq. (9), eq. (16), Thm 3 (eq. 23).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  closedFormDepth1Flow,
  closedFormDepth1Gd,
  closedFormDepth2Flow,
  scalarFlowTrajectory,
  scalarGdTrajectory,
  thm3Bounds,
} from '../../../src/core/theory/scalar';
import { assertClose } from './helpers';

describe('scalar theory', () => {
  it('depth-1 gd recursion equals the closed form of GBL eq. (21) to 1e-12', () => {
    for (const [sigma, lambda, eta, w0] of [
      [1, 1, 0.1, Math.exp(-8)],
      [0.3, 2, 0.45, 0.5],
      [2, 0.5, 1.9, Math.exp(-3)], // ηλ near 1: oscillation-free but fast
      [0.01, 1, 1.5, 0.2], // 1 − ηλ < 0: alternating convergence
      [0, 1, 0.1, 0.3],
    ]) {
      const traj = scalarGdTrajectory(sigma, lambda, 1, eta, w0, 2000);
      for (let k = 0; k <= 2000; k++) {
        const cf = closedFormDepth1Gd(sigma, lambda, eta, w0, k);
        assertClose(traj[k], cf, 1e-12 * Math.max(1, Math.abs(cf)), `σ=${sigma} λ=${lambda} η=${eta} k=${k}`);
      }
    }
  });

  it('depth-1 gd closed form with λ = 0 is the linear drift w0 + kησ', () => {
    const traj = scalarGdTrajectory(0.2, 0, 1, 0.1, 0.01, 50);
    for (let k = 0; k <= 50; k++) assertClose(closedFormDepth1Gd(0.2, 0, 0.1, 0.01, k), traj[k], 1e-13, `k=${k}`);
  });

  it('depth-1 flow RK4 approaches GBL eq. (9)', () => {
    const sigma = 0.7, lambda = 1.3, w0 = 0.01, h = 1e-2;
    const traj = scalarFlowTrajectory(sigma, lambda, 1, h, w0, 1000);
    for (let k = 0; k <= 1000; k += 10) assertClose(traj[k], closedFormDepth1Flow(sigma, lambda, w0, k * h), 1e-10, `k=${k}`);
  });

  it('depth-2 flow RK4 with small h approaches GBL eq. (16), with fourth-order error', () => {
    const sigma = 1, lambda = 1.5, w0 = Math.exp(-6), T = 12;
    const maxErr = (h: number) => {
      const steps = Math.round(T / h);
      const traj = scalarFlowTrajectory(sigma, lambda, 2, h, w0, steps);
      let m = 0;
      for (let k = 0; k <= steps; k++) m = Math.max(m, Math.abs(traj[k] - closedFormDepth2Flow(sigma, lambda, w0, k * h)));
      return m;
    };
    const e1 = maxErr(0.02);
    const e2 = maxErr(0.01);
    assert.ok(e2 < 1e-8, `error ${e2}`);
    const order = Math.log2(e1 / e2);
    assert.ok(order > 3.7 && order < 4.3, `observed order ${order}`);
  });

  it('eq. (16) solves dw/dt = 2w(σ − λw) (finite differences) and tends to σ/λ', () => {
    for (const [sigma, lambda, w0] of [
      [1, 1, 1e-3],
      [0.05, 2, Math.exp(-8)],
      [3, 0.5, 0.9],
    ]) {
      for (const t of [0.01, 0.5, 3, 40, 150]) {
        const dt = 1e-5 * Math.max(1, t);
        const w = closedFormDepth2Flow(sigma, lambda, w0, t);
        const dw = (closedFormDepth2Flow(sigma, lambda, w0, t + dt) - closedFormDepth2Flow(sigma, lambda, w0, t - dt)) / (2 * dt);
        assertClose(dw, 2 * w * (sigma - lambda * w), 1e-6 * Math.max(1, sigma * sigma / lambda), `σ=${sigma} t=${t}`);
      }
      assertClose(closedFormDepth2Flow(sigma, lambda, w0, 0), w0, 1e-15, 'w(0)');
    }
    // no overflow: e^(2σt) would be e^2000
    const far = closedFormDepth2Flow(1, 4, 1e-3, 1000);
    assert.ok(Number.isFinite(far));
    assertClose(far, 0.25, 1e-15, 'limit σ/λ');
  });

  it('eq. (16) with σ = 0 is w0/(1 + 2λw0 t), and the RK4 flow follows it', () => {
    const lambda = 2, w0 = 0.3, h = 0.01;
    const traj = scalarFlowTrajectory(0, lambda, 2, h, w0, 500);
    for (let k = 0; k <= 500; k += 25) {
      const t = k * h;
      assertClose(closedFormDepth2Flow(0, lambda, w0, t), w0 / (1 + 2 * lambda * w0 * t), 1e-15, 'σ = 0 form');
      assertClose(traj[k], closedFormDepth2Flow(0, lambda, w0, t), 1e-9, `k=${k}`);
    }
  });

  it('depth-3 flow on a matches RK4 on w for dw/dt = L w^(2−2/L)(σ − λw) (ACHL)', () => {
    const sigma = 0.8, lambda = 1.2, w0 = 0.05, L = 3;
    const h = 1e-3, steps = 20000;
    const traj = scalarFlowTrajectory(sigma, lambda, L, h, w0, steps);
    const g = (w: number) => L * Math.pow(w, 2 - 2 / L) * (sigma - lambda * w);
    let w = w0;
    const hw = h / 10;
    for (let k = 1; k <= steps; k++) {
      for (let s = 0; s < 10; s++) {
        const k1 = g(w), k2 = g(w + (hw / 2) * k1), k3 = g(w + (hw / 2) * k2), k4 = g(w + hw * k3);
        w += (hw / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      }
      if (k % 1000 === 0) assertClose(traj[k], w, 1e-9, `k=${k}`);
    }
    assertClose(traj[steps], sigma / lambda, 1e-6, 'converged to σ/λ');
  });

  it('depth-2 gd recursion is GBL eq. (22): w_{k+1} = w_k (1 + η(σ − λ w_k))²', () => {
    const sigma = 0.5, lambda = 0.8, eta = 0.3, w0 = Math.exp(-5);
    const traj = scalarGdTrajectory(sigma, lambda, 2, eta, w0, 300);
    for (let k = 0; k < 300; k++) {
      const expected = traj[k] * (1 + eta * (sigma - lambda * traj[k])) ** 2;
      assertClose(traj[k + 1], expected, 1e-14 * Math.max(1, expected), `k=${k}`);
    }
  });

  it('Thm 3 bounds (eq. 23, corrected upper) sandwich the depth-2 gd recursion before and after the transition', () => {
    let checked = 0;
    for (const sigma of [0.1, 1, 3])
      for (const lambda of [0.5, 1, 2])
        for (const etaFrac of [0.05, 0.2, 0.45, 0.499])
          for (const delta of [2, 6, 12]) {
            const eta = etaFrac / sigma; // 2ησ = 2·etaFrac < 1
            const w0 = Math.exp(-delta);
            if (!(lambda * w0 < sigma)) continue;
            const k0 = (delta + 5) / (2 * eta * sigma); // well past the transition
            const steps = Math.ceil(3 * k0);
            const traj = scalarGdTrajectory(sigma, lambda, 2, eta, w0, steps);
            let sawBefore = false, sawAfter = false;
            for (let k = 0; k <= steps; k++) {
              const b = thm3Bounds(sigma, lambda, eta, w0, k);
              assert.ok(b, 'valid');
              const slack = 1e-12 * Math.max(traj[k], 1e-300) + 1e-300;
              assert.ok(b.lower <= traj[k] + slack, `lower: σ=${sigma} λ=${lambda} η=${eta} δ=${delta} k=${k}: ${b.lower} > ${traj[k]}`);
              assert.ok(traj[k] <= b.upper + slack, `upper: σ=${sigma} λ=${lambda} η=${eta} δ=${delta} k=${k}: ${traj[k]} > ${b.upper}`);
              if (traj[k] < (0.5 * sigma) / lambda) sawBefore = true;
              if (traj[k] > 0.9 * sigma / lambda) sawAfter = true;
            }
            assert.ok(sawAfter, 'reached the plateau');
            if (sawBefore) checked++;
          }
    assert.ok(checked >= 90, `${checked} cases span the transition`);
  });

  it("the paper's printed upper constant −2ησ − η²σ² fails after the transition (why spec §1 corrects it)", () => {
    const sigma = 1, lambda = 1, eta = 0.4, w0 = Math.exp(-6);
    const traj = scalarGdTrajectory(sigma, lambda, 2, eta, w0, 200);
    const printed = (k: number) => (sigma * w0) / ((sigma - lambda * w0) * Math.exp((-2 * eta * sigma - eta * eta * sigma * sigma) * k) + lambda * w0);
    let violated = false;
    for (let k = 0; k <= 200; k++) if (traj[k] > printed(k) * (1 + 1e-12)) violated = true;
    assert.ok(violated);
  });

  it('Thm 3 bounds are null outside 2ησ < 1 and λw0 < σ', () => {
    assert.equal(thm3Bounds(1, 1, 0.5, 0.01, 3), null); // 2ησ = 1
    assert.equal(thm3Bounds(1, 1, 0.6, 0.01, 3), null);
    assert.equal(thm3Bounds(1, 2, 0.1, 0.5, 3), null); // λw0 = σ
    assert.equal(thm3Bounds(0, 1, 0.1, 0.01, 3), null);
    const b = thm3Bounds(1, 1, 0.1, 0.01, 0);
    assert.ok(b);
    assertClose(b.lower, 0.01, 1e-16, 'k = 0 lower');
    assertClose(b.upper, 0.01, 1e-16, 'k = 0 upper');
  });
});
