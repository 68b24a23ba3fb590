// Progress bars on stderr (steps/s, ETA), one per model running — several at once when the pool
// runs models or sweep points in parallel; silent when stderr is not a terminal unless forced, so
// logs and CI stay clean.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { JobProgress } from '../compute/job';
import { oneLine } from '../shared/guards';

export interface ProgressReporter {
  update(p: JobProgress): void;
  /** A task ended: its bar goes. */
  done(point: number, modelIndex: number): void;
  stop(): void;
}

export function createProgress(enabled: boolean): ProgressReporter {
  if (!enabled) return { update() {}, done() {}, stop() {} };
  const bars = new MultiBar(
    {
      format: ' {label} |{bar}| {percentage}% | step {value}/{total} | {rate} steps/s | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
      fps: 8,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  const running = new Map<string, SingleBar>();
  return {
    update(p) {
      const key = `${p.point}/${p.modelIndex}`;
      let bar = running.get(key);
      const n = p.ordinal * p.modelCount + p.modelIndex + 1;
      if (!bar) running.set(key, (bar = bars.create(p.progress.steps, 0, { label: `[${n}/${p.modelCount * p.pointCount}] ${oneLine(p.progress.label)}`, rate: '—' })));
      bar.update(p.progress.step, { rate: Math.round(p.progress.stepsPerSecond).toLocaleString('en-US') });
    },
    done(point, modelIndex) {
      const key = `${point}/${modelIndex}`;
      const bar = running.get(key);
      if (bar) bars.remove(bar);
      running.delete(key);
    },
    stop() {
      bars.stop();
    },
  };
}
