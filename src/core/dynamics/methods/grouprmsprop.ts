// ACHL's grouprmsprop (ACHL §5): one step size for all factors, η/(√v̂ + ε), from a running average
// v of the total squared gradient norm, bias-corrected v̂ = v/(1 − α^t).
import type * as TF from '@tensorflow/tfjs';
import { sumSquaresAll } from '../../linalg/sumSquaresAll';
import type { MethodDescriptor } from './descriptor';

/** ACHL's running-average factor α of grouprmsprop (spec §2). */
export const RMSPROP_ALPHA = 0.99;
/** ACHL's ε of grouprmsprop (spec §2). */
export const RMSPROP_EPS = 1e-4;

export const grouprmsprop: MethodDescriptor = {
  evaluationsPerStep: 1,
  stability: null, // an adaptive step: no fixed bound
  gblThm3: false,
  theory: null, // the per-component theory covers fixed steps only (spec §1–2)
  float64: {
    extraFactorSets: 0,
    create({ arena, factors, grads, stepSize: eta }) {
      const L = factors.length;
      // state[0] = v, state[1] = t: the running average and the step count
      const state = new Float64Array(2);
      let step = eta;
      return {
        gradients: grads,
        step() {
          const sq = sumSquaresAll(grads); // Σ_l ‖∇_l‖², the bits of Σ_l sumSquares(∇_l)
          const t = (state[1] += 1);
          const v = (state[0] = RMSPROP_ALPHA * state[0] + (1 - RMSPROP_ALPHA) * sq);
          const vHat = v / (1 - Math.pow(RMSPROP_ALPHA, t));
          step = eta / (Math.sqrt(vHat) + RMSPROP_EPS);
          for (let l = 0; l < L; l++) arena.axpy(-step, grads[l], factors[l]);
        },
        lastStepSize: () => step, // η_k = η/(√v̂_k + ε), v̂_k with this step's own gradient (spec §5.6)
      };
    },
  },
  tfjs: {
    gradientScale: () => 1,
    runningAverage: true,
    // v ← α v + (1−α) Σ_l ‖∇_l‖²_F, v̂ = v/(1 − α^t), one step η/(√v̂ + ε) for all factors
    step({ tf, consts: c }, st, grads) {
      const t = st.t + 1;
      const norms = grads.map((g) => tf.sum(tf.square(g)));
      const sq = norms.length === 1 ? norms[0] : tf.addN(norms);
      const v = tf.add(tf.mul(st.v!, c.alpha), tf.mul(sq, c.oneMinusAlpha)) as TF.Scalar;
      const vHat = tf.mul(v, tf.scalar(1 / (1 - Math.pow(RMSPROP_ALPHA, t))));
      const lr = tf.div(c.eta, tf.add(tf.sqrt(vHat), c.eps));
      return { factors: st.factors.map((F, l) => tf.sub(F, tf.mul(grads[l], lr))), v, t };
    },
  },
};
