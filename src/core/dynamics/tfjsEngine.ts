// The float32 engines on TensorFlow.js (backends cpu, wasm, webgl): the same dynamics as the
// float64 `js` engine — gd (GBL eq. 5), gradient flow by classical RK4 (GBL eq. 6) and ACHL's
// grouprmsprop — with the same advance() semantics (engine.ts), to float32 accuracy (spec §2).
//
// tfjs is loaded lazily (dynamic import inside loadTfjs), so importing the core costs nothing when
// the float64 engine runs. Nothing here is Node-specific: the webview reuses it with webgl; the
// Node set-up (where the .wasm binaries lie) is in tfjsNode.ts.
//
// Speed. At small sizes every tfjs op costs 5–80 µs and a read-back (dataSync) per step would
// dominate, so advance() runs its steps without reading anything: each step is one tf.tidy that
// keeps W (or sG) of the state it left; every LOSS_BATCH_MAX steps their losses are formed together
// in a few ops (momentsAnchor: accurate near convergence), and the losses of the whole segment (the whole advance() call unless it exceeds
// SEGMENT_MAX steps) are read back once. If some loss tripped a limit, the engine goes back to the
// state saved at the segment start and replays exactly up to that step, so the outcome is the one
// the interface prescribes.
import type * as TF from '@tensorflow/tfjs';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { limitTripped, type AdvanceOutcome, type DynamicsEngine, type EngineFactory, type EngineSetup, type StepLimits } from './engine';
import { excessLossConstant } from './excessConstant';
import { factorShapes, problemDims } from './gradient';
import { gemm } from '../linalg/gemm';
import type { Mat, MomentsProblem } from '../types';

type Tf = typeof TF;
type Tensor2D = TF.Tensor2D;
type Scalar = TF.Scalar;

export type TfjsBackend = 'cpu' | 'wasm' | 'webgl';

export interface TfjsOptions {
  /**
   * wasm only: where the tfjs-backend-wasm*.wasm binaries are — a directory (path in Node, URL in a
   * browser; a trailing '/' is added) or a map from each binary's file name to its location.
   * Used on the first wasm initialisation only (tfjs cannot re-initialise it).
   */
  wasmPaths?: string | Record<string, string>;
}

/** ACHL's grouprmsprop: running average α of the total squared gradient norm, ε = 1e-4 (spec §2). */
const RMSPROP_ALPHA = 0.99;
const RMSPROP_EPS = 1e-4;

/** The most steps run before a read-back; longer advance() calls read back once per segment. */
export const SEGMENT_MAX = 4096;
/** At most this many states' W (or sG) are held to form their losses together (and this many bytes). */
const LOSS_BATCH_MAX = 64;
const LOSS_BATCH_BYTES = 32 * 1024 * 1024;

// ---------------------------------------------------------------- loading

let defaultTf: Promise<Tf> | null = null;
const wasmRegistered = new WeakMap<Tf, Promise<void>>();

/** `import()` of a CommonJS module yields either its exports or { default: exports }. */
function interop<T>(mod: unknown, probe: string): T {
  const m = mod as Record<string, unknown>;
  return (m[probe] !== undefined ? m : (m.default as Record<string, unknown>)) as T;
}

/**
 * Loads tfjs (unless given) and makes `backend` the active backend; wasm is registered on first use
 * with `options.wasmPaths`. Returns the tfjs namespace.
 */
export async function loadTfjs(backend: TfjsBackend, tf?: Tf, options: TfjsOptions = {}): Promise<Tf> {
  if (!tf) {
    defaultTf ??= import('@tensorflow/tfjs').then((m) => interop<Tf>(m, 'matMul'));
    tf = await defaultTf;
  }
  const t = tf;
  if (backend === 'wasm' && !wasmRegistered.has(t)) {
    wasmRegistered.set(
      t,
      (async () => {
        const wasm = interop<{ setWasmPaths(p: string | Record<string, string>, usePlatformFetch?: boolean): void }>(
          await import('@tensorflow/tfjs-backend-wasm'),
          'setWasmPaths',
        );
        if (options.wasmPaths !== undefined && t.findBackend('wasm') === null) {
          const p = options.wasmPaths;
          wasm.setWasmPaths(typeof p === 'string' && !p.endsWith('/') ? `${p}/` : p);
        }
      })(),
    );
  }
  if (backend === 'wasm') await wasmRegistered.get(t);
  await ensureBackend(t, backend);
  return t;
}

