// The engines a Node host (CLI, extension host worker) has: the float64 `js` engine always;
// tfjs wasm and cpu in float32, loaded only when asked for.
import { createFloat64Engine } from '../core/dynamics/float64Engine';
import type { EngineChoice } from '../core/dynamics/run';
import { pickEngine, type ConcreteBackend, type EnginePick } from '../core/dynamics/select';
import { problemDims } from '../core/dynamics/gradient';
import type { Experiment, Problem } from '../core/types';

export const NODE_BACKENDS: readonly ConcreteBackend[] = ['js', 'wasm', 'cpu'];

export function nodeEngine(pick: EnginePick): EngineChoice {
  if (pick.backend === 'js') return { factory: createFloat64Engine, backend: 'js', precision: 'float64' };
  const backend = pick.backend === 'webgl' ? 'wasm' : pick.backend;
  return {
    // tfjs is imported lazily: the float64 path never loads it
    factory: async (setup) => (await import('../core/dynamics/tfjsNode')).createNodeTfjsEngine(backend)(setup),
    backend,
    precision: 'float32',
  };
}

export function pickNodeEngine(exp: Experiment, problem: Problem): EnginePick {
  const { d, p } = problemDims(problem);
  return pickEngine(exp, d, p, NODE_BACKENDS);
}
