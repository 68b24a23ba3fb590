// GradientWorkspace on the wasm SIMD arena against the JS arena: the same bits (the kernels keep
// gemm.ts's order of operations), for moments and completion problems and depths 1–4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GradientWorkspace, factorShapes, workspaceBufferLengths } from '../../../src/core/dynamics/gradient';
import { JsArena, WasmArena, arenaDoubles, type Float64Arena } from '../../../src/core/linalg/wasm/wasmGemm';
import type { CompletionProblem, MomentsProblem, Problem } from '../../../src/core/types';

let s = 99;
const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5);
const mat = (rows: number, cols: number) => ({ rows, cols, data: Float64Array.from({ length: rows * cols }, rand) });

function evaluate(problem: Problem, depth: number, width: number, arena: Float64Arena, init: Float64Array[]) {
  const { rows, cols } = problem.kind === 'moments' ? { rows: problem.d, cols: problem.p } : problem;
  const shapes = factorShapes(rows, cols, depth, width);
  arena.reserve(arenaDoubles([...shapes.flatMap(([r, c]) => [r * c, r * c]), ...workspaceBufferLengths(problem, depth, width)]));
  const factors = init.map((f) => arena.copyOf(f));
  const grads = shapes.map(([r, c]) => arena.alloc(r * c));
  const ws = new GradientWorkspace(problem, depth, width, 0.25, arena);
  const f = ws.evaluate(factors, grads);
  return { f, grads: grads.map((g) => Array.from(g)), W: Array.from(ws.endToEnd) };
}

test('GradientWorkspace: wasm arena = JS arena, bit for bit', () => {
  const d = 7, p = 5;
  const moments: MomentsProblem = { kind: 'moments', n: 10, d, p, sigmaX: mat(d, d), sigmaXY: mat(d, p), traceSigmaY: null, groundTruth: null } as MomentsProblem;
  const completion = { kind: 'completion', rows: d, cols: p, matrix: mat(d, p), mask: Uint8Array.from({ length: d * p }, (_, i) => (i % 3 ? 1 : 0)), observedCount: Math.ceil((2 * d * p) / 3) } as unknown as CompletionProblem;
  for (const problem of [moments, completion] as Problem[]) {
    for (const depth of [1, 2, 3, 4]) {
      const width = 6;
      const init = factorShapes(d, p, depth, width).map(([r, c]) => mat(r, c).data);
      const a = evaluate(problem, depth, width, new JsArena(), init);
      const b = evaluate(problem, depth, width, new WasmArena(), init);
      assert.ok(Object.is(a.f, b.f), `${problem.kind} depth ${depth}: f`);
      assert.deepEqual(b.grads, a.grads);
      assert.deepEqual(b.W, a.W);
    }
  }
});