async function ensureBackend(tf: Tf, backend: TfjsBackend): Promise<void> {
  if (tf.getBackend() === backend) return;
  let ok = false;
  try {
    ok = await tf.setBackend(backend);
  } catch (e) {
    throw new Error(`tfjs backend '${backend}' failed to initialise: ${(e as Error)?.message ?? e}`);
  }
  if (!ok) throw new Error(`tfjs backend '${backend}' is not available here`);
  await tf.ready();
  if (backend === 'webgl') {
    // Some GPUs render only float16 textures: that is not the float32 the results claim (spec §2).
    let f32 = false;
    try {
      f32 = tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
    } catch {
      f32 = false;
    }
    if (!f32) throw new Error("tfjs backend 'webgl' cannot render float32 here (float16 only)");
  }
  if (backend === 'cpu') {
    // The cpu backend prints an advertisement for tfjs-node on its first tensor when it runs in
    // Node; the CLI's output is not the place for it.
    const b = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null;
    if (b && 'firstUse' in b) b.firstUse = false;
  }
}

// ---------------------------------------------------------------- the float32 loss

/** Eigen-directions of Σx below this fraction of λmax are left out of the loss anchor W*. */
const ANCHOR_RCOND = 1e-3;

/**
 * The anchor of the float32 loss of a moments problem. For any W* (here: Σx⁺Σxy restricted to the
 * eigen-directions of Σx above ANCHOR_RCOND·λmax, so that it stays of the size of the iterates,
 * then rounded to float32) and R = Σxy − Σx W*, the identity
 *   f(W) = ½⟨W,ΣxW⟩ − ⟨W,Σxy⟩ + c = ½⟨E, ΣxE⟩ − ⟨W, R⟩ + c0,   E = W − W*,  c0 = c − ½⟨W*, ΣxW*⟩
 * holds exactly. Evaluated in float32, the direct form loses eps·c (c = ½trΣy, which near
 * convergence may be 10⁶ times the loss, GBL §4.2); this one loses about eps·λmax‖E‖², small where
 * the loss is small, so stopLoss trips where the float64 engine's does. c0 is computed in float64.
 */
function momentsAnchor(problem: MomentsProblem, c: number): { wStar: Float32Array; R: Float64Array; c0: number } {
  const { d, p } = problem;
  const sx = problem.sigmaX.data;
  const sxy = problem.sigmaXY.data;
  const wStar = new Float32Array(d * p);
  const evd = new EigenvalueDecomposition(
    new Matrix(Array.from({ length: d }, (_, i) => Array.from(sx.subarray(i * d, i * d + d)))),
    { assumeSymmetric: true },
  );
  const lam = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const lmax = lam.reduce((m, x) => Math.max(m, x), 0);
  const w = new Float64Array(d * p);
  for (let i = 0; i < d; i++) {
    if (!(lam[i] > ANCHOR_RCOND * lmax)) continue;
    // W* += v_i (v_iᵀ Σxy) / λ_i
    const vi = V.getColumn(i);
    const row = new Float64Array(p);
    for (let a = 0; a < d; a++) for (let b = 0; b < p; b++) row[b] += vi[a] * sxy[a * p + b];
    for (let a = 0; a < d; a++) for (let b = 0; b < p; b++) w[a * p + b] += (vi[a] * row[b]) / lam[i];
  }
  for (let i = 0; i < d * p; i++) wStar[i] = w[i];
  const w64 = Float64Array.from(wStar);
  const sw = new Float64Array(d * p);
  gemm(sx, w64, sw, d, d, p);
  const R = new Float64Array(d * p);
  let quad = 0;
  for (let i = 0; i < d * p; i++) {
    R[i] = sxy[i] - sw[i];
    quad += w64[i] * sw[i];
  }
  return { wStar, R, c0: c - quad / 2 };
}

