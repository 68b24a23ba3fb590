// A progress bar on stderr (steps/s, ETA) for long runs; silent when stderr is not a terminal
// unless forced, so logs and CI stay clean.
import { SingleBar, Presets } from 'cli-progress';
import type { Progress } from '../core/dynamics/run';

export interface ProgressReporter {
  update(p: Progress): void;
  stop(): void;
}

export function createProgress(models: number, enabled: boolean): ProgressReporter {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new SingleBar(
    {
      format: ' {label} |{bar}| {percentage}% | step {value}/{total} | {rate} steps/s | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
      fps: 8,
    },
    Presets.shades_classic,
  );
  let current = -1;
  return {
    update(p) {
      if (p.modelIndex !== current) {
        if (current >= 0) bar.stop();
        current = p.modelIndex;
        bar.start(p.steps, 0, { label: `[${p.modelIndex + 1}/${models}] ${p.label}`, rate: '—' });
      }
      bar.update(p.step, { rate: Math.round(p.stepsPerSecond).toLocaleString('en-US') });
    },
    stop() {
      if (current >= 0) bar.stop();
    },
  };
}
