// The `files` kind (spec §2): X, and Y or integer labels (one-hot) or neither (Y = X), optional
// centering and ground truth, read through an injected reader (paths relative to the experiment
// file). Every failure is a `data.file` error at the field that names the file (spec §3).
import type { DataSpec, Mat, MomentsProblem } from '../types';
import { prepareDiagnostic } from '../diagnostics/budget';
import { centerColumns, momentsOf } from './empirical';
import { ProblemError } from './problemError';
import { DataFileError, readMatrix, type ReadOptions } from './readers/index';

type FilesSpec = Extract<DataSpec, { kind: 'files' }>;

export type ReadFile = (relPath: string) => Promise<Uint8Array>;

/** Reads and parses one file; any failure becomes a data.file ProblemError at `path`. */
export async function loadMatrixFile(readFile: ReadFile, file: string, path: string, options: ReadOptions = {}): Promise<Mat> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const err = e as NodeJSLikeError;
    // a DataFileError says what the path is instead of data (a FIFO, a device, too large: io.ts)
    const why = err?.code === 'ENOENT' ? 'not found' : e instanceof DataFileError ? err.message : `unreadable (${err?.message ?? String(e)})`;
    throw new ProblemError('data.file', path, `${file}: ${why}`);
  }
  try {
    return readMatrix(file, bytes, options);
  } catch (e) {
    if (e instanceof DataFileError || e instanceof RangeError) throw new ProblemError('data.file', path, `${file}: ${e.message}`);
    throw new ProblemError('data.file', path, `${file}: unreadable (${(e as Error)?.message ?? String(e)})`);
  }
}

interface NodeJSLikeError {
  code?: string;
  message?: string;
}

/**
 * Integer class labels (a column) → one-hot rows, one column per distinct label in increasing
 * order (p = number of classes). Returns the classes too.
 */
export function oneHot(labels: Mat, file: string, path: string): { y: Mat; classes: number[] } {
  if (labels.cols !== 1) {
    throw new ProblemError('data.file', path, `${file}: labels must be one column of integer classes, got ${labels.rows}×${labels.cols} (use "y" for a matrix)`);
  }
  const seen = new Set<number>();
  for (let i = 0; i < labels.rows; i++) {
    const v = labels.data[i];
    if (!Number.isInteger(v)) throw new ProblemError('data.file', path, `${file}: label ${v} in row ${i + 1} is not an integer class`);
    seen.add(v);
  }
  const classes = [...seen].sort((a, b) => a - b);
  const column = new Map(classes.map((c, j) => [c, j]));
  const p = classes.length;
  const data = new Float64Array(labels.rows * p);
  for (let i = 0; i < labels.rows; i++) data[i * p + (column.get(labels.data[i]) as number)] = 1;
  return { y: { rows: labels.rows, cols: p, data }, classes };
}

export async function filesProblem(spec: FilesSpec, readFile: ReadFile, prepareSeconds?: number): Promise<MomentsProblem> {
  if (typeof spec.x !== 'string' || spec.x === '') throw new ProblemError('data.file', '/data/x', 'no x file given');
  if (spec.y !== undefined && spec.labels !== undefined) {
    throw new ProblemError('data.file', '/data/labels', 'give either "y" or "labels", not both');
  }
  const x = await loadMatrixFile(readFile, spec.x, '/data/x');
  let y: Mat | null = null;
  if (spec.y !== undefined) {
    y = await loadMatrixFile(readFile, spec.y, '/data/y');
    if (y.rows !== x.rows) {
      throw new ProblemError('data.file', '/data/y', `${spec.y} has ${y.rows} rows but ${spec.x} has ${x.rows}: the rows of x and y are samples and must match`);
    }
  } else if (spec.labels !== undefined) {
    const labels = await loadMatrixFile(readFile, spec.labels, '/data/labels');
    if (labels.rows !== x.rows) {
      throw new ProblemError('data.file', '/data/labels', `${spec.labels} has ${labels.rows} labels but ${spec.x} has ${x.rows} rows`);
    }
    y = oneHot(labels, spec.labels, '/data/labels').y;
  }
  const d = x.cols;
  const p = y ? y.cols : d;
  // the moments cost n·d·(d+p): refused before starting when the check could not finish it (spec §5.7)
  const work = prepareDiagnostic(spec, { d, p }, x.rows, '/data/x', prepareSeconds);
  if (work) throw new ProblemError('budget.time', '/data/x', work.message);
  let groundTruth: Mat | null = null;
  if (spec.groundTruth !== undefined) {
    groundTruth = await loadMatrixFile(readFile, spec.groundTruth, '/data/groundTruth');
    if (groundTruth.rows !== d || groundTruth.cols !== p) {
      throw new ProblemError('data.file', '/data/groundTruth', `${spec.groundTruth} is ${groundTruth.rows}×${groundTruth.cols}, expected d×p = ${d}×${p}`);
    }
  }
  // center: subtract X's column means; with Y = X the targets are the centered X too.
  if (spec.center) centerColumns(x);
  const m = momentsOf(x, y);
  return { kind: 'moments', n: x.rows, d, p, sigmaX: m.sigmaX, sigmaXY: m.sigmaXY, traceSigmaY: m.traceSigmaY, groundTruth };
}
