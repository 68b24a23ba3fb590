// The float64 `js` engine: gd (GBL eq. 5), gradient flow by classical RK4 (eq. 6) and ACHL's
// grouprmsprop, on preallocated Float64Arrays. No allocation inside advance().
import { excessLossConstant } from './excessConstant';
import { limitTripped, type AdvanceOutcome, type DynamicsEngine, type EngineFactory, type EngineSetup, type StepLimits } from './engine';
import { GradientWorkspace, factorShapes, problemDims, workspaceBufferLengths } from './gradient';
import { sumSquares } from '../linalg/gemm';
import { arenaDoubles, createArena, type Float64Arena } from '../linalg/wasm/wasmGemm';
import type { Mat } from '../types';

/** ACHL's grouprmsprop: running average α of the total squared gradient norm, ε = 1e-4. */
export const RMSPROP_ALPHA = 0.99;
export const RMSPROP_EPS = 1e-4;


export class Float64Engine implements DynamicsEngine {
  readonly backend = 'js' as const;
  readonly precision = 'float64' as const;
  private readonly ws: GradientWorkspace;
  /** Every buffer of the step: one WebAssembly memory with the SIMD kernels, else plain arrays. */
  private readonly arena: Float64Arena;
  private readonly factors: Float64Array[];
  private readonly grads: Float64Array[];
  // RK4 stages and the probe state
  private readonly k: Float64Array[][];
  private readonly probe: Float64Array[];
  private readonly h: number;
  private rmspropV = 0;
  private rmspropT = 0;

  constructor(private readonly setup: EngineSetup) {
    const excess = setup.problem.kind === 'moments' && setup.problem.traceSigmaY === null ? excessLossConstant(setup.problem) : 0;
    const flow = setup.method === 'flow';
    const { d, p } = problemDims(setup.problem);
    const sizes = factorShapes(d, p, setup.depth, setup.width).map(([r, c]) => r * c);
    // factors, grads, (RK4: k0…k3, probe), then the workspace: all reserved up front
    const lengths = [...sizes, ...sizes, ...(flow ? Array(5).fill(sizes).flat() : []), ...workspaceBufferLengths(setup.problem, setup.depth, setup.width)];
    this.arena = createArena(arenaDoubles(lengths));
    const alloc = () => this.ws.shapes.map(([r, c]) => this.arena.alloc(r * c));
    this.ws = new GradientWorkspace(setup.problem, setup.depth, setup.width, excess, this.arena);
    this.factors = alloc();
    setup.factors.forEach((f, l) => {
      if (l < this.factors.length && f.data.length === this.factors[l].length) this.factors[l].set(f.data); // else the check below throws
    });
    this.grads = alloc();
    this.h = setup.stepSize;
    this.k = flow ? [0, 1, 2, 3].map(alloc) : [];
    this.probe = flow ? alloc() : [];
    this.ws.shapes.forEach(([r, c], l) => {
      if (setup.factors[l].rows !== r || setup.factors[l].cols !== c) {
        throw new Error(`factor ${l + 1} is ${setup.factors[l].rows}×${setup.factors[l].cols}, expected ${r}×${c}`);
      }
    });
  }

  async advance(n: number, limits: StepLimits): Promise<AdvanceOutcome> {
    const { factors, grads, ws } = this;
    const L = factors.length;
    const eta = this.h;
    const method = this.setup.method;
    for (let s = 0; s < n; s++) {
      const f = ws.evaluate(factors, method === 'flow' ? this.k[0] : grads);
      const stop = limitTripped(f, limits);
      if (stop) return { taken: s, stop };
      if (method === 'gd') {
        // Wl ← Wl − η ∇_l, every factor from the same iterate (GBL eq. 5)
        for (let l = 0; l < L; l++) this.arena.axpy(-eta, grads[l], factors[l]);
      } else if (method === 'grouprmsprop') {
        // one step size for all factors: η / (√v̂ + 1e-4), v̂ bias-corrected (ACHL §5)
        let sq = 0;
        for (let l = 0; l < L; l++) sq += sumSquares(grads[l]);
        this.rmspropT += 1;
        this.rmspropV = RMSPROP_ALPHA * this.rmspropV + (1 - RMSPROP_ALPHA) * sq;
        const vHat = this.rmspropV / (1 - Math.pow(RMSPROP_ALPHA, this.rmspropT));
        const step = eta / (Math.sqrt(vHat) + RMSPROP_EPS);
        for (let l = 0; l < L; l++) this.arena.axpy(-step, grads[l], factors[l]);
      } else {
        this.rk4Step();
      }
    }
    return { taken: n, stop: null };
  }

  /** Classical RK4 for dWl/dt = −∇_l (GBL eq. 6); k[0] already holds ∇ at the current state. */
  private rk4Step(): void {
    const { factors, probe, k, ws, h } = this;
    const L = factors.length;
    const stage = (from: Float64Array[], scale: number, into: Float64Array[]) => {
      for (let l = 0; l < L; l++) {
        const x = factors[l], g = from[l], y = probe[l];
        for (let i = 0; i < x.length; i++) y[i] = x[i] - scale * g[i];
      }
      ws.evaluate(probe, into);
    };
    stage(k[0], h / 2, k[1]);
    stage(k[1], h / 2, k[2]);
    stage(k[2], h, k[3]);
    const c = h / 6;
    for (let l = 0; l < L; l++) {
      const x = factors[l], k0 = k[0][l], k1 = k[1][l], k2 = k[2][l], k3 = k[3][l];
      for (let i = 0; i < x.length; i++) x[i] -= c * (k0[i] + 2 * k1[i] + 2 * k2[i] + k3[i]);
    }
  }

  async endToEnd(): Promise<Mat> {
    this.ws.lossAndResidual(this.factors);
    return { rows: this.ws.d, cols: this.ws.p, data: Float64Array.from(this.ws.endToEnd) };
  }

  /** The current factors (copies). */
  factorsNow(): Mat[] {
    return this.factors.map((f, l) => ({ rows: this.ws.shapes[l][0], cols: this.ws.shapes[l][1], data: Float64Array.from(f) }));
  }

  dispose(): void {}
}

export const createFloat64Engine: EngineFactory = async (setup) => new Float64Engine(setup);
