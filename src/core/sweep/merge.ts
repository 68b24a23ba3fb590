// Sweeps across machines: the parts of one sweep (the shard files of `lnn-lab run --shard i/n`,
// partial or resumed results) assembled into the results a single run gives (spec §5.3: equal
// except wallMs, createdAt and tool). Every shard prepares every grid point, so the part whose body
// is the grid's last point carries the single run's body and diagnostics; the points of all parts
// are put in grid order. Pure: src/cli/merge.ts reads and writes the files.
import type { Results, SweepPoint } from '../types';
import { gridValues, sweepAxes, sweepHeader } from './axes';
import { bodyValues, isResults, pointKey, resultsKey, valuesOf } from './same';

export interface SweepPart {
  /** The file it came from (named in every message). */
  name: string;
  results: unknown;
}

export interface MergeOutcome {
  /** The merged results (not yet stamped), null when a part was refused. */
  results: Results | null;
  /** Whether every point is there and the body is the last point's: the single run's results. */
  complete: boolean;
  /** The grid points no part holds: index k and values. */
  missing: Array<{ index: number; values: unknown[] }>;
  /** Why parts were refused, each naming its file; the merge writes nothing then. */
  refused: string[];
}

const wholeBody = (r: Results) => r.runs.length === r.experiment.models.length && r.runs.every((run) => run.stopReason !== 'cancelled');

/** Assembles the parts of one sweep; refuses parts that are not sweep results or are of another experiment than the first. */
export function mergeSweepParts(parts: readonly SweepPart[]): MergeOutcome {
  const refused: string[] = [];
  const good: Array<{ name: string; results: Results; key: string }> = [];
  for (const part of parts) {
    const r = part.results;
    const key = isResults(r) ? resultsKey(r) : null;
    if (!isResults(r) || key === null || !Array.isArray(r.sweep?.points)) {
      refused.push(`${part.name}: not the results of a sweep (lnn-lab run FILE --shard i/n writes them)`);
      continue;
    }
    if (good.length && key !== good[0].key) {
      refused.push(`${part.name}: the results of another experiment than ${good[0].name} (its data, models, optimizer, … or its sweep's fields differ)`);
      continue;
    }
    good.push({ name: part.name, results: r, key });
  }
  if (refused.length || good.length === 0) return { results: null, complete: false, missing: [], refused: refused.length ? refused : ['no parts to merge'] };

  const axes = sweepAxes(good[0].results.experiment.sweep!);
  const grid = gridValues(axes);
  const found = new Map<string, SweepPoint>();
  for (const { results } of good) for (const p of results.sweep!.points) if (!found.has(pointKey(valuesOf(p)))) found.set(pointKey(valuesOf(p)), p);
  const points: SweepPoint[] = [];
  const missing: MergeOutcome['missing'] = [];
  grid.forEach((values, index) => {
    const p = found.get(pointKey(values));
    if (p) points.push(p);
    else missing.push({ index, values });
  });

  // the body: the grid's last point's (a single run's), else the latest point any part has whole
  const indexOf = new Map(grid.map((v, k) => [pointKey(v), k]));
  let body = good[0].results;
  let bodyIndex = -1;
  for (const { results } of good) {
    const at = bodyValues(results);
    const k = at ? (indexOf.get(pointKey(at)) ?? -1) : -1;
    if (k > bodyIndex && found.has(pointKey(at!)) && wholeBody(results)) {
      body = results;
      bodyIndex = k;
    }
  }
  const merged: Results = { ...body, sweep: { ...sweepHeader(axes), points } };
  delete merged.shard;
  return { results: merged, complete: missing.length === 0 && bodyIndex === grid.length - 1, missing, refused: [] };
}
