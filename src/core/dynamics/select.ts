// Which engine runs an experiment (spec §2 `compute`): `auto` precision is float64 (`js`) while the
// float64 engine's estimated time is short, else float32 on the fastest tfjs backend at hand — where
// that backend is faster than the float64 engine at the problem's size (the crossovers below,
// measured by npm run bench); auto never picks a slower engine.
import { DATA_KINDS } from '../data/kinds';
import { flopsPerStep } from './cost';
import type { Backend, Experiment, Precision } from '../types';

/**
 * The float64 engine's sustained rate (WebAssembly SIMD kernels) on the 2-core reference machine
 * (npm run bench, best of 3 passes, three runs): 3.6 GFLOP/s at d = 20 depth 1, 5.9 at d = 20 depth 2,
 * 7.6–9.2 at d = 200 depth 3, 6.4–7.3 at d = 784 depth 3 (4.5–5.8 at d = 200 and 784 while the
 * machine was busy with other work). Near the low end, so that the estimate of a run's time errs long.
 */
export const FLOAT64_FLOPS_PER_SECOND = 4e9;
/**
 * The size (max of d, p, width) from which tfjs wasm in float32 beats the float64 engine: never up to
 * d = 784, the largest measured, since the float64 engine got WebAssembly SIMD kernels (npm run bench,
 * three runs: wasm float32 at 0.10–0.11× the float64 engine's steps/s at d = 20, 0.18–0.22× at d = 200
 * depth 3, 0.20–0.26× at d = 784 depth 3; tfjs cpu at 0.02–0.05×). Before those kernels it won from
 * about 100 (2× at d = 200).
 */
export const FLOAT32_WINS_FROM_SIZE = Infinity;
/**
 * The size from which tfjs WebGL (the lab panel) beats the float64 engine: never on SwiftShader, the
 * CPU renderer of headless Chromium and of GPU-less hosts (npm run bench, three runs: 0.001–0.003× the
 * float64 engine's steps/s at d = 20, 0.11–0.12× at d = 200 depth 3, 0.12–0.18× at d = 784 depth 3; below
 * tfjs wasm too). No hardware GPU has been measured: `BENCH_CHROMIUM_ARGS=… npm run bench` on one
 * (bench/webgl.ts) gives the figures to lower this from.
 */
export const WEBGL_WINS_FROM_SIZE = Infinity;

/** Auto precision stays float64 while the estimate is below this (spec §2: "about 5 s"). */
export const AUTO_FLOAT64_SECONDS = 5;

export type ConcreteBackend = Exclude<Backend, 'auto'>;

export interface EnginePick {
  backend: ConcreteBackend;
  precision: Exclude<Precision, 'auto'>;
  /** Why: shown in the CLI and the panel (words for people: nothing branches on them). */
  reason: string;
}

/** An estimate for people: "under 0.1 s", "about 2.3 s", "about 40 s". */
export function aboutSeconds(seconds: number): string {
  if (seconds < 0.1) return 'under 0.1 s';
  return `about ${seconds < 10 ? seconds.toFixed(1) : seconds.toFixed(0)} s`;
}

/** Estimated seconds of the float64 engine for every model of the experiment. */
export function estimateFloat64Seconds(exp: Experiment, d: number, p: number): number {
  const completion = DATA_KINDS[exp.data.kind].problemKind === 'completion';
  let flops = 0;
  const observed = exp.data.kind === 'completion' ? exp.data.observed : undefined;
  for (const m of exp.models) flops += flopsPerStep(d, p, m.depth, m.width, exp.optimizer.method, completion, observed) * exp.optimizer.steps;
  return flops / FLOAT64_FLOPS_PER_SECOND;
}

/** The sizes from which a float32 backend beats the float64 engine (the measured constants above). */
export interface Crossovers {
  /** tfjs wasm / cpu in float32 (FLOAT32_WINS_FROM_SIZE). */
  float32FromSize: number;
  /** tfjs WebGL (WEBGL_WINS_FROM_SIZE). */
  webglFromSize: number;
}