// ---------------------------------------------------------------- the engine

interface State {
  factors: Tensor2D[];
  /** grouprmsprop's running average v (scalar), else null. */
  v: Scalar | null;
  /** grouprmsprop's update count t (for the bias correction 1 − α^t). */
  t: number;
}


/**
 * Precision: float32 throughout on the device. The loss is evaluated as a float32 "raw" value,
 * f = lossScale·raw + lossOffset, the affine map and the constant (½ trΣy or the excess-loss
 * constant ½ tr(Σxyᵀ Σx⁺ Σxy)) applied in float64 after the read-back.
 *
 * Scaling: the gradient is formed already multiplied by s (s = η for gd, h for flow, 1 for
 * grouprmsprop), by uploading s·Σx and s·Σxy (completion: s·P_Ω/|Ω| and s·P_Ω(M)/|Ω|), which saves
 * one op per step: then every ∇_l below is s·∇_l.
 *
 * tfjs has one active backend per process: each advance()/endToEnd() makes its engine's backend the
 * active one, so engines on different backends may take turns, but not run interleaved.
 */
export class TfjsEngine implements DynamicsEngine {
  readonly precision = 'float32' as const;
  private state: State;
  private readonly d: number;
  private readonly p: number;
  private readonly shapes: Array<[number, number]>;
  private readonly method: EngineSetup['method'];
  private readonly kind: 'moments' | 'completion';
  private readonly lossScale: number;
  private readonly lossOffset: number;
  /** moments: s·Σx (d×d), s·Σxy (d×p); completion: s·mask/|Ω|, s·P_Ω(M)/|Ω| (rows×cols). */
  private readonly A: Tensor2D;
  private readonly B: Tensor2D;
  /** moments: the loss anchor W* and s·R (momentsAnchor); completion: null. */
  private readonly anchor: { wStar: Tensor2D; sR: Tensor2D } | null;
  /** States whose losses are formed together (bounded by LOSS_BATCH_BYTES of kept W or sG, and copies). */
  private readonly lossBatch: number;
  private readonly consts: Record<string, Scalar>;
  private disposed = false;

