// Numbers in diagnostic messages: four significant digits, exponent form for the very small
// or large (messages state the limit and the actual value in plain words, spec §3).

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(4)));
  const [m, e] = x.toExponential(3).split('e');
  return `${String(Number(m))}e${Number(e)}`;
}
