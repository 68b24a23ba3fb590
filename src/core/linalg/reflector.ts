// One Householder reflector, LAPACK dlarfg: for x = (α, x₂) (`len` entries of `a` from `off`, `stride`
// apart), H = I − τ v vᵀ with v = (1, v₂) and H x = (β, 0): β = −sign(α)‖x‖, τ = (β − α)/β,
// v₂ = x₂/(α − β), written over x₂ (Golub & Van Loan, Matrix Computations 4th ed., Alg. 5.1.1).
// ‖x‖ is summed scaled by max|x_i|, so entries down to the smallest normals neither under- nor
// overflow. x₂ = 0: τ = 0, β = α (H = I).

export interface Reflector {
  beta: number;
  tau: number;
}

export function householderVector(a: Float64Array, off: number, stride: number, len: number): Reflector {
  const alpha = a[off];
  let scale = 0;
  for (let t = 1; t < len; t++) {
    const x = Math.abs(a[off + t * stride]);
    if (x > scale) scale = x;
  }
  if (scale === 0) return { beta: alpha, tau: 0 };
  const as = Math.abs(alpha);
  if (as > scale) scale = as;
  let ss = 0;
  for (let t = 0; t < len; t++) {
    const x = a[off + t * stride] / scale;
    ss += x * x;
  }
  const norm = scale * Math.sqrt(ss);
  const beta = alpha >= 0 ? -norm : norm;
  const tau = (beta - alpha) / beta;
  const f = 1 / (alpha - beta);
  for (let t = 1; t < len; t++) a[off + t * stride] *= f;
  return { beta, tau };
}
