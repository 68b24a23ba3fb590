// pickEngine (spec §2 `compute`): the logic of `auto`, driven by the measured constants (npm run
// bench) — never timings. Which engine runs where, for small and large, short and long problems.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { flopsPerStep } from '../../../src/core/dynamics/cost';
import {
  AUTO_FLOAT64_SECONDS,
  aboutSeconds,
  CROSSOVERS,
  FLOAT32_WINS_FROM_SIZE,
  FLOAT64_FLOPS_PER_SECOND,
  WEBGL_WINS_FROM_SIZE,
  estimateFloat64Seconds,
  hardwareWebglHint,
  isSoftwareRenderer,
  pickEngine,
  type ConcreteBackend,
  type Crossovers,
} from '../../../src/core/dynamics/select';
import type { Backend, Experiment, Precision } from '../../../src/core/types';

const NODE: ConcreteBackend[] = ['js', 'wasm', 'cpu'];
const PANEL: ConcreteBackend[] = ['js', 'webgl'];
const PANEL_NO_WEBGL: ConcreteBackend[] = ['js'];

/** An experiment of one model at size d (d × d, width d) whose float64 estimate is `seconds`. */
function exp(d: number, depth: number, seconds: number, backend: Backend = 'auto', precision: Precision = 'auto'): Experiment {
  const steps = Math.max(1, Math.round((seconds * FLOAT64_FLOPS_PER_SECOND) / flopsPerStep(d, d, depth, d, 'gd')));
  return {
    seed: 0,
    data: { kind: 'moments', sigmaX: Array(d).fill(1), sigmaXY: Array(d).fill(1) },
    models: [{ depth, width: d, label: `depth ${depth}` }],
    init: { scheme: 'identity', delta: 8 },
    optimizer: { method: 'gd', stepSize: 0.01, steps },
    record: { every: 1 },
    compute: { backend, precision },
    theory: { rankTol: 1e-4 },
  };
}

const SHORT = AUTO_FLOAT64_SECONDS / 5;
const LONG = AUTO_FLOAT64_SECONDS * 100;
/** Crossovers as on a machine where float32 wins from size 100 and WebGL from size 300. */
const WINNING: Crossovers = { float32FromSize: 100, webglFromSize: 300 };

