// ρ_i against the derivative of the scalar gd map at its fixed point; Cor. 3 bounds by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gdStep } from '../../../src/core/theory/scalar';
import { rho, rhoMax, stepSizeBounds } from '../../../src/core/theory/stepSize';
import { assertClose } from './helpers';

describe('step-size theory', () => {
  it('1 − ηρ is the derivative of the gd map at the fixed point a* = (σ/λ)^(1/L)', () => {
    const eta = 0.1;
    for (const depth of [1, 2, 3, 5])
      for (const [sigma, lambda] of [
        [1, 1],
        [0.3, 2],
        [4, 0.5],
      ]) {
        const aStar = Math.pow(sigma / lambda, 1 / depth);
        const h = 1e-6 * aStar;
        const deriv = (gdStep(aStar + h, sigma, lambda, depth, eta) - gdStep(aStar - h, sigma, lambda, depth, eta)) / (2 * h);
        assertClose(deriv, 1 - eta * rho(sigma, lambda, depth), 1e-7, `L=${depth} σ=${sigma} λ=${lambda}`);
      }
  });

  it('ρ has the closed forms λ (L=1) and 2σ (L=2); rhoMax takes the largest', () => {
    assert.equal(rho(0.3, 2, 1), 2);
    assertClose(rho(0.3, 2, 2), 0.6, 1e-15, 'L=2');
    assertClose(rhoMax([1, 0.5], [1, 4], 3), Math.max(rho(1, 1, 3), rho(0.5, 4, 3)), 0, 'max');
    assert.equal(rhoMax([], [], 2), 0);
  });

  it('GBL Cor. 3 bounds on σ = [0.1, 0.01, 0.001] (Fig. 1)', () => {
    const b = stepSizeBounds([0.1, 0.01, 0.001]);
    assertClose(b.stability as number, 5, 1e-12, 'stability');
    // i=0: min(2·0.09/0.01, 0.09/(2·1e-4)) = 18; i=1: min(2·0.009/1e-4, 0.009/(2·1e-6)) = 180
    assertClose(b.eigengap as number, 18, 1e-9, 'eigengap');
    assert.equal(b.eigengapIndex, 0);
  });

  it('the eigengap bound picks the second term and the right index when the gap is small further down', () => {
    const b = stepSizeBounds([1, 0.9, 0.89]);
    // i=0: min(0.2, 0.1/1.62) = 0.0617…; i=1: min(0.02/0.81, 0.01/(2·0.7921)) = 0.00631…
    assertClose(b.eigengap as number, 0.01 / (2 * 0.89 * 0.89), 1e-12, 'eigengap');
    assert.equal(b.eigengapIndex, 1);
  });

  it('one component: eigengap null; none: stability null', () => {
    assert.deepEqual(stepSizeBounds([2]), { stability: 0.25, eigengap: null, eigengapIndex: null });
    assert.deepEqual(stepSizeBounds([]), { stability: null, eigengap: null, eigengapIndex: null });
  });
});
