// Every default of spec §2, filled into a schema-valid experiment: seed 0; width max(d, p);
// label "depth L" (unique); init identity δ = 8 (completion: gaussian, scale 1e-3);
// optimizer gd; record.every max(1, ⌊steps/500⌋); compute auto/auto; theory.rankTol 1e-4;
// completion: baseline.nuclearNorm true.
import { descriptorOf, type ProblemDims } from '../data/kinds';
import type { DataSpec, Experiment, InitSpec, ModelSpec, OptimizerSpec, SweepSpec } from '../types';

export const DEFAULT_SEED = 0;
export const DEFAULT_DELTA = 8;
/** ACHL's init scale, the completion default (spec §2). */
export const DEFAULT_COMPLETION_SCALE = 1e-3;
export const DEFAULT_RANK_TOL = 1e-4;
export { MNIST_DIMS, type ProblemDims } from '../data/kinds';

/** d and p known from the file alone (null for `files`, whose shapes come from the data; data/kinds.ts). */
export function dataDims(data: DataSpec): ProblemDims | null {
  return descriptorOf(data)?.dims(data) ?? null;
}

/** record.every default: max(1, ⌊steps/500⌋) (spec §2). */
export function defaultRecordEvery(steps: number): number {
  return Math.max(1, Math.floor(steps / 500));
}

/** The end-to-end init scale w0 = e^(−δ), or `scale`; null for a gaussian init given by `std` only. */
export function initScale(init: InitSpec): number | null {
  if (init.scale !== undefined) return init.scale;
  if (init.delta !== undefined) return Math.exp(-init.delta);
  return null;
}

export function defaultInit(data: DataSpec, given: Partial<InitSpec> | undefined): InitSpec {
  const scheme = given?.scheme ?? descriptorOf(data)?.defaultInitScheme ?? 'identity';
  const init: InitSpec = { scheme };
  if (given?.delta !== undefined) init.delta = given.delta;
  if (given?.scale !== undefined) init.scale = given.scale;
  if (given?.std !== undefined) init.std = given.std;
  if (init.delta === undefined && init.scale === undefined && init.std === undefined) {
    if (scheme === 'gaussian') init.scale = DEFAULT_COMPLETION_SCALE;
    else init.delta = DEFAULT_DELTA;
  }
  return init;
}

function defaultData(data: DataSpec): DataSpec {
  return descriptorOf(data)?.withDefaults(data) ?? { ...data }; // a kind outside the table: validation reports it
}

/** Labels: the given ones, else "depth L"; a clash adds the width, then a counter " (2)". */
export function defaultLabels(models: readonly ModelSpec[]): string[] {
  const given = new Set(models.flatMap((m) => (m.label !== undefined ? [m.label] : [])));
  const used = new Set(given);
  const plain = models.map((m) => `depth ${m.depth}`);
  return models.map((m, j) => {
    if (m.label !== undefined) return m.label;
    let label = plain[j];
    const clashes = given.has(label) || models.some((o, k) => k !== j && o.label === undefined && plain[k] === label);
    if (clashes && m.width !== undefined) label = `depth ${m.depth}, width ${m.width}`;
    let out = label;
    for (let k = 2; used.has(out); k++) out = `${label} (${k})`;
    used.add(out);
    return out;
  });
}

/** What a schema-valid file holds (before defaults). */
export interface RawExperiment {
  $schema?: string;
  name?: string;
  seed?: number;
  data: DataSpec;
  models: ModelSpec[];
  init?: Partial<InitSpec>;
  optimizer: Partial<OptimizerSpec> & { stepSize: number; steps: number };
  record?: { every?: number; points?: number; spacing?: 'log' };
  compute?: Partial<Experiment['compute']>;
  theory?: { rankTol?: number };
  sweep?: SweepSpec;
  baseline?: { nuclearNorm?: boolean };
}

/**
 * Fill every default. For `files` data, d and p are unknown until the data is read: models
 * without a width keep width undefined; call finishWidths once the problem is loaded.
 */
export function applyDefaults(raw: RawExperiment): Experiment {
  const data = defaultData(raw.data);
  const dims = dataDims(data);
  const labels = defaultLabels(raw.models);
  const optimizer: OptimizerSpec = {
    method: raw.optimizer.method ?? 'gd',
    stepSize: raw.optimizer.stepSize,
    steps: raw.optimizer.steps,
  };
  if (raw.optimizer.stopLoss !== undefined) optimizer.stopLoss = raw.optimizer.stopLoss;
  const exp: Experiment = {
    seed: raw.seed ?? DEFAULT_SEED,
    data,
    models: raw.models.map((m, j) => ({
      depth: m.depth,
      width: (m.width ?? (dims ? Math.max(dims.d, dims.p) : undefined)) as number,
      label: labels[j],
    })),
    init: defaultInit(data, raw.init),
    optimizer,
    record: raw.record?.points !== undefined ? { points: raw.record.points, spacing: 'log' } : { every: raw.record?.every ?? defaultRecordEvery(optimizer.steps) },
    compute: { backend: raw.compute?.backend ?? 'auto', precision: raw.compute?.precision ?? 'auto' },
    theory: { rankTol: raw.theory?.rankTol ?? DEFAULT_RANK_TOL },
  };
  if (raw.name !== undefined) exp.name = raw.name;
  // the sweep as the file gives it: one axis as { path, values }, or { axes } (spec §5.5)
  if (raw.sweep !== undefined) exp.sweep = raw.sweep.axes ? { axes: raw.sweep.axes.map((a) => ({ path: a.path, values: [...a.values] })) } : { path: raw.sweep.path, values: [...(raw.sweep.values ?? [])] };
  // the nuclear-norm baseline (spec §4) defaults to on where the kind says so (completion)
  const baselineByDefault = descriptorOf(data)?.nuclearNormBaseline ?? false;
  if (raw.baseline !== undefined || baselineByDefault) exp.baseline = { nuclearNorm: raw.baseline?.nuclearNorm ?? baselineByDefault };
  return exp.name !== undefined ? { name: exp.name, ...exp } : exp;
}

/** Whether some model still waits for its width (files data before loading). */
export function widthsPending(exp: Experiment): boolean {
  return exp.models.some((m) => m.width === undefined);
}

/** Give every model without a width the default max(d, p), once the problem's d and p are known. */
export function finishWidths(exp: Experiment, dims: ProblemDims): Experiment {
  return {
    ...exp,
    models: exp.models.map((m) => ({ ...m, width: m.width ?? Math.max(dims.d, dims.p) })),
  };
}
