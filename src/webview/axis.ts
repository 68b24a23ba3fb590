// The x axis of every chart (spec §1): recorded step k, time t = ηk (gd and flow share it: flow's
// record k is time k·h), or GBL Thm 2's rescaled time τ = 2ηk/δ with w0 = e^(−δ) — depth-2
// transitions at τ → 1/σ_i as δ → ∞.
import { initScale } from '../core/experiment/defaults';
import type { Experiment } from '../core/types';

export type AxisMode = 'steps' | 'time' | 'tau';

export const AXIS_LABELS: Record<AxisMode, string> = {
  steps: 'step k',
  time: 'time t = ηk',
  tau: 'rescaled time τ = 2ηk/δ',
};

/** δ of the init (w0 = e^(−δ)), or null when it is not a vanishing scale. */
export function deltaOf(exp: Experiment): number | null {
  const w0 = initScale(exp.init);
  if (w0 === null) return null;
  const delta = -Math.log(w0);
  return Number.isFinite(delta) && delta > 0 ? delta : null;
}

/** The factor from step k to the axis unit, or null when the axis is undefined for this experiment. */
export function axisFactor(exp: Experiment, mode: AxisMode): number | null {
  const eta = exp.optimizer.stepSize;
  if (mode === 'steps') return 1;
  if (mode === 'time') return eta;
  const delta = deltaOf(exp);
  return delta === null ? null : (2 * eta) / delta;
}
