// What a step costs: the multiply-adds of one evaluation of f and its factor gradients
// (gradient.ts), times the evaluations a step makes (methods/*.ts: RK4 makes four).
import { factorShapes } from './gradient';
import { methodOf } from './methods/index';
import type { OptimizerMethod } from '../types';

export function flopsPerStep(d: number, p: number, depth: number, width: number, method: OptimizerMethod, completion = false): number {
  const shapes = factorShapes(d, p, depth, width);
  let macs = completion ? 0 : d * d * p; // Σx W
  if (depth > 1) {
    for (let l = 1; l < depth; l++) macs += d * shapes[l][0] * shapes[l][1]; // prefix products
    for (let l = depth - 3; l >= 0; l--) macs += shapes[l + 1][0] * shapes[l + 1][1] * p; // suffix products
    macs += d * p * shapes[0][1]; // ∇_1
    for (let l = 1; l < depth; l++) {
      macs += shapes[l - 1][0] * shapes[l - 1][1] * p; // (W1⋯Wl)ᵀ G
      if (l < depth - 1) macs += shapes[l][0] * p * shapes[l][1]; // ∇_{l+1}
    }
  }
  return 2 * macs * methodOf(method).evaluationsPerStep;
}
