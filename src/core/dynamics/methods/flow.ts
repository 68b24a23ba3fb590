// Gradient flow dWl/dt = −∇_l f (GBL eq. 6), by classical RK4 at the time step h = stepSize,
// jointly for all factors.
import type * as TF from '@tensorflow/tfjs';
import { THRESHOLDS } from '../../diagnostics/codes';
import { closedFormDepth1Flow } from '../../theory/scalar';
import type { MethodDescriptor } from './descriptor';

/** RK4's stability interval on the negative real axis, −2.785… (diagnostics/codes.ts THRESHOLDS). */
export const RK4_REAL_AXIS = THRESHOLDS.rk4RealAxis;

export const flow: MethodDescriptor = {
  evaluationsPerStep: 4, // RK4's four stages
  stability: { bound: RK4_REAL_AXIS, beyond: `RK4 at h = stepSize leaves its stability interval (h·ρ < ${RK4_REAL_AXIS})` },
  gblThm3: false,
  theory: {
    scalar: 'flow', // RK4 on the component ODE at step h
    closedFormDepth1: (sigma, lambda, eta, w0, k) => closedFormDepth1Flow(sigma, lambda, w0, eta * k), // GBL eq. 9 at t = ηk
  },
  float64: {
    extraFactorSets: 5, // k1…k4 and the probe state
    create({ ws, factors, stepSize: h, alloc }) {
      const k = [alloc(), alloc(), alloc(), alloc()];
      const probe = alloc();
      const L = factors.length;
      const stage = (from: Float64Array[], scale: number, into: Float64Array[]) => {
        for (let l = 0; l < L; l++) {
          const x = factors[l], g = from[l], y = probe[l];
          for (let i = 0; i < x.length; i++) y[i] = x[i] - scale * g[i];
        }
        ws.evaluate(probe, into);
      };
      return {
        gradients: k[0],
        // classical RK4 for dWl/dt = −∇_l (GBL eq. 6); k[0] already holds ∇ at the current state
        step() {
          stage(k[0], h / 2, k[1]);
          stage(k[1], h / 2, k[2]);
          stage(k[2], h, k[3]);
          const c = h / 6;
          for (let l = 0; l < L; l++) {
            const x = factors[l], k0 = k[0][l], k1 = k[1][l], k2 = k[2][l], k3 = k[3][l];
            for (let i = 0; i < x.length; i++) x[i] -= c * (k0[i] + 2 * k1[i] + 2 * k2[i] + k3[i]);
          }
        },
        lastStepSize: () => h, // η_k = h per RK4 step (spec §5.6)
      };
    },
  },
  tfjs: {
    gradientScale: (h) => h,
    runningAverage: false,
    // classical RK4 on dWl/dt = −∇_l jointly for all factors (GBL eq. 6); the grads are h∇_l
    step({ tf, consts: c, gradients }, st, k1) {
      const Ws = st.factors;
      const k2 = gradients(Ws.map((F, l) => tf.sub(F, tf.mul(k1[l], c.half))));
      const k3 = gradients(Ws.map((F, l) => tf.sub(F, tf.mul(k2[l], c.half))));
      const k4 = gradients(Ws.map((F, l) => tf.sub(F, k3[l])));
      const factors = Ws.map(
        (F, l): TF.Tensor2D => tf.sub(F, tf.mul(tf.addN([k1[l], k4[l], tf.mul(tf.add(k2[l], k3[l]), c.two)]), c.sixth)),
      );
      return { factors, v: null, t: st.t + 1 };
    },
  },
};
