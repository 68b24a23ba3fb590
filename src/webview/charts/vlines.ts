// Phase-step lines (spec §1): a run's predicted phase steps and the depth-2 closed form of
// theory.phaseSteps, on the chosen axis. Lines that fall on (nearly) the same x — depth 1 learns
// every component at once — share one line whose label lists them.
import type { VLine } from './model';

export function mergeVLines(lines: VLine[], span: number): VLine[] {
  const sorted = [...lines].sort((a, b) => a.x - b.x);
  const out: VLine[] = [];
  for (const l of sorted) {
    const last = out[out.length - 1];
    if (last && last.color === l.color && last.labelAt === l.labelAt && Math.abs(l.x - last.x) <= span * 0.004) {
      const [head, tail] = [last.label.split(' '), l.label.split(' ')];
      last.label = head.length > 1 && tail.length > 1 && head.slice(0, -1).join(' ') === tail.slice(0, -1).join(' ') ? `${last.label},${tail[tail.length - 1]}` : `${last.label}; ${l.label}`;
    } else out.push({ ...l });
  }
  return out;
}
