// GBL Thm 2's limit staircase against eq. (16) evaluated at large δ (an independent route: the
// closed form of the depth-2 flow, not the limit's indicator sum), and against the scalar gd
// recursion of a run at a small step.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limitApplies, limitJumps, limitNuclearNorm, limitStaircase } from '../../../src/core/theory/limitStaircase';
import { closedFormDepth2Flow, scalarGdTrajectory } from '../../../src/core/theory/scalar';
import type { Results } from '../../../src/core/types';

const sigma = [1, 0.5, 0.25];
const lambda = [1, 2, 0.5];

/** Σ_i w_i(t) from eq. (16) at t = τδ/2 (τ = 2ηk/δ, t = ηk), w0 = e^(−δ): the depth-2 nuclear norm on a commuting problem. */
const eq16NuclearNorm = (tau: number, delta: number) => sigma.reduce((sum, s, i) => sum + closedFormDepth2Flow(s, lambda[i], Math.exp(-delta), (tau * delta) / 2), 0);

// τ values at least 0.15 (relative) away from every jump 1/σ_i = 1, 2, 4
const taus = [0.3, 0.7, 0.85, 1.2, 1.7, 2.4, 3.4, 4.7, 8];

describe('GBL Thm 2 limit staircase', () => {
  it('eq. (16) at large δ tends to Σ_{1/σ_i < τ} σ_i/λ_i away from the jumps, the error shrinking as δ grows', () => {
    const worst = (delta: number) => Math.max(...taus.map((t) => Math.abs(eq16NuclearNorm(t, delta) - limitNuclearNorm(sigma, lambda, t))));
    const e = [16, 32, 64, 128].map(worst);
    for (let j = 1; j < e.length; j++) assert.ok(e[j] < e[j - 1] / 5, `error at δ = ${[16, 32, 64, 128][j]}: ${e[j]} not well below ${e[j - 1]}`);
    assert.ok(e[3] < 1e-6, `δ = 128: ${e[3]}`);
    // the levels are really the partial sums of σ_i/λ_i (1, 1/4, 1/2 in τ order 1, 2, 4)
    assert.equal(limitNuclearNorm(sigma, lambda, 0.5), 0);
    assert.equal(limitNuclearNorm(sigma, lambda, 1.5), 1);
    assert.equal(limitNuclearNorm(sigma, lambda, 3), 1.25);
    assert.equal(limitNuclearNorm(sigma, lambda, 5), 1.75);
  });

  it('eq. (16) crosses half of each rise at τ → 1/σ_i (the jump is where the limit puts it)', () => {
    const delta = 128;
    for (const j of limitJumps(sigma, lambda)) {
      const w = (tau: number) => closedFormDepth2Flow(sigma[j.component], lambda[j.component], Math.exp(-delta), (tau * delta) / 2);
      assert.ok(w(j.tau * 0.97) < j.rise / 2 && w(j.tau * 1.03) > j.rise / 2, `component ${j.component + 1} switches on at τ = ${j.tau}`);
    }
  });

  it('the scalar gd recursion (GBL eq. 22) at a small step lands on the limit too', () => {
    const delta = 40;
    const eta = 0.01;
    const steps = Math.ceil((6 * delta) / (2 * eta));
    const traj = sigma.map((s, i) => scalarGdTrajectory(s, lambda[i], 2, eta, Math.exp(-delta), steps));
    for (const tau of [0.5, 1.5, 3, 5.5]) {
      const k = Math.round((tau * delta) / (2 * eta));
      const nn = traj.reduce((sum, t) => sum + t[k], 0);
      assert.ok(Math.abs(nn - limitNuclearNorm(sigma, lambda, tau)) < 0.02, `τ = ${tau}: gd ${nn} against the limit ${limitNuclearNorm(sigma, lambda, tau)}`);
    }
  });

  it('the polyline rises at each 1/σ_i inside the range, and applies only on commuting problems with a depth-2 closed form', () => {
    const results = {
      theory: { sigma, lambda, epsilon: 0, deltaXY: 0, deltaX: 0, stepSizeBounds: { stability: 0.5, eigengap: null }, phaseSteps: [] },
      runs: [{ depth: 2, closedForm: [[0]] }],
    } as unknown as Results;
    assert.equal(limitApplies(results), true);
    const line = limitStaircase(results, 0.1, 3)!;
    assert.deepEqual(line.tau, [0.1, 1, 1, 2, 2, 3]);
    assert.deepEqual(line.nuclearNorm, [0, 0, 1, 1, 1.25, 1.25]);
    assert.equal(limitStaircase({ ...results, theory: { ...results.theory, deltaXY: 0.01 } }, 0.1, 3), null, 'not commuting');
    assert.equal(limitStaircase({ ...results, runs: [{ depth: 2, closedForm: null }] } as unknown as Results, 0.1, 3), null, 'no theory (gaussian init)');
    assert.equal(limitStaircase({ ...results, runs: [{ depth: 3, closedForm: null }] } as unknown as Results, 0.1, 3), null, 'no depth-2 run');
  });
});
