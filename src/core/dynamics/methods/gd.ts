// Gradient descent on the factors (GBL eq. 5): Wl ← Wl − η ∇_l f, every factor from the same iterate.
import { closedFormDepth1Gd } from '../../theory/scalar';
import type { MethodDescriptor } from './descriptor';

export const gd: MethodDescriptor = {
  evaluationsPerStep: 1,
  // the scalar gd map contracts at its fixed point iff η ρ_i < 2 (spec §1, theory/stepSize.ts)
  stability: {
    bound: 2,
    beyond: 'gd cannot settle on the solution: it oscillates (often a bounded 2-cycle at depth ≥ 2) or blows up',
  },
  gblThm3: true,
  theory: {
    scalar: 'gd', // GBL eq. 22 for L = 2
    closedFormDepth1: (sigma, lambda, eta, w0, k) => closedFormDepth1Gd(sigma, lambda, eta, w0, k), // GBL eq. 21
  },
  float64: {
    extraFactorSets: 0,
    create: ({ arena, factors, grads, stepSize: eta }) => ({
      gradients: grads,
      step() {
        // Wl ← Wl − η ∇_l (GBL eq. 5)
        for (let l = 0; l < factors.length; l++) arena.axpy(-eta, grads[l], factors[l]);
      },
      lastStepSize: () => eta, // η_k = η
    }),
  },
  tfjs: {
    gradientScale: (eta) => eta,
    runningAverage: false,
    // Wl ← Wl − η ∇_l (GBL eq. 5); the grads are η∇_l
    step: ({ tf }, st, grads) => ({ factors: st.factors.map((F, l) => tf.sub(F, grads[l])), v: null, t: st.t + 1 }),
  },
};
