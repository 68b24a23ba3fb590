// The excess-loss constant ½ tr(Σxyᵀ Σx⁺ Σxy) (spec §1–2); defined with W* in theory/leastSquares.ts.
export { excessLossConstantOf as excessLossConstant } from '../theory/leastSquares';
