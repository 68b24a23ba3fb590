// Quick fixes for the diagnostics of spec §3, as pure text edits (no `vscode` here: unit-tested in
// Node). Each fix rewrites one field with jsonc-parser's `modify`, keeping comments and layout.
import { applyEdits, modify, parse, type Edit, type FormattingOptions } from 'jsonc-parser';
import { parsePointer } from '../core/experiment/pointer';
import type { Diagnostic } from '../core/types';

/** What a diagnostic needs beyond its `limit` (computed by the checker from the theory). */
export interface FixContext {
  /** init.notVanishing: the ratio λ w0/σ of the last learnable component. */
  ratio?: number;
  /**
   * Every step-size diagnostic of the file (diverges, stability, eigengap): a step-size fix lands
   * under all of their bounds, so that applying it never leaves another step-size bound broken.
   */
  stepSizeBounds?: Diagnostic[];
}

const STEP_SIZE_CODES: ReadonlyArray<Diagnostic['code']> = ['stepSize.diverges', 'stepSize.stability', 'stepSize.eigengap'];

/** The step-size diagnostics among a file's (what FixContext.stepSizeBounds wants). */
export function stepSizeBounds(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => STEP_SIZE_CODES.includes(d.code) && d.limit !== undefined && d.limit > 0);
}

export interface Fix {
  title: string;
  /** The JSON pointer the fix sets. */
  path: string;
  value: FixValue;
  edits: Edit[];
}

const FORMAT: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

/** x rounded to `digits` significant digits, downward (a step size just under its bound). */
export function floorSignificant(x: number, digits = 3): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log10(x)) - digits + 1;
  const scale = 10 ** e;
  const r = Math.floor(x / scale + 1e-9) * scale;
  return Number(r.toPrecision(digits));
}

/** x rounded to `digits` significant digits, upward. */
export function ceilSignificant(x: number, digits = 3): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log10(x)) - digits + 1;
  const scale = 10 ** e;
  const r = Math.ceil(x / scale - 1e-9) * scale;
  return Number(r.toPrecision(digits));
}

/** The value a fix writes, and its title; null when the diagnostic has no fix. */
/** What a fix writes: a number, or (record.coarse) a whole `record` object. */
export type FixValue = number | { points: number; spacing: 'log' };

/** Log-spaced records a fix offers (spec §5.4): dense enough at the start, a few hundred in all. */
export const LOG_RECORD_POINTS = 300;

export function fixValue(d: Diagnostic, current: unknown, ctx: FixContext = {}): { value: FixValue; title: string; path: string } | null {
  const limit = d.limit;
  switch (d.code) {
    case 'stepSize.diverges':
    case 'stepSize.stability':
    case 'stepSize.eigengap': {
      if (!(limit! > 0)) return null;
      // the binding bound: the lowest of this one and every other step-size bound at this field
      const binding = [d, ...(ctx.stepSizeBounds ?? []).filter((o) => o.path === d.path)].reduce((a, b) => (b.limit! < a.limit! ? b : a));
      const value = floorSignificant(0.95 * binding.limit!);
      const which = `${binding.code.split('.')[1]} bound ${Number(binding.limit!.toPrecision(4))}`;
      return { value, path: d.path, title: `Set stepSize to ${value} (just under ${binding === d ? which : `the binding ${which}`})` };
    }
    case 'steps.horizon': {
      if (!(limit! > 0)) return null;
      const value = Math.max(Math.ceil(limit! + 1), ceilSignificant(1.2 * limit!, 2));
      return { value, path: d.path, title: `Raise steps to ${value} (past the last phase step ${limit})` };
    }
    case 'init.notVanishing': {
      const ratio = ctx.ratio;
      if (!(ratio! > 0) || !(limit! > 0)) return null;
      // aim a decade under the threshold: λ w0/σ = limit/10
      const factor = ratio! / (limit! / 10);
      if (d.path.endsWith('/scale')) {
        if (typeof current !== 'number' || !(current > 0)) return null;
        const value = floorSignificant(current / factor, 2);
        return { value, path: d.path, title: `Lower init.scale to ${value} (vanishing init: λw0/σ ≈ ${limit! / 10})` };
      }
      const delta = typeof current === 'number' ? current : 8; // spec §2 default δ
      const value = Math.ceil(delta + Math.log(factor));
      return { value, path: d.path, title: `Raise init.delta to ${value} (vanishing init: λw0/σ ≤ ${limit! / 10})` };
    }
    case 'record.coarse': {
      const value = { points: LOG_RECORD_POINTS, spacing: 'log' as const };
      return { value, path: d.path, title: `Record ${LOG_RECORD_POINTS} log-spaced steps (spec §5.4): the first transition${d.limit ? `, near step ${d.limit},` : ''} is sampled` };
    }
    case 'width.rankConstrained': {
      if (!(limit! >= 1)) return null;
      return { value: limit!, path: d.path, title: `Widen to ${limit} = min(d, p) (over-parameterized)` };
    }
    default:
      return null;
  }
}

function valueAt(text: string, path: string): unknown {
  let node: unknown = parse(text, [], { allowTrailingComma: true });
  for (const s of parsePointer(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(s)];
  }
  return node;
}

/** The fix for a diagnostic on this text: edits that set the field at its path. */
export function computeFix(text: string, d: Diagnostic, ctx: FixContext = {}): Fix | null {
  const v = fixValue(d, valueAt(text, d.path), ctx);
  if (!v) return null;
  const edits = modify(text, parsePointer(v.path), v.value, { formattingOptions: FORMAT });
  if (edits.length === 0) return null;
  return { ...v, edits };
}

/** The text after a fix (tests; the extension applies `edits` as a WorkspaceEdit). */
export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}
