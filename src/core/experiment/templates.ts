// Starter experiments for `lnn-lab new` (the extension's New Experiment… offers examples/ too).

/** A 30×30 rank-3 completion from 300 entries, ACHL's setting scaled down: what the completion and sweep templates share. */
const COMPLETION: Record<string, unknown> = {
  data: { kind: 'completion', rows: 30, cols: 30, rank: 3, observed: 300 },
  models: [{ depth: 2 }, { depth: 3 }],
  init: { scheme: 'gaussian', scale: 1e-4 },
  optimizer: { method: 'grouprmsprop', stepSize: 1e-2, steps: 3000, stopLoss: 1e-7 },
  record: { every: 25 },
  compute: { backend: 'js' },
};

export const TEMPLATES: Record<string, { description: string; body: Record<string, unknown> }> = {
  autoencoder: {
    description: 'GBL §4.2 linear autoencoder: depth 1 against depth 2',
    body: {
      data: { kind: 'autoencoder', n: 1000, d: 20, rank: 5, spectrum: [4, 2, 1, 0.5, 0.25], noise: 0.001 },
      models: [{ depth: 1, label: 'linear' }, { depth: 2, label: 'two-layer' }],
      init: { scheme: 'identity', delta: 8 },
      optimizer: { method: 'gd', stepSize: 0.01, steps: 20000 },
      record: { every: 20 },
    },
  },
  moments: {
    description: 'GBL Fig. 1: diagonal moments, the staircase at the predicted steps',
    body: {
      data: { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: [0.1, 0.01, 0.001] },
      models: [{ depth: 1 }, { depth: 2 }],
      init: { scheme: 'identity', delta: 12 },
      optimizer: { method: 'gd', stepSize: 0.1, steps: 40000 },
    },
  },
  regression: {
    description: 'regression with a rectangular Σxy from the aligned init',
    body: {
      data: { kind: 'regression', n: 2000, d: 10, p: 6, rank: 4, spectrum: [3, 1.5, 0.75, 0.3], noise: 0.001 },
      models: [{ depth: 1 }, { depth: 2 }, { depth: 3 }],
      init: { scheme: 'aligned', delta: 10 },
      optimizer: { method: 'gd', stepSize: 0.02, steps: 10000 },
    },
  },
  completion: {
    description: 'ACHL matrix completion: depth 2 and 3 against nuclear-norm minimization',
    body: COMPLETION,
  },
  sweep: {
    description: 'a sweep: the same completion run once per number of observed entries (ACHL Fig. 1)',
    body: { ...COMPLETION, record: { every: 50 }, sweep: { path: '/data/observed', values: [150, 250, 350, 450] } },
  },
  files: {
    description: 'your own data: X and Y (or labels) from .csv, .json, .npy or IDX files',
    body: {
      data: { kind: 'files', x: 'x.csv', y: 'y.csv', center: false },
      models: [{ depth: 1 }, { depth: 2 }],
      init: { scheme: 'aligned', delta: 8 },
      optimizer: { method: 'gd', stepSize: 0.01, steps: 10000 },
    },
  },
};

/** The text of a starter experiment, or null for an unknown template. */
export function starterExperiment(template: string, name: string): string | null {
  const t = TEMPLATES[template];
  if (!t) return null;
  const body = { name, seed: 0, ...t.body };
  return `// ${t.description}. Run: npx lnn-lab run ${name}.lnn.json\n` + JSON.stringify(body, null, 2) + '\n';
}
