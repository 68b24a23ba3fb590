// The engines a Node host (CLI, extension host worker) has: the float64 `js` engine always;
// tfjs wasm and cpu in float32, loaded only when asked for.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { float64EngineWith } from '../core/dynamics/float64Engine';
import type { GemmThreads } from '../core/linalg/wasm/gemmTeam';
import type { EngineChoice } from '../core/dynamics/run';
import { pickEngine, type ConcreteBackend, type EnginePick } from '../core/dynamics/select';
import { problemDims } from '../core/dynamics/gradient';
import type { Experiment, Problem } from '../core/types';

export const NODE_BACKENDS: readonly ConcreteBackend[] = ['js', 'wasm', 'cpu'];

type TfjsNodeModule = typeof import('../core/dynamics/tfjsNode');

/**
 * The tfjs engines, loaded at first use. Bundled (dist/cli.js, dist/runWorker.js) they come from
 * their own bundle dist/tfjs-node.js, so the 4 MB of tfjs are parsed only when a float32 backend
 * runs; from the sources (tests under tsx), from the module itself.
 */
function loadTfjsNode(): TfjsNodeModule {
  const bundled = join(__dirname, 'tfjs-node.js');
  // a computed path: esbuild leaves this require alone
  if (existsSync(bundled)) return require(bundled) as TfjsNodeModule;
  const source = ['..', 'core', 'dynamics', 'tfjsNode'].join('/');
  return require(source) as TfjsNodeModule;
}

/** `team`: the float64 engine's helper threads for its large products (src/compute/gemmTeam.ts). */
export function nodeEngine(pick: EnginePick, team?: GemmThreads): EngineChoice {
  if (pick.backend === 'js') return { factory: float64EngineWith(team), backend: 'js', precision: 'float64' };
  const backend = pick.backend === 'webgl' ? 'wasm' : pick.backend;
  return {
    // tfjs is imported lazily: the float64 path never loads it
    factory: async (setup) => loadTfjsNode().createNodeTfjsEngine(backend)(setup),
    backend,
    precision: 'float32',
  };
}

export function pickNodeEngine(exp: Experiment, problem: Problem): EnginePick {
  const { d, p } = problemDims(problem);
  return pickEngine(exp, d, p, NODE_BACKENDS);
}
