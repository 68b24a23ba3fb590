// Open Lab's executor for float32 runs: the models of a point are computed in the lab panel (tfjs
// WebGL, in the page's compute worker), one point at a time; everything else — and everything
// after WebGL failed once — goes to the compute pool. Lives in the extension's worker: a `compute`
// request crosses the main thread to the panel, its `computed` runs come back the same way.
import type { CancelToken } from '../compute/cancel';
import { NotRun, type Executor, type ModelTask, type TaskHooks } from '../compute/executor';
import { problemDims } from '../core/dynamics/gradient';
import { packModels, type ModelsInput } from '../core/lab';
import type { Results, RunResult } from '../core/types';
import type { EngineInfo } from '../shared/messages';

interface Compute {
  id: number;
  input: ModelsInput;
  runs: RunResult[];
  waiting: Map<number, { resolve: (r: RunResult) => void; reject: (e: Error) => void }>;
  started: boolean;
  done: boolean;
}

export interface PanelLink {
  /** Asks the panel to run these models (compute id `compute`). */
  compute(compute: number, input: ReturnType<typeof packModels>): void;
  /** WebGL failed: the engine from here on, for the panel and the log. */
  fellBack(engine: EngineInfo): void;
}

/** Why a run from the page cannot be model m of this input (its label, depth, sizes, steps), or null. */
export function mismatch(run: RunResult, input: ModelsInput, m: number): string | null {
  const model = input.experiment.models[m];
  if (!model) return `run ${m} of ${input.experiment.models.length} models`;
  if (run.label !== model.label || run.depth !== model.depth || run.width !== model.width) return `run ${m} is "${run.label}" depth ${run.depth} width ${run.width}`;
  const { d, p } = problemDims(input.problem);
  const k = Math.min(d, p);
  if (run.singularValues.some((s) => s.length !== k)) return `singular values not of length min(d, p) = ${k}`;
  const steps = input.experiment.optimizer.steps;
  if (run.steps.some((s) => !Number.isInteger(s) || s < 0 || s > steps)) return `a recorded step outside 0…${steps}`;
  return null;
}

export class WebviewExecutor implements Executor {
  private readonly computes = new Map<number, Compute>();
  private readonly byInput = new WeakMap<ModelsInput, Compute>();
  private readonly order: Compute[] = [];
  private nextId = 1;
  private failed: string | null = null;

  constructor(
    private readonly pool: Executor,
    private readonly link: PanelLink,
  ) {}

  get concurrency(): number {
    return this.pool.concurrency;
  }

  async runModel(task: ModelTask, hooks: TaskHooks, cancel: CancelToken): Promise<RunResult> {
    if (task.engine.backend !== 'webgl' || this.failed !== null) return this.pool.runModel(this.onHost(task), hooks, cancel);
    if (cancel.cancelled) throw new NotRun();
    try {
      return await this.fromPanel(task, cancel);
    } catch (e) {
      if (e instanceof NotRun || cancel.cancelled) throw e;
      return this.pool.runModel(this.onHost(task), hooks, cancel);
    }
  }

  solveBaselines(input: ModelsInput, cancel: CancelToken): Promise<Results['baselines']> {
    return this.pool.solveBaselines(input, cancel);
  }

  /** The panel's `computed`: runs so far of compute `id`, or all of them. */
  computed(id: number, runs: RunResult[], final: boolean): void {
    const c = this.computes.get(id);
    if (!c) return;
    // the page is not trusted: its runs must be runs of this job's models on this problem
    const wrong = runs.map((r, m) => mismatch(r, c.input, m)).find((w) => w !== null);
    if (wrong) return this.computeFailed(id, `the panel sent a run that is not this experiment's (${wrong})`);
    c.runs = runs;
    for (const [m, w] of c.waiting) {
      if (runs[m]) {
        c.waiting.delete(m);
        w.resolve(runs[m]);
      }
    }
    if (final) this.finish(c, new NotRun());
  }

  /** The panel could not compute: this model and every later one run on the host in float64. */
  computeFailed(id: number, reason: string): void {
    const c = this.computes.get(id);
    if (!c) return;
    if (this.failed === null) {
      this.failed = reason;
      this.link.fellBack({ backend: 'js', precision: 'float64', side: 'host', reason: `WebGL failed in the panel (${reason}); the extension host computes the rest in float64` });
    }
    this.finish(c, new Error(reason));
    for (const other of [...this.order]) this.finish(other, new Error(reason));
  }

  dispose(): void {
    for (const c of [...this.order]) this.finish(c, new Error('the run ended'));
    this.pool.dispose();
  }

  private onHost(task: ModelTask): ModelTask {
    if (task.engine.backend !== 'webgl') return task;
    return { ...task, engine: { backend: 'js', precision: 'float64', reason: `WebGL failed in the panel (${this.failed})` } };
  }

  private fromPanel(task: ModelTask, cancel: CancelToken): Promise<RunResult> {
    let c = this.byInput.get(task.input);
    if (!c) {
      c = { id: this.nextId++, input: task.input, runs: [], waiting: new Map(), started: false, done: false };
      this.byInput.set(task.input, c);
      this.computes.set(c.id, c);
      this.order.push(c);
    }
    const compute = c;
    if (compute.runs[task.modelIndex]) return Promise.resolve(compute.runs[task.modelIndex]);
    if (compute.done) return Promise.reject(new NotRun());
    const promise = new Promise<RunResult>((resolve, reject) => compute.waiting.set(task.modelIndex, { resolve, reject }));
    cancel.signal.addEventListener('abort', () => {
      // the panel ends its run with what it recorded; one not started never will
      if (!compute.started) this.finish(compute, new NotRun());
    }, { once: true });
    this.startNext();
    return promise;
  }

  /** One point at a time in the panel, in the order asked. */
  private startNext(): void {
    if (this.order.some((c) => c.started && !c.done)) return;
    const next = this.order.find((c) => !c.started && !c.done);
    if (!next) return;
    next.started = true;
    this.link.compute(next.id, packModels(next.input));
  }

  private finish(c: Compute, why: Error): void {
    if (c.done) return;
    c.done = true;
    for (const w of c.waiting.values()) w.reject(why);
    c.waiting.clear();
    this.computes.delete(c.id);
    const i = this.order.indexOf(c);
    if (i >= 0) this.order.splice(i, 1);
    this.startNext();
  }
}
