// GradientWorkspace with the blocked wasm kernels forced on every product (gemm.wat $blk: packed
// panels, 4×4 register tiles) against the JS arena: the same bits over twenty gradient steps, for
// moments and completion problems, depths 1–4, odd sizes that leave edge tiles and k tails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GradientWorkspace, factorShapes, workspaceBufferLengths } from '../../../src/core/dynamics/gradient';
import { JsArena, WasmArena, arenaDoubles, type Float64Arena } from '../../../src/core/linalg/wasm/wasmGemm';
import type { CompletionProblem, MomentsProblem, Problem } from '../../../src/core/types';

let s = 7;
const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5);
const mat = (rows: number, cols: number) => ({ rows, cols, data: Float64Array.from({ length: rows * cols }, rand) });

/** Twenty steps W_l ← W_l − η∇_l f on `arena`; the losses and the final factors. */
function descend(problem: Problem, depth: number, width: number, arena: Float64Arena, init: Float64Array[]) {
  const { rows, cols } = problem.kind === 'moments' ? { rows: problem.d, cols: problem.p } : problem;
  const shapes = factorShapes(rows, cols, depth, width);
  arena.reserve(arenaDoubles([...shapes.flatMap(([r, c]) => [r * c, r * c]), ...workspaceBufferLengths(problem, depth, width)]));
  const factors = init.map((f) => arena.copyOf(f));
  const grads = shapes.map(([r, c]) => arena.alloc(r * c));
  const ws = new GradientWorkspace(problem, depth, width, 0.25, arena);
  const losses: number[] = [];
  for (let t = 0; t < 20; t++) {
    losses.push(ws.evaluate(factors, grads));
    for (let l = 0; l < depth; l++) arena.axpy(-0.01, grads[l], factors[l]);
  }
  losses.push(ws.lossAndResidual(factors)); // forms the whole W (completion: evaluate forms it on Ω only)
  return { losses, factors: factors.map((f) => Array.from(f)), W: Array.from(ws.endToEnd) };
}

test('GradientWorkspace: blocked wasm kernels on every product = JS arena, bit for bit over twenty steps', () => {
  for (const [d, p, width] of [[33, 7, 13], [21, 21, 70], [66, 9, 37]] as const) {
    const moments = { kind: 'moments', n: 10, d, p, sigmaX: mat(d, d), sigmaXY: mat(d, p), traceSigmaY: null, groundTruth: null } as unknown as MomentsProblem;
    const completion = { kind: 'completion', rows: d, cols: p, matrix: mat(d, p), mask: Uint8Array.from({ length: d * p }, (_, i) => (i % 3 ? 1 : 0)), observedCount: d * p - Math.ceil((d * p) / 3) } as unknown as CompletionProblem;
    for (const problem of [moments, completion] as Problem[]) {
      for (const depth of [1, 2, 3, 4]) {
        const init = factorShapes(d, p, depth, width).map(([r, c]) => mat(r, c).data.map((x) => 0.3 * x));
        const wasm = new WasmArena();
        wasm.blockedMin = wasm.blockedMinB = wasm.blockedMinSide = 0;
        const a = descend(problem, depth, width, new JsArena(), init);
        const b = descend(problem, depth, width, wasm, init);
        const what = `${problem.kind} ${d}×${p} width ${width} depth ${depth}`;
        assert.ok(a.losses.every((f, i) => Object.is(f, b.losses[i])), `${what}: losses`);
        assert.deepEqual(b.factors, a.factors, `${what}: factors`);
        assert.deepEqual(b.W, a.W, `${what}: W`);
      }
    }
  }
});
