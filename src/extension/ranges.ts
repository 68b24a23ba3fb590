// JSON pointer → the offsets a diagnostic underlines (pure: the extension turns them into a Range
// with document.positionAt). The value of the field the pointer names, through the core's locate.
import { locate } from '../core/experiment/locate';

export interface OffsetRange {
  start: number;
  end: number;
  /** false when the pointer names a missing field: the range is its nearest existing ancestor's. */
  exact: boolean;
}

/**
 * The value's range; a missing field underlines its parent's key (or the parent's first line)
 * rather than the whole parent object, so that the squiggle stays readable.
 */
export function pointerRange(text: string, pointer: string): OffsetRange {
  const r = locate(text, pointer);
  if (r.exact) return { start: r.offset, end: r.offset + Math.max(r.length, 1), exact: true };
  if (r.key) return { start: r.key.offset, end: r.key.offset + r.key.length, exact: false };
  // the root or an object without a key: its first character (the opening brace)
  return { start: r.offset, end: r.offset + Math.min(Math.max(r.length, 1), 1), exact: false };
}
