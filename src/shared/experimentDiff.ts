// The fields that differ between two experiments (issue 13, history in the panel): both flattened
// to JSON pointers of their leaves (arrays by index), compared by value. Pure: the host lists a
// history entry's changes with it, the lab page shows what differs between compared results.

export interface FieldChange {
  /** JSON pointer of the field, e.g. "/optimizer/stepSize". */
  path: string;
  /** Its value in the first experiment (undefined: absent there). */
  from: unknown;
  to: unknown;
}

function leaves(v: unknown, at: string, out: Map<string, unknown>): void {
  if (Array.isArray(v)) {
    if (v.length === 0) out.set(at, v);
    v.forEach((x, i) => leaves(x, `${at}/${i}`, out));
  } else if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) out.set(at, v);
    for (const [k, x] of entries) leaves(x, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  } else out.set(at, v);
}

/** Every leaf that differs between `a` and `b`, in `a`'s order then `b`'s new ones. */
export function experimentDiff(a: unknown, b: unknown): FieldChange[] {
  const [la, lb] = [new Map<string, unknown>(), new Map<string, unknown>()];
  leaves(a, '', la);
  leaves(b, '', lb);
  const out: FieldChange[] = [];
  for (const [path, from] of la) {
    const to = lb.get(path);
    if (JSON.stringify(from) !== JSON.stringify(to)) out.push({ path, from, to });
  }
  for (const [path, to] of lb) if (!la.has(path)) out.push({ path, from: undefined, to });
  return out;
}

/** A change in a line: "/optimizer/stepSize 0.01 → 0.005". */
export function changeText(c: FieldChange): string {
  const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  return `${c.path} ${show(c.from)} → ${show(c.to)}`;
}
