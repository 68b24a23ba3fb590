// Writing one value into a parsed experiment at a JSON pointer (RFC 6901), for `sweep` (spec §2).
import { parsePointer } from '../experiment/pointer';

/**
 * A deep copy of `doc` with `value` at `pointer`, missing objects created on the way (so
 * /optimizer/stopLoss works when the file has none); null when the pointer cannot lead anywhere
 * (through a number, or past the end of an array).
 */
export function withValueAt(doc: unknown, pointer: string, value: unknown): Record<string, unknown> | null {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const segments = parsePointer(pointer);
  if (segments.length === 0 || copy === null || typeof copy !== 'object') return null;
  let node: Record<string, unknown> = copy;
  for (let i = 0; i < segments.length - 1; i++) {
    const key = String(segments[i]);
    if (node[key] === undefined && !Array.isArray(node)) node[key] = {};
    const next = node[key];
    if (next === null || typeof next !== 'object') return null;
    node = next as Record<string, unknown>;
  }
  const last = segments[segments.length - 1];
  if (Array.isArray(node) && !(typeof last === 'number' && last <= node.length)) return null;
  node[String(last)] = structuredClone(value);
  return copy;
}
