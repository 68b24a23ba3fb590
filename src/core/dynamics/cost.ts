// What a step costs: the multiply-adds of one evaluation of f and its factor gradients
// (gradient.ts), times the evaluations a step makes (methods/*.ts: RK4 makes four).
import { factorShapes } from './gradient';
import { methodOf } from './methods/index';
import type { OptimizerMethod } from '../types';

/**
 * `completion`: f of ACHL's completion, whose step works over Ω's `observed` entries (gradient.ts:
 * W on Ω, ∇_1 and W1ᵀG over Ω; every entry where the count is not known, the most it can be).
 */
export function flopsPerStep(d: number, p: number, depth: number, width: number, method: OptimizerMethod, completion = false, observed = d * p): number {
  const shapes = factorShapes(d, p, depth, width);
  if (completion) return 2 * completionMacs(shapes, p, depth, observed) * methodOf(method).evaluationsPerStep;
  let macs = d * d * p; // Σx W
  if (depth > 1) {
    for (let l = depth - 3; l >= 0; l--) macs += shapes[l + 1][0] * shapes[l + 1][1] * p; // suffix products S = W2⋯WL
    macs += d * shapes[0][1] * p; // W = W1·S
    macs += d * p * shapes[0][1]; // ∇_1
    for (let l = 1; l < depth; l++) {
      macs += shapes[l - 1][0] * shapes[l - 1][1] * p; // (W1⋯Wl)ᵀ G
      if (l < depth - 1) macs += shapes[l][0] * p * shapes[l][1]; // ∇_{l+1}
    }
  }
  return 2 * macs * methodOf(method).evaluationsPerStep;
}

/** Completion's multiply-adds of one evaluation (gradient.ts): the suffix products, three passes over Ω, the dense chain. */
function completionMacs(shapes: Array<[number, number]>, p: number, depth: number, observed: number): number {
  if (depth === 1) return 0;
  let macs = 3 * observed * shapes[0][1]; // W on Ω, ∇_1 = G Sᵀ, W1ᵀG
  for (let l = depth - 3; l >= 0; l--) macs += shapes[l + 1][0] * shapes[l + 1][1] * p; // suffix products S
  for (let l = 2; l < depth; l++) macs += shapes[l - 1][0] * shapes[l - 1][1] * p; // (W1⋯Wl)ᵀ G = W_lᵀ (W1⋯W(l−1))ᵀ G
  for (let l = 1; l < depth - 1; l++) macs += shapes[l][0] * p * shapes[l][1]; // ∇_{l+1}
  return macs;
}