describe('pickEngine', () => {
  it('the estimate is flops over FLOAT64_FLOPS_PER_SECOND, summed over the models', () => {
    const e = exp(200, 3, 30);
    e.models.push({ depth: 1, width: 200, label: 'linear' });
    const want = ((flopsPerStep(200, 200, 3, 200, 'gd') + flopsPerStep(200, 200, 1, 200, 'gd')) * e.optimizer.steps) / FLOAT64_FLOPS_PER_SECOND;
    assert.equal(estimateFloat64Seconds(e, 200, 200), want);
  });

  it('short runs stay float64 wherever they run, whatever the crossovers', () => {
    for (const available of [NODE, PANEL, PANEL_NO_WEBGL]) {
      for (const d of [20, 200, 784]) {
        const pick = pickEngine(exp(d, 3, SHORT), d, d, available, { float32FromSize: 0, webglFromSize: 0 });
        assert.deepEqual([pick.backend, pick.precision], ['js', 'float64'], `${available} d = ${d}`);
      }
    }
  });

  it('small problems run on js even when long', () => {
    for (const available of [NODE, PANEL]) {
      const pick = pickEngine(exp(20, 2, LONG), 20, 20, available, WINNING);
      assert.equal(pick.backend, 'js', String(available));
      assert.match(pick.reason, /float64 engine beats/);
    }
  });

  it('large long problems with WebGL at hand and at or above its crossover run on WebGL', () => {
    for (const d of [300, 784]) {
      const pick = pickEngine(exp(d, 3, LONG), d, d, PANEL, WINNING);
      assert.deepEqual([pick.backend, pick.precision], ['webgl', 'float32'], `d = ${d}`);
    }
    // WebGL is preferred over wasm where both are at hand and WebGL wins
    assert.equal(pickEngine(exp(784, 3, LONG), 784, 784, ['js', 'webgl', 'wasm'], WINNING).backend, 'webgl');
  });

  it('below the WebGL crossover: the next best — wasm from the float32 crossover, else js', () => {
    // the panel (no wasm): the float64 engine
    assert.equal(pickEngine(exp(200, 3, LONG), 200, 200, PANEL, WINNING).backend, 'js');
    // with wasm at hand too: wasm, which wins from size 100
    const both: ConcreteBackend[] = ['js', 'webgl', 'wasm', 'cpu'];
    assert.deepEqual(pickEngine(exp(200, 3, LONG), 200, 200, both, WINNING).backend, 'wasm');
    assert.deepEqual(pickEngine(exp(50, 3, LONG), 50, 50, both, WINNING).backend, 'js');
  });

  it('the crossover constants drive the choice: exactly at the size, and nowhere when infinite', () => {
    const at = (size: number, c: Crossovers, available = PANEL) => pickEngine(exp(size, 3, LONG), size, size, available, c).backend;
    assert.equal(at(299, WINNING), 'js');
    assert.equal(at(300, WINNING), 'webgl');
    assert.equal(at(99, WINNING, NODE), 'js');
    assert.equal(at(100, WINNING, NODE), 'wasm');
    const never: Crossovers = { float32FromSize: Infinity, webglFromSize: Infinity };
    for (const size of [20, 200, 784, 5000]) {
      assert.equal(at(size, never), 'js');
      assert.equal(at(size, never, NODE), 'js');
    }
    // the size is the largest of d, p and the widths
    const wide = exp(50, 2, LONG);
    wide.models[0].width = 400;
    assert.equal(pickEngine(wide, 50, 50, PANEL, WINNING).backend, 'webgl');
  });

  it('the defaults are the measured constants', () => {
    assert.deepEqual({ ...CROSSOVERS }, { float32FromSize: FLOAT32_WINS_FROM_SIZE, webglFromSize: WEBGL_WINS_FROM_SIZE });
    // as measured (select.ts): neither tfjs wasm nor WebGL on SwiftShader beats the float64 engine
    // up to d = 784, so auto keeps float64 for long runs too
    for (const available of [NODE, PANEL]) {
      for (const d of [200, 784]) {
        const pick = pickEngine(exp(d, 3, LONG), d, d, available);
        assert.equal(pick.backend, 'js', `${available} d = ${d}: ${pick.reason}`);
        assert.equal(pick.precision, 'float64');
      }
    }
  });

  it('precision "float32" under auto: the fastest float32 backend, WebGL last below its crossover', () => {
    const f32 = (d: number, available: ConcreteBackend[], c: Crossovers = WINNING) => pickEngine(exp(d, 3, SHORT, 'auto', 'float32'), d, d, available, c);
    assert.deepEqual([f32(20, NODE).backend, f32(20, NODE).precision], ['wasm', 'float32']);
    assert.equal(f32(200, ['js', 'webgl', 'wasm']).backend, 'wasm');
    assert.equal(f32(784, ['js', 'webgl', 'wasm']).backend, 'webgl');
    assert.equal(f32(20, PANEL).backend, 'webgl', 'the only float32 backend in the panel');
    assert.deepEqual([f32(20, PANEL_NO_WEBGL).backend, f32(20, PANEL_NO_WEBGL).precision], ['js', 'float64']);
  });

  it('an explicit backend or precision is obeyed, falling back when the backend is not at hand', () => {
    assert.equal(pickEngine(exp(20, 1, SHORT, 'webgl'), 20, 20, PANEL).backend, 'webgl');
    assert.equal(pickEngine(exp(784, 3, LONG, 'js'), 784, 784, PANEL, WINNING).backend, 'js');
    assert.equal(pickEngine(exp(784, 3, LONG, 'auto', 'float64'), 784, 784, PANEL, WINNING).backend, 'js');
    assert.equal(pickEngine(exp(20, 1, SHORT, 'cpu'), 20, 20, NODE).backend, 'cpu');
    const away = pickEngine(exp(20, 1, SHORT, 'webgl'), 20, 20, NODE);
    assert.equal(away.backend, 'wasm');
    assert.match(away.reason, /not available/);
    assert.deepEqual(pickEngine(exp(20, 1, SHORT, 'wasm'), 20, 20, PANEL_NO_WEBGL).precision, 'float64');
  });

  it('without WebGL in the panel, a long run says float32 is not at hand (the panel names why)', () => {
    const pick = pickEngine(exp(784, 3, LONG), 784, 784, PANEL_NO_WEBGL, WINNING);
    assert.equal(pick.backend, 'js');
    assert.match(pick.reason, /float32/);
  });
});

describe('the hint for a hardware GPU in the panel', () => {
  it('tells software rasterizers from GPUs by the renderer string', () => {
    assert.equal(isSoftwareRenderer('WebGL 2: ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)'), true);
    assert.equal(isSoftwareRenderer('WebGL 2: llvmpipe (LLVM 15.0.6, 256 bits)'), true);
    assert.equal(isSoftwareRenderer('WebGL 2: ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 Direct3D11 vs_5_0 ps_5_0, D3D11)'), false);
  });

  it('only for a long auto run kept on float64 while a GPU renders WebGL', () => {
    const gpu = 'WebGL 2: ANGLE (Apple, Apple M2, OpenGL 4.1)';
    const long = exp(200, 3, LONG);
    const kept = pickEngine(long, 200, 200, PANEL);
    assert.equal(kept.backend, 'js', 'as measured, auto keeps float64');
    assert.match(hardwareWebglHint(kept, long, 200, 200, gpu)!, /compute\.backend to "webgl"/);
    assert.equal(hardwareWebglHint(kept, long, 200, 200, 'WebGL 2: SwiftShader'), null, 'software WebGL is slower (npm run bench)');
    assert.equal(hardwareWebglHint(kept, long, 200, 200, null), null, 'no WebGL');
    const short = exp(200, 3, SHORT);
    assert.equal(hardwareWebglHint(pickEngine(short, 200, 200, PANEL), short, 200, 200, gpu), null, 'a short run stays float64 anyway');
    const asked = exp(200, 3, LONG, 'js');
    assert.equal(hardwareWebglHint(pickEngine(asked, 200, 200, PANEL), asked, 200, 200, gpu), null, 'the file chose its engine');
  });
});

it('the auto pick says a short run\'s estimate as people read it, never "about 0.0 s"', () => {
  assert.equal(aboutSeconds(0.02), 'under 0.1 s');
  assert.equal(aboutSeconds(2.34), 'about 2.3 s');
  assert.equal(aboutSeconds(41.6), 'about 42 s');
});
