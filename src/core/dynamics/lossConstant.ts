// The constant c of a moments problem's loss f(W) = ½⟨W,ΣxW⟩ − ⟨W,Σxy⟩ + c (spec §1–2): ½ trΣy,
// or, where trΣy is unknown (moments data), the excess-loss constant ½ tr(Σxyᵀ Σx⁺ Σxy), so that f
// is the excess loss.
import { excessLossConstantOf } from '../theory/leastSquares';
import type { MomentsProblem } from '../types';

export function lossConstant(problem: MomentsProblem): number {
  return problem.traceSigmaY !== null ? problem.traceSigmaY / 2 : excessLossConstantOf(problem);
}
