// Experiments the compute tests share.

/** A small autoencoder with three models (depths 1, 2 and 3: labels one, two, three), as experiment text. */
export function threeDepthsText(steps: number, every: number): string {
  return JSON.stringify({
    data: { kind: 'autoencoder', n: 100, d: 8, rank: 3, spectrum: [3, 1, 0.5], noise: 0.01 },
    models: [{ depth: 1, label: 'one' }, { depth: 2, label: 'two' }, { depth: 3, label: 'three' }],
    init: { scheme: 'identity', delta: 4 },
    optimizer: { method: 'gd', stepSize: 0.01, steps },
    record: { every },
    compute: { backend: 'js' },
  });
}
