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
