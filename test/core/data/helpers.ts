// Test helpers: an experiment around a data section, and an in-memory DataIO over the fixtures.
import type { DataIO } from '../../../src/core/data/index';
import type { DataSpec, Experiment } from '../../../src/core/types';
import { allFixtures } from './fixtureBytes';

export function experiment(data: DataSpec, seed = 0): Experiment {
  return {
    seed,
    data,
    models: [{ depth: 2, width: 4, label: 'two-layer' }],
    init: { scheme: 'identity', delta: 8 },
    optimizer: { method: 'gd', stepSize: 0.01, steps: 100 },
    record: { every: 1 },
    compute: { backend: 'js', precision: 'float64' },
    theory: { rankTol: 1e-4 },
  };
}

/** A DataIO over named byte arrays (the fixtures by default); counts reads. */
export function memoryIO(files: Record<string, Uint8Array> = allFixtures()): DataIO & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async readFile(rel: string) {
      reads.push(rel);
      const b = files[rel];
      if (!b) throw Object.assign(new Error(`ENOENT: no such file, open '${rel}'`), { code: 'ENOENT' });
      return b;
    },
  };
}
