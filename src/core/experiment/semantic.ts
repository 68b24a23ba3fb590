// The `schema` checks that JSON schema cannot say (spec §2): spectrum length = rank,
// rank ≤ min(d, p), square Σx and matching Σxy shapes, observed ≤ rows·cols, unique labels,
// std only for gaussian init, and sweep values that each give a valid experiment.
// Runs on a document that already passed schema.json, so the types below hold.
import { dataKindOf } from '../data/kinds';
import type { DataKind } from '../types';
import type { Diagnostic } from '../types';
import { fmt } from '../diagnostics/format';
import { fieldName, parsePointer, withValueAt } from './pointer';

type Doc = Record<string, unknown>;
type Revalidate = ((doc: unknown) => Diagnostic[]) | null;

const err = (path: string, message: string): Diagnostic => ({ code: 'schema', severity: 'error', message, path });

function checkSpectrum(data: { rank: number; spectrum: number[] }, out: Diagnostic[]): void {
  if (data.spectrum.length !== data.rank) {
    out.push(
      err(
        '/data/spectrum',
        `data.spectrum has ${data.spectrum.length} entries but data.rank is ${data.rank}: give one strength per planted component`,
      ),
    );
  }
}

/** Rows, columns of a moment given as a diagonal (number array) or a full matrix (nested array). */
function shapeOf(m: number[] | number[][]): { rows: number; cols: number; nested: boolean } {
  if (typeof m[0] === 'number') return { rows: m.length, cols: m.length, nested: false };
  return { rows: m.length, cols: (m[0] as number[]).length, nested: true };
}

function checkMoments(data: { sigmaX: number[] | number[][]; sigmaXY: number[] | number[][] }, out: Diagnostic[]): void {
  const sx = shapeOf(data.sigmaX);
  const d = sx.rows;
  if (sx.nested) {
    (data.sigmaX as number[][]).forEach((row, i) => {
      if (row.length !== d) {
        out.push(err(`/data/sigmaX/${i}`, `data.sigmaX row ${i} has ${row.length} entries; Σx is d×d with d = ${d} rows, so every row needs ${d}`));
      }
    });
  }
  const sxy = shapeOf(data.sigmaXY);
  if (sxy.nested) {
    (data.sigmaXY as number[][]).forEach((row, i) => {
      if (row.length !== sxy.cols) {
        out.push(err(`/data/sigmaXY/${i}`, `data.sigmaXY row ${i} has ${row.length} entries, row 0 has ${sxy.cols}: every row of Σxy needs the same length p`));
      }
    });
  }
  if (sxy.rows !== d) {
    const form = sxy.nested ? `${sxy.rows} rows` : `${sxy.rows} diagonal entries`;
    out.push(err('/data/sigmaXY', `data.sigmaXY has ${form} but Σx is ${d}×${d}: Σxy = XᵀY/n needs d = ${d} rows`));
  }
}

function checkData(data: Doc, out: Diagnostic[]): void {
  switch (data.kind) {
    case 'autoencoder': {
      const a = data as { d: number; rank: number; spectrum: number[] };
      checkSpectrum(a, out);
      if (a.rank > a.d) out.push(err('/data/rank', `data.rank ${a.rank} > d = ${a.d}: the planted subspace must fit in ℝ^d (rank ≤ d)`));
      break;
    }
    case 'regression': {
      const r = data as { d: number; p: number; rank: number; spectrum: number[] };
      checkSpectrum(r, out);
      const m = Math.min(r.d, r.p);
      if (r.rank > m) out.push(err('/data/rank', `data.rank ${r.rank} > min(d, p) = ${m}: W_true (d×p) has rank at most min(d, p)`));
      break;
    }
    case 'moments':
      checkMoments(data as { sigmaX: number[] | number[][]; sigmaXY: number[] | number[][] }, out);
      break;
    case 'completion': {
      const c = data as { rows: number; cols: number; rank: number; observed: number; mask?: string };
      const m = Math.min(c.rows, c.cols);
      if (c.rank > m) out.push(err('/data/rank', `data.rank ${c.rank} > min(rows, cols) = ${m}: M (rows×cols) has rank at most min(rows, cols)`));
      if (c.mask === undefined && c.observed > c.rows * c.cols) {
        out.push(err('/data/observed', `data.observed ${c.observed} > rows·cols = ${c.rows * c.cols}: cannot observe more entries than M has`));
      }
      break;
    }
  }
}

function checkModels(models: Array<{ depth: number; label?: string }>, out: Diagnostic[]): void {
  const first = new Map<string, number>();
  models.forEach((m, j) => {
    if (m.label === undefined) return;
    const k = first.get(m.label);
    if (k !== undefined) out.push(err(`/models/${j}/label`, `models[${j}].label "${m.label}" is already the label of models[${k}]: labels name the runs, so they must be unique`));
    else first.set(m.label, j);
  });
}

