// Dev tool: one model of an experiment file run in this process (one thread), for profiles.
// node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/inprocess.ts FILE MODEL [every|steps-only] [reps]
import { readFileSync } from 'node:fs';
import { loadProblem } from '../src/core/data/index';
import { createFloat64Engine } from '../src/core/dynamics/float64Engine';
import { problemDims } from '../src/core/dynamics/gradient';
import { finishWidths, readExperiment } from '../src/core/experiment/index';
import { nodeDataIO } from '../src/core/io';
import { runModelOf } from '../src/core/lab';
import { computeTheory } from '../src/core/theory/index';

(async () => {
  const [file, model = '0', every = '', reps = '3'] = process.argv.slice(2);
  const read = readExperiment(readFileSync(file, 'utf8'));
  const loaded = await loadProblem(read.experiment!, nodeDataIO(file));
  const problem = loaded.problem!;
  let experiment = finishWidths(read.experiment!, problemDims(problem));
  if (every === 'steps-only') experiment = { ...experiment, record: { ...experiment.record, every: experiment.optimizer.steps } } as typeof experiment;
  else if (every) experiment = { ...experiment, record: { ...experiment.record, every: +every } } as typeof experiment;
  const theory = problem.kind === 'moments' ? computeTheory(problem, experiment.theory.rankTol) : null;
  const engine = { factory: createFloat64Engine, backend: 'js' as const, precision: 'float64' as const };
  for (let r = 0; r < +reps; r++) {
    const t = performance.now();
    await runModelOf({ experiment, problem, theory }, +model, engine);
    console.log(`${((performance.now() - t) / 1000).toFixed(3)} s`);
  }
})();
