// Q = Q_H Z of an implicit symmetric eigendecomposition (symmetricEigen.ts) applied to an n×c
// right-hand side on an arena: the tridiagonalization's reflectors a block of 32 at a time in the
// compact WY form (Golub & Van Loan, Matrix Computations 4th ed., §5.1.7; LAPACK dlarft/dlarfb:
// P_{k0} ⋯ P_{k0+b−1} = I − V T Vᵀ, each block two products on the arena's kernels), the QL
// rotations in one call of the f64x2 rotation kernel (rotations.ts, the JS loop's bits). The
// blocks (V, T) and the rotations are put on the arena once per decomposition and kept.
import type { ImplicitSymmetricEig } from './symmetricEigen';
import { adjacentRotationDoubles, allocAdjacentRotations, applyAdjacentRotations, type AdjacentRotations } from './rotations';
import { arenaDoubles, createArena, type Float64Arena } from './wasm/wasmGemm';

/** Reflectors a block. */
const BLOCK = 32;

/**
 * When the arena route is taken: at least this many rows (tests lower it to check both routes); the
 * arena it makes (default createArena; tests give a JsArena to check the bits do not depend on it).
 */
export const eigenArenaRoute: { minRows: number; arena?: (totalDoubles: number) => Float64Arena } = { minRows: 64 };

interface ReflectorBlockWY {
  /** First reflector; it acts on rows k0 + 1 …, the block's V has len = |v_{k0}| rows. */
  k0: number;
  bb: number;
  len: number;
  /** len × bb: column j is v_{k0+j} from row j. */
  V: Float64Array;
  /** bb × bb upper triangular (on the arena). */
  T: Float64Array;
}

interface EigenArena {
  arena: Float64Arena;
  rot: AdjacentRotations;
  blocks: ReflectorBlockWY[];
  /** Room for the right-hand side, VᵀY, T(VᵀY) and V T VᵀY, for up to `cols` columns. */
  cols: number;
  Y: Float64Array;
  M: Float64Array;
  M2: Float64Array;
  D: Float64Array;
}

const arenas = new WeakMap<ImplicitSymmetricEig, EigenArena>();

/**
 * Whether applyQtUnsorted / applyQUnsorted take the arena route for c columns: by size only, so that
 * the bits do not depend on the machine (without WebAssembly SIMD the arena is createArena's JsArena,
 * whose kernels and rotation loop give the same bits).
 */
export function onArena(eig: ImplicitSymmetricEig, c: number): boolean {
  return c > 0 && eig.n >= eigenArenaRoute.minRows;
}

function arenaOf(eig: ImplicitSymmetricEig, c: number): EigenArena {
  const known = arenas.get(eig);
  if (known && known.cols >= c) return known;
  const { n, reflectors, betas, rotIndex, rotC, rotS, rotCount } = eig;
  const cols = Math.max(c, known?.cols ?? 0);
  const K = reflectors.length;
  const lengths: number[] = [...adjacentRotationDoubles(rotCount), n * cols, BLOCK * cols, BLOCK * cols, n * cols, BLOCK * BLOCK];
  for (let k0 = 0; k0 < K; k0 += BLOCK) lengths.push(reflectors[k0].length * Math.min(BLOCK, K - k0), Math.min(BLOCK, K - k0) ** 2);
  const arena = (eigenArenaRoute.arena ?? createArena)(arenaDoubles(lengths));
  const rot = allocAdjacentRotations(arena, rotCount); // the QL's record copied as it is (native copies)
  rot.idx.set(rotIndex.subarray(0, rotCount));
  rot.c.set(rotC.subarray(0, rotCount));
  rot.s.set(rotS.subarray(0, rotCount));
  const Y = arena.alloc(n * cols);
  const M = arena.alloc(BLOCK * cols);
  const M2 = arena.alloc(BLOCK * cols);
  const D = arena.alloc(n * cols);
  const G = arena.alloc(BLOCK * BLOCK);
  const blocks: ReflectorBlockWY[] = [];
  for (let k0 = 0; k0 < K; k0 += BLOCK) {
    const bb = Math.min(BLOCK, K - k0);
    const len = reflectors[k0].length;
    const V = arena.alloc(len * bb);
    for (let j = 0; j < bb; j++) {
      const v = reflectors[k0 + j];
      for (let i = 0; i < v.length; i++) V[(j + i) * bb + j] = v[i];
    }
    // dlarft (forward, columnwise): T_jj = β_j, T[0:j, j] = −β_j T[0:j, 0:j] (V[:, 0:j]ᵀ v_j)
    const Gb = G.subarray(0, bb * bb);
    arena.gemmTN(V, V, Gb, bb, len, bb);
    const T = arena.alloc(bb * bb);
    for (let j = 0; j < bb; j++) {
      const beta = betas[k0 + j];
      T[j * bb + j] = beta;
      for (let i = 0; i < j; i++) {
        let t = 0;
        for (let l = i; l < j; l++) t += T[i * bb + l] * Gb[l * bb + j];
        T[i * bb + j] = -beta * t;
      }
    }
    blocks.push({ k0, bb, len, V, T });
  }
  const ea = { arena, rot, blocks, cols, Y, M, M2, D };
  arenas.set(eig, ea);
  return ea;
}

/**
 * Y ← Qᵀ Y (`transposed`) or Y ← Q Y for the n×c row-major Y (rows already in the QL order), on the
 * arena: Qᵀ = Zᵀ Q_Hᵀ — the blocks first to last, each Y₂ ← Y₂ − V Tᵀ (Vᵀ Y₂), then the rotations
 * G_1ᵀ first (rotateRows's (c, s) is the kernel's s' = −s); Q = Q_H Z the other way round.
 */
export function applyOnArena(eig: ImplicitSymmetricEig, Yin: Float64Array, c: number, transposed: boolean): void {
  const ea = arenaOf(eig, c);
  const len = eig.n * c;
  const Y = ea.Y.subarray(0, len);
  Y.set(Yin.subarray(0, len));
  if (transposed) {
    for (const b of ea.blocks) applyBlock(ea, b, Y, c, true);
    applyAdjacentRotations(ea.arena, Y, c, ea.rot, eig.rotCount, false, -1);
  } else {
    applyAdjacentRotations(ea.arena, Y, c, ea.rot, eig.rotCount, true, 1);
    for (let i = ea.blocks.length - 1; i >= 0; i--) applyBlock(ea, ea.blocks[i], Y, c, false);
  }
  Yin.set(Y);
}

/** Rows k0 + 1 … k0 + len of Y ← (I − V T Vᵀ) Y₂, or with Tᵀ (`transposed`). */
function applyBlock(ea: EigenArena, b: ReflectorBlockWY, Y: Float64Array, c: number, transposed: boolean): void {
  const { bb, len, V, T } = b;
  const Y2 = Y.subarray((b.k0 + 1) * c, (b.k0 + 1 + len) * c);
  const M = ea.M.subarray(0, bb * c);
  const M2 = ea.M2.subarray(0, bb * c);
  ea.arena.gemmTN(V, Y2, M, bb, len, c); // Vᵀ Y₂
  if (transposed) ea.arena.gemmTN(T, M, M2, bb, bb, c); // Tᵀ (Vᵀ Y₂)
  else ea.arena.gemm(T, M, M2, bb, bb, c); // T (Vᵀ Y₂)
  const D = ea.D.subarray(0, len * c);
  ea.arena.gemm(V, M2, D, len, bb, c);
  ea.arena.axpy(-1, D, Y2, len * c);
}
