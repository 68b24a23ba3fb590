// min f = ½ trΣy − ½ tr(Σxyᵀ Σx⁺ Σxy): when trΣy is unknown (moments data) the loss is the excess
// loss f(W) − min f = ½⟨W,ΣxW⟩ − ⟨W,Σxy⟩ + ½ tr(Σxyᵀ W*), W* = Σx⁺ Σxy (spec §1–2).
import { Matrix, pseudoInverse } from 'ml-matrix';
import type { MomentsProblem } from '../types';

const cache = new WeakMap<MomentsProblem, number>();

export function excessLossConstant(problem: MomentsProblem): number {
  const hit = cache.get(problem);
  if (hit !== undefined) return hit;
  const { d, p } = problem;
  const sx = new Matrix(d, d);
  const sxy = new Matrix(d, p);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) sx.set(i, j, problem.sigmaX.data[i * d + j]);
    for (let j = 0; j < p; j++) sxy.set(i, j, problem.sigmaXY.data[i * p + j]);
  }
  const wStar = pseudoInverse(sx).mmul(sxy);
  let c = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < p; j++) c += sxy.get(i, j) * wStar.get(i, j);
  cache.set(problem, c / 2);
  return c / 2;
}
