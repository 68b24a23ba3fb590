// The float64 `js` engine: the arena, the workspace and the step loop of advance(); the steps — gd
// (GBL eq. 5), gradient flow by classical RK4 (eq. 6), ACHL's grouprmsprop — are methods/*.ts. No
// allocation inside advance().
import { limitTripped, type AdvanceOutcome, type DynamicsEngine, type EngineFactory, type EngineSetup, type ProbeStep, type StepLimits } from './engine';
import { GradientWorkspace, factorShapes, problemDims, workspaceBufferLengths } from './gradient';
import { lossConstant } from './lossConstant';
import { methodOf } from './methods/index';
import type { Float64Stepper } from './methods/descriptor';
import { arenaDoubles, createArena, type Float64Arena } from '../linalg/wasm/wasmGemm';
import type { GemmThreads } from '../linalg/wasm/gemmTeam';
import type { Mat } from '../types';

/** ACHL's grouprmsprop constants, defined in methods/grouprmsprop.ts. */
export { RMSPROP_ALPHA, RMSPROP_EPS } from './methods/grouprmsprop';

export class Float64Engine implements DynamicsEngine {
  readonly backend = 'js' as const;
  readonly precision = 'float64' as const;
  private readonly ws: GradientWorkspace;
  /** Every buffer of the step: one WebAssembly memory with the SIMD kernels, else plain arrays. */
  private readonly arena: Float64Arena;
  private readonly factors: Float64Array[];
  /** The method's step (methods/*.ts), on buffers of the arena. */
  private readonly stepper: Float64Stepper;
  /**
   * f of the current factors while the workspace still holds their W and G (endToEnd() or stepAhead()
   * formed them; the next step clears it): the step after a record, and a record right after
   * stepAhead() (records every step), reuse them instead of forming them again.
   */
  private formed: number | null = null;
  /** stepAhead() has taken the step the next advance() counts as its first. */
  private ahead = false;
  /** The helper threads lent to this engine's products, if any. */
  private readonly team: GemmThreads | undefined;

  /** `team`: helper threads for the large products (gemmTeam.ts; the same bits on any number). */
  constructor(setup: EngineSetup, opts: { team?: GemmThreads } = {}) {
    this.team = opts.team;
    const problem = setup.problem;
    // the constant of f where trΣy is unknown: the excess loss (lossConstant.ts)
    const excess = problem.kind === 'moments' && problem.traceSigmaY === null ? lossConstant(problem) : 0;
    const method = methodOf(setup.method).float64;
    const { d, p } = problemDims(problem);
    const sizes = factorShapes(d, p, setup.depth, setup.width).map(([r, c]) => r * c);
    // factors, grads, the method's own buffers (RK4: k0…k3, probe), then the workspace: all reserved up front
    const lengths = [...sizes, ...sizes, ...Array(method.extraFactorSets).fill(sizes).flat(), ...workspaceBufferLengths(problem, setup.depth, setup.width)];
    this.arena = createArena(arenaDoubles(lengths), { team: opts.team });
    const alloc = () => this.ws.shapes.map(([r, c]) => this.arena.alloc(r * c));
    this.ws = new GradientWorkspace(problem, setup.depth, setup.width, excess, this.arena);
    this.factors = alloc();
    setup.factors.forEach((f, l) => {
      if (l < this.factors.length && f.data.length === this.factors[l].length) this.factors[l].set(f.data); // else the check below throws
    });
    const grads = alloc();
    let extra = method.extraFactorSets;
    this.stepper = method.create({
      arena: this.arena,
      ws: this.ws,
      factors: this.factors,
      grads,
      stepSize: setup.stepSize,
      alloc: () => {
        if (extra-- <= 0) throw new Error('a float64 step took more buffers than its extraFactorSets');
        return alloc();
      },
    });
    this.ws.shapes.forEach(([r, c], l) => {
      if (setup.factors[l].rows !== r || setup.factors[l].cols !== c) {
        throw new Error(`factor ${l + 1} is ${setup.factors[l].rows}×${setup.factors[l].cols}, expected ${r}×${c}`);
      }
    });
  }

  async advance(n: number, limits: StepLimits): Promise<AdvanceOutcome> {
    const { factors, ws, stepper } = this;
    const gradients = stepper.gradients;
    // the step stepAhead() took is this call's first: its state's f was checked there
    let s = 0;
    if (this.ahead && n > 0) {
      this.ahead = false;
      s = 1;
    }
    for (; s < n; s++) {
      let f: number;
      // a record's endToEnd() has just formed W and G of this very state: only the gradients remain
      if (this.formed !== null) {
        f = this.formed;
        this.formed = null;
        ws.factorGradients(factors, gradients);
      } else f = ws.evaluate(factors, gradients);
      const stop = limitTripped(f, limits);
      if (stop) return { taken: s, stop };
      stepper.step();
    }
    return { taken: n, stop: null };
  }

  async endToEnd(): Promise<Mat> {
    // W and G of this very state may be formed already (stepAhead formed W(k + 1) for the next advance): not again
    if (this.formed === null) this.formed = this.ws.lossAndResidual(this.factors);
    return { rows: this.ws.d, cols: this.ws.p, data: Float64Array.from(this.ws.endToEnd) };
  }

  formedLoss(): number | null {
    return this.formed;
  }

  /**
   * ACHL §3's one step (spec §5.6), taken now instead of at the next advance(): from the W and G a
   * record's endToEnd() formed, the gradients and the method's step, then W(k + 1) and G(k + 1)
   * formed for the next advance to reuse. The same bits as advance(1) (test/core/dynamics/singularValueRate.test.ts).
   */
  async stepAhead(limits: StepLimits): Promise<ProbeStep | null> {
    const { ws, stepper, factors } = this;
    const f = this.formed ?? ws.lossAndResidual(factors);
    this.formed = null;
    if (limitTripped(f, limits)) {
      this.formed = f;
      return null;
    }
    const mat = (data: Float64Array): Mat => ({ rows: ws.d, cols: ws.p, data: Float64Array.from(data) });
    const before = mat(ws.endToEnd);
    const gradient = mat(ws.G);
    ws.factorGradients(factors, stepper.gradients);
    stepper.step();
    this.formed = ws.lossAndResidual(factors);
    this.ahead = true;
    return { before, gradient, after: mat(ws.endToEnd), stepSize: stepper.lastStepSize() };
  }

  /** The current factors (copies). */
  factorsNow(): Mat[] {
    return this.factors.map((f, l) => ({ rows: this.ws.shapes[l][0], cols: this.ws.shapes[l][1], data: Float64Array.from(f) }));
  }

  /** Ends the team's helper threads, if any. */
  dispose(): void {
    this.arena.dispose?.();
  }
}

export const createFloat64Engine: EngineFactory = async (setup) => new Float64Engine(setup);

/** The float64 engine computing its large products on `team`'s threads as well (none: createFloat64Engine). */
export const float64EngineWith = (team: GemmThreads | undefined): EngineFactory => (team ? async (setup) => new Float64Engine(setup, { team }) : createFloat64Engine);