  constructor(
    private readonly tf: Tf,
    readonly backend: TfjsBackend,
    setup: EngineSetup,
  ) {
    const { problem, depth, width, method, stepSize } = setup;
    const { d, p } = problemDims(problem);
    this.d = d;
    this.p = p;
    this.method = method;
    this.kind = problem.kind;
    this.shapes = factorShapes(d, p, depth, width);
    if (setup.factors.length !== depth) throw new Error(`expected ${depth} factors, got ${setup.factors.length}`);
    this.shapes.forEach(([r, c], l) => {
      if (setup.factors[l].rows !== r || setup.factors[l].cols !== c) {
        throw new Error(`factor ${l + 1} is ${setup.factors[l].rows}×${setup.factors[l].cols}, expected ${r}×${c}`);
      }
    });
    const s = method === 'grouprmsprop' ? 1 : stepSize;
    const f32 = (x: Float64Array, scale = 1) => {
      const out = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) out[i] = scale * x[i];
      return out;
    };
    if (problem.kind === 'moments') {
      this.A = tf.tensor2d(f32(problem.sigmaX.data, s), [d, d], 'float32');
      this.B = tf.tensor2d(f32(problem.sigmaXY.data, s), [d, p], 'float32');
      // f = ½ tr(WᵀΣxW) − tr(WᵀΣxy) + c, c = ½ trΣy, or the excess-loss constant ½ tr(Σxyᵀ Σx⁺ Σxy)
      // when trΣy is unknown (spec §1–2); raw = ⟨E, sΣxE⟩ − 2⟨W, sR⟩ = 2s(f − c0) (momentsAnchor)
      const c = problem.traceSigmaY !== null ? problem.traceSigmaY / 2 : excessLossConstant(problem);
      const { wStar, R, c0 } = momentsAnchor(problem, c);
      this.anchor = { wStar: tf.tensor2d(wStar, [d, p], 'float32'), sR: tf.tensor2d(f32(R, s), [d, p], 'float32') };
      this.lossScale = 1 / (2 * s);
      this.lossOffset = c0;
    } else {
      // G = P_Ω(W − M)/|Ω| (spec §2, ACHL); entries of M outside Ω may be NaN: never uploaded.
      const k = problem.observedCount;
      const mask = new Float32Array(d * p);
      const m = new Float32Array(d * p);
      for (let i = 0; i < d * p; i++) {
        if (problem.mask[i]) {
          mask[i] = s / k;
          m[i] = (s * problem.matrix.data[i]) / k;
        }
      }
      this.A = tf.tensor2d(mask, [d, p], 'float32');
      this.B = tf.tensor2d(m, [d, p], 'float32');
      // raw = ‖sG‖² = s²/|Ω|² Σ_Ω (W−M)², f = Σ_Ω (W−M)²/(2|Ω|) = raw·|Ω|/(2s²)
      this.lossScale = k / (2 * s * s);
      this.lossOffset = 0;
      this.anchor = null;
    }
    this.lossBatch = Math.max(1, Math.min(LOSS_BATCH_MAX, Math.floor(LOSS_BATCH_BYTES / (24 * d * p))));
    this.consts = {
      half: tf.scalar(0.5),
      two: tf.scalar(2),
      sixth: tf.scalar(1 / 6),
      alpha: tf.scalar(RMSPROP_ALPHA),
      oneMinusAlpha: tf.scalar(1 - RMSPROP_ALPHA),
      eta: tf.scalar(stepSize),
      eps: tf.scalar(RMSPROP_EPS),
    };
    this.state = {
      factors: setup.factors.map((f) => tf.tensor2d(f32(f.data), [f.rows, f.cols], 'float32')),
      v: method === 'grouprmsprop' ? tf.scalar(0) : null,
      t: 0,
    };
  }

  /**
   * s·∇_l for every factor at `Ws`, with W = W1⋯WL and sG (kept for the loss). Call inside tf.tidy.
   * ∇_l = (W1⋯W(l−1))ᵀ G (W(l+1)⋯WL)ᵀ (GBL eq. 11).
   */
  private gradients(Ws: Tensor2D[]): { grads: Tensor2D[]; W: Tensor2D; G: Tensor2D } {
    const tf = this.tf;
    const L = Ws.length;
    // prefix[l] = W1⋯W(l+1)
    const prefix: Tensor2D[] = [Ws[0]];
    for (let l = 1; l < L; l++) prefix.push(tf.matMul(prefix[l - 1], Ws[l]));
    const W = prefix[L - 1];
    const G: Tensor2D =
      this.kind === 'moments'
        ? // sG = sΣx W − sΣxy (GBL eq. 7)
          tf.sub(tf.matMul(this.A, W), this.B)
        : // sG = s P_Ω(W − M)/|Ω| (ACHL)
          tf.sub(tf.mul(W, this.A), this.B);
    if (L === 1) return { grads: [G], W, G };
    // suffix[l] = W(l+1)⋯WL (suffix[0] unused)
    const suffix: Tensor2D[] = new Array(L);
    suffix[L - 1] = Ws[L - 1];
    for (let l = L - 2; l >= 1; l--) suffix[l] = tf.matMul(Ws[l], suffix[l + 1]);
    const grads: Tensor2D[] = new Array(L);
    grads[0] = tf.matMul(G, suffix[1], false, true); // G (W2⋯WL)ᵀ
    grads[L - 1] = tf.matMul(prefix[L - 2], G, true, false); // (W1⋯W(L−1))ᵀ G
    for (let l = 1; l < L - 1; l++) {
      grads[l] = tf.matMul(tf.matMul(prefix[l - 1], G, true, false), suffix[l + 1], false, true);
    }
    return { grads, W, G };
  }

  /**
   * One update from `st`: the new state (fresh tensors) and W, sG at `st` (for its loss; fresh
   * tensors too). Call inside tf.tidy.
   */
  private step(st: State): { next: State; W: Tensor2D; G: Tensor2D } {
    const tf = this.tf;
    const c = this.consts;
    const Ws = st.factors;
    const { grads, W: W0, G } = this.gradients(Ws);
    const W = W0 === Ws[0] ? tf.clone(W0) : W0; // depth 1: W is the factor itself, which goes away with st
    if (this.method === 'gd') {
      // Wl ← Wl − η ∇_l, every factor from the same iterate (GBL eq. 5); grads are η∇_l
      return { next: { factors: Ws.map((F, l) => tf.sub(F, grads[l])), v: null, t: st.t + 1 }, W, G };
    }
    if (this.method === 'flow') {
      // classical RK4 on dWl/dt = −∇_l jointly for all factors (GBL eq. 6); grads are h∇_l
      const k1 = grads;
      const k2 = this.gradients(Ws.map((F, l) => tf.sub(F, tf.mul(k1[l], c.half)))).grads;
      const k3 = this.gradients(Ws.map((F, l) => tf.sub(F, tf.mul(k2[l], c.half)))).grads;
      const k4 = this.gradients(Ws.map((F, l) => tf.sub(F, k3[l]))).grads;
      const factors = Ws.map(
        (F, l): Tensor2D => tf.sub(F, tf.mul(tf.addN([k1[l], k4[l], tf.mul(tf.add(k2[l], k3[l]), c.two)]), c.sixth)),
      );
      return { next: { factors, v: null, t: st.t + 1 }, W, G };
    }
    // grouprmsprop (ACHL): v ← α v + (1−α) Σ_l ‖∇_l‖²_F, v̂ = v/(1 − α^t), one step η/(√v̂ + ε) for all factors
    const t = st.t + 1;
    const norms = grads.map((g) => tf.sum(tf.square(g)));
    const sq = norms.length === 1 ? norms[0] : tf.addN(norms);
    const v = tf.add(tf.mul(st.v!, c.alpha), tf.mul(sq, c.oneMinusAlpha)) as Scalar;
    const vHat = tf.mul(v, tf.scalar(1 / (1 - Math.pow(RMSPROP_ALPHA, t))));
    const lr = tf.div(c.eta, tf.add(tf.sqrt(vHat), c.eps));
    return { next: { factors: Ws.map((F, l) => tf.sub(F, tf.mul(grads[l], lr))), v, t }, W, G };
  }

  /**
   * step() in its own tf.tidy: only the new state survives, and with `keep` what the loss of `st`
   * is formed from (moments: W; completion: sG).
   */
  private tidyStep(st: State, keep: boolean): { next: State; lossInput?: Tensor2D } {
    type Out = { next: State; lossInput?: Tensor2D };
    return this.tf.tidy(() => {
      const { next, W, G } = this.step(st);
      return (keep ? { next, lossInput: this.anchor ? W : G } : { next }) as unknown as TF.TensorContainer;
    }) as unknown as Out;
  }

  /**
   * The raw losses (1-D, one per state) of consecutive states from their loss inputs; disposes them.
   * moments: raw = ⟨E, sΣx E⟩ − 2⟨W, sR⟩, E = W − W* (momentsAnchor), the quadratic form of all the
   * states in one matMul; completion: raw = ‖sG‖²_F. f = lossScale·raw + lossOffset.
   */
  private rawLosses(inputs: Tensor2D[]): TF.Tensor1D {
    const tf = this.tf;
    const anchor = this.anchor;
    const { d, p } = this;
    const m = inputs.length;
    const out = tf.tidy(() => {
      const X = tf.stack(inputs) as TF.Tensor3D; // m×d×p
      if (!anchor) return tf.sum(tf.square(X), [1, 2]);
      const Et = tf.transpose(tf.sub(X, anchor.wStar), [1, 0, 2]); // d×m×p
      const AE = tf.reshape(tf.matMul(this.A, tf.reshape(Et, [d, m * p])), [d, m, p]);
      const quad = tf.sum(tf.mul(Et, AE), [0, 2]);
      const lin = tf.sum(tf.mul(X, anchor.sR), [1, 2]);
      return tf.sub(quad, tf.mul(lin, this.consts.two));
    }) as TF.Tensor1D;
    for (const t of inputs) t.dispose();
    return out;
  }

  private disposeState(st: State): void {
    for (const f of st.factors) f.dispose();
    st.v?.dispose();
  }

  async advance(n: number, limits: StepLimits): Promise<AdvanceOutcome> {
    if (this.disposed) throw new Error('engine disposed');
    const tf = this.tf;
    await ensureBackend(tf, this.backend);
    let done = 0;
    while (done < n) {
      const m = Math.min(n - done, SEGMENT_MAX);
      const start = this.state;
      let st = start;
      // The losses are formed in batches of `batch` states (W and sG kept meanwhile, stacked,
      // reduced in a few ops), and read back once for the whole segment.
      const parts: TF.Tensor1D[] = [];
      let pending: Tensor2D[] = [];
      for (let k = 0; k < m; k++) {
        const prev = st;
        const { next, lossInput } = this.tidyStep(prev, true);
        pending.push(lossInput!);
        if (prev !== start) this.disposeState(prev);
        st = next;
        if (pending.length === this.lossBatch || k === m - 1) {
          parts.push(this.rawLosses(pending));
          pending = [];
        }
      }
      const all = parts.length === 1 ? parts[0] : tf.concat(parts);
      const values = await all.data();
      for (const t of parts) t.dispose();
      all.dispose();
      let hit = -1;
      let stop: AdvanceOutcome['stop'] = null;
      for (let k = 0; k < m; k++) {
        stop = limitTripped(this.lossScale * values[k] + this.lossOffset, limits);
        if (stop) {
          hit = k;
          break;
        }
      }
      if (hit < 0) {
        if (st !== start) this.disposeState(start);
        this.state = st;
        done += m;
        continue;
      }
      // the loss of the state after `hit` updates tripped: replay exactly that many from the start
      // (the same ops on the same inputs: the same float32 state)
      if (st !== start) this.disposeState(st);
      st = start;
      for (let k = 0; k < hit; k++) {
        const prev = st;
        st = this.tidyStep(prev, false).next;
        if (prev !== start) this.disposeState(prev);
      }
      if (st !== start) this.disposeState(start);
      this.state = st;
      return { taken: done + hit, stop };
    }
    return { taken: n, stop: null };
  }

  /**
   * W = W1⋯WL of the current state: the float32 factors are read back and multiplied in float64
   * on the CPU (as accurate as the state is; the cost is of the order of the SVD the caller does).
   */
  async endToEnd(): Promise<Mat> {
    if (this.disposed) throw new Error('engine disposed');
    await ensureBackend(this.tf, this.backend);
    const parts = await Promise.all(this.state.factors.map((f) => f.data()));
    let acc = Float64Array.from(parts[0]);
    const rows = this.shapes[0][0];
    let cols = this.shapes[0][1];
    for (let l = 1; l < parts.length; l++) {
      const [, c] = this.shapes[l];
      const out = new Float64Array(rows * c);
      gemm(acc, Float64Array.from(parts[l]), out, rows, cols, c);
      acc = out;
      cols = c;
    }
    return { rows: this.d, cols: this.p, data: acc };
  }

  /** The current factors as float64 copies of the float32 state. */
  async factorsNow(): Promise<Mat[]> {
    const parts = await Promise.all(this.state.factors.map((f) => f.data()));
    return parts.map((x, l) => ({ rows: this.shapes[l][0], cols: this.shapes[l][1], data: Float64Array.from(x) }));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeState(this.state);
    this.A.dispose();
    this.B.dispose();
    this.anchor?.wStar.dispose();
    this.anchor?.sR.dispose();
    for (const k of Object.keys(this.consts)) this.consts[k].dispose();
  }
}

/**
 * A float32 engine factory on tfjs `backend`. `tf`: a tfjs namespace to use (the webview passes the
 * one it bundles); else '@tensorflow/tfjs' is imported on first use. `options.wasmPaths`: where the
 * .wasm binaries are (see tfjsNode.ts for Node).
 */
export function createTfjsEngine(backend: TfjsBackend, tf?: Tf, options: TfjsOptions = {}): EngineFactory {
  return async (setup) => {
    const t = await loadTfjs(backend, tf, options);
    return new TfjsEngine(t, backend, setup);
  };
}
