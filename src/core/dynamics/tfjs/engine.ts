// The float32 engine on tfjs: its state and the segment protocol that runs advance() with one
// read-back per segment (see tfjsEngine.ts for the whole picture; the uploads are uploads.ts).
import type * as TF from '@tensorflow/tfjs';
import { limitTripped, type AdvanceOutcome, type DynamicsEngine, type EngineFactory, type EngineSetup, type StepLimits } from '../engine';
import { factorShapes, problemDims } from '../gradient';
import { methodOf } from '../methods/index';
import type { MethodDescriptor } from '../methods/descriptor';
import { RMSPROP_ALPHA, RMSPROP_EPS } from '../methods/grouprmsprop';
import { gemm } from '../../linalg/gemm';
import type { Mat } from '../../types';
import { rawLosses, type LossOperands } from './anchor';
import { ensureBackend, loadTfjs, type Tf, type TfjsBackend, type TfjsOptions } from './load';
import { scaledGradients, type GradientOperands, type TfjsConstants, type TfjsState, type TfjsStepContext } from './steps';
import { float32Of, uploadProblem } from './uploads';

type Tensor2D = TF.Tensor2D;

/** The most steps run before a read-back; longer advance() calls read back once per segment. */
export const SEGMENT_MAX = 4096;
/** At most this many states' W (or sG) are held to form their losses together (and this many bytes). */
const LOSS_BATCH_MAX = 64;
const LOSS_BATCH_BYTES = 32 * 1024 * 1024;

/**
 * Precision: float32 throughout on the device. The loss is evaluated as a float32 "raw" value,
 * f = lossScale·raw + lossOffset, the affine map and the constant (½ trΣy or the excess-loss
 * constant ½ tr(Σxyᵀ Σx⁺ Σxy)) applied in float64 after the read-back.
 *
 * Scaling: the gradient is formed already multiplied by s (the method's gradientScale: η for gd,
 * h for flow, 1 for grouprmsprop), by uploading s·Σx and s·Σxy (completion: s·P_Ω/|Ω| and
 * s·P_Ω(M)/|Ω|; uploads.ts), which saves one op per step: then every ∇_l below is s·∇_l.
 *
 * tfjs has one active backend per process: each advance()/endToEnd() makes its engine's backend the
 * active one, so engines on different backends may take turns, but not run interleaved.
 */
export class TfjsEngine implements DynamicsEngine {
  readonly precision = 'float32' as const;
  private state: TfjsState;
  private readonly d: number;
  private readonly p: number;
  private readonly shapes: Array<[number, number]>;
  private readonly method: MethodDescriptor;
  private readonly lossScale: number;
  private readonly lossOffset: number;
  /** moments: s·Σx (d×d), s·Σxy (d×p); completion: s·mask/|Ω|, s·P_Ω(M)/|Ω| (rows×cols). */
  private readonly operands: GradientOperands;
  /** What the losses are formed from (anchor.ts). */
  private readonly lossOperands: LossOperands;
  /** States whose losses are formed together (bounded by LOSS_BATCH_BYTES of kept W or sG, and copies). */
  private readonly lossBatch: number;
  private readonly consts: TfjsConstants;
  private readonly stepContext: TfjsStepContext;
  private disposed = false;

  constructor(
    private readonly tf: Tf,
    readonly backend: TfjsBackend,
    setup: EngineSetup,
  ) {
    const { problem, depth, width, stepSize } = setup;
    const { d, p } = problemDims(problem);
    this.d = d;
    this.p = p;
    this.method = methodOf(setup.method);
    this.shapes = factorShapes(d, p, depth, width);
    if (setup.factors.length !== depth) throw new Error(`expected ${depth} factors, got ${setup.factors.length}`);
    this.shapes.forEach(([r, c], l) => {
      if (setup.factors[l].rows !== r || setup.factors[l].cols !== c) {
        throw new Error(`factor ${l + 1} is ${setup.factors[l].rows}×${setup.factors[l].cols}, expected ${r}×${c}`);
      }
    });
    const s = this.method.tfjs.gradientScale(stepSize);
    this.consts = {
      half: tf.scalar(0.5),
      two: tf.scalar(2),
      sixth: tf.scalar(1 / 6),
      alpha: tf.scalar(RMSPROP_ALPHA),
      oneMinusAlpha: tf.scalar(1 - RMSPROP_ALPHA),
      eta: tf.scalar(stepSize),
      eps: tf.scalar(RMSPROP_EPS),
    };
    const up = uploadProblem(tf, problem, d, p, s, this.consts.two);
    this.operands = up.operands;
    this.lossOperands = up.lossOperands;
    this.lossScale = up.lossScale;
    this.lossOffset = up.lossOffset;
    this.lossBatch = Math.max(1, Math.min(LOSS_BATCH_MAX, Math.floor(LOSS_BATCH_BYTES / (24 * d * p))));
    const operands = this.operands;
    this.stepContext = { tf, consts: this.consts, gradients: (Ws) => scaledGradients(tf, operands, Ws).grads };
    this.state = {
      factors: setup.factors.map((f) => tf.tensor2d(float32Of(f.data), [f.rows, f.cols], 'float32')),
      v: this.method.tfjs.runningAverage ? tf.scalar(0) : null,
      t: 0,
    };
  }

  /**
   * step() in its own tf.tidy: the method's update from `st` (methods/*.ts); only the new state
   * survives, and with `keep` what the loss of `st` is formed from (moments: W; completion: sG).
   */
  private tidyStep(st: TfjsState, keep: boolean): { next: TfjsState; lossInput?: Tensor2D } {
    type Out = { next: TfjsState; lossInput?: Tensor2D };
    const tf = this.tf;
    return tf.tidy(() => {
      const Ws = st.factors;
      const { grads, W: W0, G } = scaledGradients(tf, this.operands, Ws);
      const W = W0 === Ws[0] ? tf.clone(W0) : W0; // depth 1: W is the factor itself, which goes away with st
      const next = this.method.tfjs.step(this.stepContext, st, grads);
      return (keep ? { next, lossInput: this.lossOperands.anchor ? W : G } : { next }) as unknown as TF.TensorContainer;
    }) as unknown as Out;
  }

  private disposeState(st: TfjsState): void {
    for (const f of st.factors) f.dispose();
    st.v?.dispose();
  }

  /**
   * The segment protocol: each step is one tf.tidy that keeps W (or sG) of the state it left; every
   * lossBatch steps their losses are formed together (rawLosses), and the losses of the whole segment
   * (at most SEGMENT_MAX steps) are read back once. If some loss tripped a limit, the engine goes back
   * to the state saved at the segment start and replays exactly up to that step, so the outcome is the
   * one engine.ts prescribes.
   */
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
          parts.push(rawLosses(tf, pending, this.lossOperands, this.d, this.p));
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
    this.operands.A.dispose();
    this.operands.B.dispose();
    this.lossOperands.anchor?.wStar.dispose();
    this.lossOperands.anchor?.sR.dispose();
    for (const k of Object.keys(this.consts) as Array<keyof TfjsConstants>) this.consts[k].dispose();
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