function checkInit(init: { scheme?: string; std?: number; scale?: number; delta?: number }, kind: unknown, out: Diagnostic[]): void {
  // the scheme the defaults will give: the data kind's own (completion: gaussian), else identity
  const scheme = init.scheme ?? (typeof kind === 'string' ? dataKindOf(kind as DataKind)?.defaultInitScheme : undefined) ?? 'identity';
  if (init.std !== undefined && scheme !== 'gaussian') {
    out.push(err('/init/std', `init.std applies to the gaussian scheme only, not "${scheme}": use delta (or scale) for ${scheme}`));
  }
  if (init.std !== undefined && scheme === 'gaussian' && (init.scale !== undefined || init.delta !== undefined)) {
    const other = init.scale !== undefined ? 'scale' : 'delta';
    out.push(err('/init/std', `init: give std (every factor's entry std) or ${other} (ACHL's end-to-end scale), not both`));
  }
}

/** One axis of a sweep: its path may vary a field of the experiment, each value gives a valid one. `at` is the axis's pointer (/sweep or /sweep/axes/i). */
function checkSweepAxis(doc: Doc, axis: { path: string; values: unknown[] }, at: string, revalidate: Revalidate, out: Diagnostic[]): void {
  const segments = parsePointer(axis.path);
  if (segments[0] === 'sweep' || segments[0] === '$schema') {
    out.push(err(`${at}/path`, `${fieldName(`${at}/path`)} ${JSON.stringify(axis.path)} cannot vary the sweep itself: point it at a field such as /data/observed`));
    return;
  }
  if (!revalidate) return;
  // each value's document is the file without its sweep: cloned without the values (a sweep of
  // 20 000 values would otherwise clone them 20 000 times); a grid's axes are checked one at a time
  const base: Doc = { ...doc };
  delete base.sweep;
  axis.values.forEach((value, i) => {
    const copy = withValueAt(base, axis.path, value) as Doc | null;
    if (!copy) {
      out.push(err(`${at}/path`, `${fieldName(`${at}/path`)} ${JSON.stringify(axis.path)} does not lead to a field of this experiment`));
      return;
    }
    const first = revalidate(copy)[0];
    if (first && first.message.startsWith('unknown field') && (axis.path + '/').startsWith(first.path + '/')) {
      out.push(err(`${at}/path`, `${fieldName(`${at}/path`)} ${JSON.stringify(axis.path)} does not lead to a field of this experiment: ${first.message}`));
    } else if (first) {
      const shown = typeof value === 'number' ? fmt(value) : JSON.stringify(value);
      out.push(err(`${at}/values/${i}`, `sweep value ${shown} at ${fieldName(axis.path)} gives an invalid experiment: ${first.message}`));
    }
  });
}

/** `sweep` (spec §2, §5.5): `{ path, values }` or `{ axes: [1 or 2 axes] }`, not both; distinct paths; every axis checked. */
function checkSweep(doc: Doc, sweep: { path?: string; values?: unknown[]; axes?: Array<{ path: string; values: unknown[] }> }, revalidate: Revalidate, out: Diagnostic[]): void {
  if (sweep.axes !== undefined) {
    if (sweep.path !== undefined || sweep.values !== undefined) {
      out.push(err(sweep.path !== undefined ? '/sweep/path' : '/sweep/values', 'sweep: give path and values (one axis) or axes (one or two), not both'));
      return;
    }
    const seen = new Map<string, number>();
    sweep.axes.forEach((axis, i) => {
      const k = seen.get(axis.path);
      if (k !== undefined) out.push(err(`/sweep/axes/${i}/path`, `sweep axis ${i + 1} varies ${fieldName(axis.path)}, as axis ${k + 1} does: the axes of a grid need different paths`));
      else seen.set(axis.path, i);
      checkSweepAxis(doc, axis, `/sweep/axes/${i}`, revalidate, out);
    });
    return;
  }
  if (sweep.path === undefined || sweep.values === undefined) {
    out.push(err('/sweep', `sweep: missing ${sweep.path === undefined ? 'path' : 'values'}: give { "path", "values" } (one axis) or { "axes": [ { "path", "values" }, … ] } (spec §5.5)`));
    return;
  }
  checkSweepAxis(doc, { path: sweep.path, values: sweep.values }, '/sweep', revalidate, out);
}

export function semanticDiagnostics(doc: Doc, revalidate: Revalidate): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkData(doc.data as Doc, out);
  checkModels(doc.models as Array<{ depth: number; label?: string }>, out);
  if (doc.init) checkInit(doc.init as { scheme?: string; std?: number }, (doc.data as Doc | undefined)?.kind, out);
  const record = doc.record as { every?: unknown; points?: unknown } | undefined;
  if (record && record.every !== undefined && record.points !== undefined) {
    out.push(err('/record/points', 'record: give every (every k steps) or points with spacing "log" (spec §5.4), not both'));
  }
  if (doc.sweep) {
    checkSweep(doc, doc.sweep as Parameters<typeof checkSweep>[1], revalidate, out);
    // a failed setAt is reported once, not once per value
    const seen = new Set<string>();
    return out.filter((d) => (seen.has(d.path + d.message) ? false : (seen.add(d.path + d.message), true)));
  }
  return out;
}
