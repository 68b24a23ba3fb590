// Phase steps: the depth-2 closed form against the flow trajectory, and the streaming predictor
// against the stored trajectories.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstStepReaching, phaseStepClosedForm, phaseStepsClosedForm, predictedPhaseStep, predictedPhaseSteps } from '../../../src/core/theory/phases';
import { scalarFlowTrajectory, scalarGdTrajectory } from '../../../src/core/theory/scalar';

describe('phase steps', () => {
  it('firstStepReaching finds the first index at or above the target', () => {
    const t = Float64Array.from([0, 0.1, 0.5, 0.4, 0.9]);
    assert.equal(firstStepReaching(t, 0.5), 2);
    assert.equal(firstStepReaching(t, 0), 0);
    assert.equal(firstStepReaching(t, 1), null);
    assert.equal(firstStepReaching(Float64Array.from([NaN, NaN]), 0), null);
  });

  it('the depth-2 closed form matches the first step the RK4 flow reaches half of σ/λ', () => {
    for (const [sigma, lambda, delta, eta] of [
      [1, 1, 8, 0.01],
      [0.1, 1, 8, 0.1],
      [0.01, 1, 8, 0.5],
      [2, 0.5, 4, 0.005],
      [0.3, 3, 12, 0.02],
    ]) {
      const w0 = Math.exp(-delta);
      const kCf = phaseStepClosedForm(sigma, lambda, w0, eta);
      assert.ok(kCf !== null);
      const steps = Math.ceil(2 * kCf) + 10;
      const traj = scalarFlowTrajectory(sigma, lambda, 2, eta, w0, steps);
      const kTraj = firstStepReaching(traj, (0.5 * sigma) / lambda);
      assert.ok(kTraj !== null);
      // the trajectory crosses between steps ⌈k⌉−1 and ⌈k⌉ up to RK4 error
      assert.ok(Math.abs(kTraj - Math.ceil(kCf)) <= 1, `σ=${sigma}: closed form ${kCf}, trajectory ${kTraj}`);
    }
  });

  it('the closed form is null once λw0 ≥ σ/2, and for λ = 0', () => {
    assert.equal(phaseStepClosedForm(1, 1, 0.5, 0.1), null);
    assert.equal(phaseStepClosedForm(1, 1, 0.7, 0.1), null);
    assert.equal(phaseStepClosedForm(0, 1, 0.01, 0.1), null);
    assert.equal(phaseStepClosedForm(1, 0, 0.01, 0.1), null);
    assert.deepEqual(phaseStepsClosedForm([1, 0.1], [1, 1], 0.1, 0.1).map((x) => x !== null), [true, false]);
  });

  it('GBL Thm 2 / Cor. 3: in τ = 2ηk/δ the transitions tend to 1/σ_i as δ grows', () => {
    const sigma = [1, 0.5, 0.1];
    const eta = 0.01;
    for (const delta of [50, 200, 700]) {
      const taus = sigma.map((s) => (2 * eta * (phaseStepClosedForm(s, 1, Math.exp(-delta), eta) as number)) / delta);
      const worst = Math.max(...taus.map((tau, i) => Math.abs(tau * sigma[i] - 1)));
      assert.ok(worst < 3 / delta + 1e-9, `δ=${delta}: ${taus}`);
    }
  });

  it('predictedPhaseStep streams the same steps as the stored gd / flow trajectories', () => {
    const w0 = Math.exp(-6);
    for (const depth of [1, 2, 3, 4])
      for (const method of ['gd', 'flow'] as const)
        for (const [sigma, lambda, eta] of [
          [1, 1, 0.05],
          [0.2, 0.7, 0.3],
          [0.05, 2, 0.4],
        ]) {
          const steps = 4000;
          const traj = (method === 'gd' ? scalarGdTrajectory : scalarFlowTrajectory)(sigma, lambda, depth, eta, w0, steps);
          const expected = firstStepReaching(traj, (0.5 * sigma) / lambda);
          assert.equal(predictedPhaseStep(sigma, lambda, depth, method, eta, w0, steps), expected, `L=${depth} ${method} σ=${sigma}`);
        }
    // depth 3 from e^-6 is slow: at least one case must be out of reach
    assert.equal(predictedPhaseStep(0.05, 2, 3, 'gd', 0.4, w0, 10), null);
    assert.deepEqual(predictedPhaseSteps([1, 0.5], [1, 1], 1, 'gd', 0.1, 0.6, 10), [0, 0]);
  });
});