export const CROSSOVERS: Readonly<Crossovers> = { float32FromSize: FLOAT32_WINS_FROM_SIZE, webglFromSize: WEBGL_WINS_FROM_SIZE };

/**
 * @param available tfjs backends this host can run, fastest first (the CLI and extension host:
 *   ['js', 'wasm', 'cpu']; the lab panel: ['js', 'webgl'] when WebGL initialised).
 * @param crossovers where float32 wins (tests pass their own; the measured constants by default).
 *
 * `auto` backend: `js` and float64 while the float64 estimate is short (auto precision) or float64 is
 * asked for; else WebGL where it is at hand and the size is at or above its crossover; else the
 * fastest other float32 backend at or above FLOAT32_WINS_FROM_SIZE; else the float64 engine, which
 * is then the fastest (auto never picks a slower engine). With precision "float32" asked for, the
 * fastest float32 backend at hand, WebGL last below its crossover.
 */
export function pickEngine(
  exp: Experiment,
  d: number,
  p: number,
  available: readonly ConcreteBackend[],
  crossovers: Readonly<Crossovers> = CROSSOVERS,
): EnginePick {
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
    return { backend: 'js', precision: 'float64', reason: `auto: float64 engine, ${aboutSeconds(seconds)}` };
  }
  const size = Math.max(d, p, ...exp.models.map((m) => m.width));
  const webglWins = float32.includes('webgl') && size >= crossovers.webglFromSize;
  if (webglWins) return { backend: 'webgl', precision: 'float32', reason: `auto: float64 would take about ${seconds.toFixed(0)} s; float32 on webgl (faster from size ${crossovers.webglFromSize})` };
  // below its crossover WebGL is the slowest choice: last
  const others = float32.filter((b) => b !== 'webgl');
  const fastest = others[0];
  if (precision === 'float32') {
    const pick = fastest ?? float32[0];
    if (pick) return { backend: pick, precision: 'float32', reason: `auto: compute.precision is "float32"; ${pick}` };
    return { backend: 'js', precision: 'float64', reason: 'auto: no float32 backend here; float64 engine' };
  }
  if (fastest && size >= crossovers.float32FromSize) {
    return { backend: fastest, precision: 'float32', reason: `auto: float64 would take about ${seconds.toFixed(0)} s; float32 on ${fastest} (faster from size ${crossovers.float32FromSize})` };
  }
  if (float32.length === 0) return { backend: 'js', precision: 'float64', reason: `auto: about ${seconds.toFixed(0)} s; no float32 backend here; float64 engine` };
  return {
    backend: 'js',
    precision: 'float64',
    reason: `auto: about ${seconds.toFixed(0)} s, but at size ${size} the float64 engine beats ${float32.join(' and ')} (npm run bench)`,
  };
}

/** Whether a WebGL renderer string (the panel's probe) names a CPU rasterizer rather than a GPU. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i.test(renderer);
}

/**
 * A hint for a long `auto` run that stays float64 although the panel has WebGL on a hardware GPU:
 * WEBGL_WINS_FROM_SIZE was measured on SwiftShader only, so the user is told how to try WebGL.
 */
export function hardwareWebglHint(pick: EnginePick, exp: Experiment, d: number, p: number, webglRenderer: string | null): string | null {
  if (exp.compute.backend !== 'auto' || exp.compute.precision === 'float64' || pick.backend !== 'js') return null;
  if (webglRenderer === null || isSoftwareRenderer(webglRenderer)) return null;
  // a short run stays float64 by design (auto precision), whatever the hardware
  if (exp.compute.precision === 'auto' && estimateFloat64Seconds(exp, d, p) <= AUTO_FLOAT64_SECONDS) return null;
  return `The panel's WebGL runs on a GPU (${webglRenderer}), where no crossover has been measured: set compute.backend to "webgl" to compute in the panel on it`;
}
