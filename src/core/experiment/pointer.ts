// JSON pointers (RFC 6901), the `path` of every diagnostic (spec §3), and their plain-word names.

export type PointerSegment = string | number;

/** "/models/1/depth" → ["models", 1, "depth"]; "" → []. Digit-only segments become numbers. */
export function parsePointer(pointer: string): PointerSegment[] {
  if (pointer === '') return [];
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  return body.split('/').map((raw) => {
    const s = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s;
  });
}

/** ["models", 1, "depth"] → "/models/1/depth". */
export function formatPointer(segments: readonly PointerSegment[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A pointer in plain words: "/models/1/depth" → "models[1].depth"; "" → "the experiment". */
export function fieldName(pointer: string): string {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return 'the experiment';
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

/** The value at a pointer in a parsed document, or undefined. */
export function getAtPointer(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const s of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(s)];
  }
  return node;
}

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
