// Which engine runs an experiment (spec §2 `compute`): `auto` precision is float64 (`js`) while the
// float64 engine's estimated time is short, else float32 on the fastest tfjs backend at hand.
import { flopsPerStep } from './cost';
import type { Backend, Experiment, Precision } from '../types';

/** The float64 engine's sustained rate on the 2-core reference machine (npm run bench: 0.75–0.9 GFLOP/s, d = 20…200). */
export const FLOAT64_FLOPS_PER_SECOND = 0.9e9;
/**
 * The size (max of d, p, width) from which tfjs wasm in float32 beats the float64 engine (npm run bench:
 * at d = 20 wasm runs at ~0.6× the js engine's steps/s, at d = 200 depth 3 at ~2×, at d = 784 ~1.8×).
 */
export const FLOAT32_WINS_FROM_SIZE = 100;
/** Auto precision stays float64 while the estimate is below this (spec §2: "about 5 s"). */
export const AUTO_FLOAT64_SECONDS = 5;

export type ConcreteBackend = Exclude<Backend, 'auto'>;

export interface EnginePick {
  backend: ConcreteBackend;
  precision: Exclude<Precision, 'auto'>;
  /** Why: shown in the CLI and the panel. */
  reason: string;
}

/** Estimated seconds of the float64 engine for every model of the experiment. */
export function estimateFloat64Seconds(exp: Experiment, d: number, p: number): number {
  const completion = exp.data.kind === 'completion';
  let flops = 0;
  for (const m of exp.models) flops += flopsPerStep(d, p, m.depth, m.width, exp.optimizer.method, completion) * exp.optimizer.steps;
  return flops / FLOAT64_FLOPS_PER_SECOND;
}

/**
 * @param available tfjs backends this host can run, fastest first (the CLI and extension host:
 *   ['wasm', 'cpu']; the webview: ['webgl', 'wasm', 'cpu'] when WebGL initialised).
 */
export function pickEngine(exp: Experiment, d: number, p: number, available: readonly ConcreteBackend[]): EnginePick {
  const { backend, precision } = exp.compute;
  const float32 = available.filter((b) => b !== 'js');
  if (backend === 'js' || precision === 'float64') {
    return { backend: 'js', precision: 'float64', reason: backend === 'js' ? 'compute.backend is "js"' : 'compute.precision is "float64"' };
  }
  if (backend !== 'auto') {
    if (float32.includes(backend)) return { backend, precision: 'float32', reason: `compute.backend is "${backend}"` };
    const fallback = float32[0];
    if (fallback) return { backend: fallback, precision: 'float32', reason: `${backend} is not available here; ${fallback} instead` };
    return { backend: 'js', precision: 'float64', reason: `${backend} is not available here; the float64 engine instead` };
  }
  const seconds = estimateFloat64Seconds(exp, d, p);
  if (precision === 'auto' && seconds <= AUTO_FLOAT64_SECONDS) {
    return { backend: 'js', precision: 'float64', reason: `auto: float64 engine, about ${seconds.toFixed(1)} s` };
  }
  const fastest = float32[0];
  if (!fastest) return { backend: 'js', precision: 'float64', reason: 'auto: no float32 backend here; float64 engine' };
  const size = Math.max(d, p, ...exp.models.map((m) => m.width));
  if (precision === 'auto' && fastest !== 'webgl' && size < FLOAT32_WINS_FROM_SIZE) {
    return { backend: 'js', precision: 'float64', reason: `auto: about ${seconds.toFixed(0)} s, but at size ${size} the float64 engine beats ${fastest}` };
  }
  return { backend: fastest, precision: 'float32', reason: `auto: float64 would take about ${seconds.toFixed(0)} s; float32 on ${fastest}` };
}
