;; f64x2 SIMD versions of the products over a pattern Ω of src/core/linalg/sparse.ts (matrix
;; completion, ACHL: G = P_Ω(W − M)/|Ω| is zero off Ω), with the same order of floating-point
;; operations per result as sparse.ts — which is that of the dense kernels of gemm.ts / gemm.wat —
;; so the results agree bit for bit with the JS loops (wasm has no implicit fma).
;;
;; Every pointer is a byte offset into the imported memory (env.memory): matrices row-major float64,
;; Ω's index arrays int32 (sparse.ts ObservedPattern). Assembled by scripts/build-wasm.mjs (wabt)
;; into sparseWasm.generated.ts, and with the memory imported as shared into
;; sparseSharedWasm.generated.ts (an arena whose products a gemm team shares).
(module
  (import "env" "memory" (memory 1))

  ;; out[t] = Σ_l A[rowOf[t], l]·Bt[colOf[t], l], l = 0…k−1, for t = 0…count−1 (A rows×k, Bt cols×k):
  ;; gemm's sum — blocks ((p0 + p1) + p2) + p3 of four l, the first block the start, each further
  ;; one added in turn, then the k mod 4 last products one by one (k < 4: from 0, one by one).
  ;; Two entries a pass, one per lane: the products of four l are formed two l a vector per entry
  ;; (contiguous loads) and regrouped by lane (shuffles), so each lane sums its own entry in order.
  ;; The running sum starts at −0 when there are blocks (−0 + x = x for every x: the first block is
  ;; the start, as in gemm), at +0 otherwise (gemm's C = 0 when k < 4).
  (func (export "sampled") (param $A i32) (param $Bt i32) (param $k i32) (param $rowOf i32) (param $colOf i32)
                           (param $count i32) (param $out i32)
    (local $t i32) (local $kb i32) (local $k4b i32) (local $two i32) (local $end i32) (local $tailEnd i32)
    (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32)
    (local $x0 v128) (local $x1 v128) (local $y0 v128) (local $y1 v128) (local $acc v128) (local $start v128)
    (local $s0 f64) (local $s1 f64)
    (local.set $kb (i32.shl (local.get $k) (i32.const 3)))
    (local.set $k4b (i32.shl (i32.and (local.get $k) (i32.const -4)) (i32.const 3)))
    (local.set $start (f64x2.splat (select (f64.const -0) (f64.const 0) (local.get $k4b))))
    (block $done (loop $pairs
      (br_if $done (i32.ge_u (local.get $t) (local.get $count)))
      (local.set $two (i32.lt_u (i32.add (local.get $t) (i32.const 1)) (local.get $count)))
      (local.set $a0 (i32.add (local.get $A) (i32.mul (i32.load (i32.add (local.get $rowOf) (i32.shl (local.get $t) (i32.const 2)))) (local.get $kb))))
      (local.set $b0 (i32.add (local.get $Bt) (i32.mul (i32.load (i32.add (local.get $colOf) (i32.shl (local.get $t) (i32.const 2)))) (local.get $kb))))
      (if (local.get $two)
        (then
          (local.set $a1 (i32.add (local.get $A) (i32.mul (i32.load offset=4 (i32.add (local.get $rowOf) (i32.shl (local.get $t) (i32.const 2)))) (local.get $kb))))
          (local.set $b1 (i32.add (local.get $Bt) (i32.mul (i32.load offset=4 (i32.add (local.get $colOf) (i32.shl (local.get $t) (i32.const 2)))) (local.get $kb)))))
        (else
          ;; an odd last entry: both lanes compute it, lane 0 is stored
          (local.set $a1 (local.get $a0))
          (local.set $b1 (local.get $b0))))
      (local.set $acc (local.get $start))
      (local.set $end (i32.add (local.get $a0) (local.get $k4b)))
      (local.set $tailEnd (i32.add (local.get $a0) (local.get $kb)))
      ;; two blocks (eight l) a pass, then a last single block
      (block $blocks2Done (loop $blocks2
        (br_if $blocks2Done (i32.gt_u (i32.add (local.get $a0) (i32.const 64)) (local.get $end)))
        (local.set $x0 (f64x2.mul (v128.load (local.get $a0)) (v128.load (local.get $b0))))
        (local.set $x1 (f64x2.mul (v128.load (local.get $a1)) (v128.load (local.get $b1))))
        (local.set $y0 (f64x2.mul (v128.load offset=16 (local.get $a0)) (v128.load offset=16 (local.get $b0))))
        (local.set $y1 (f64x2.mul (v128.load offset=16 (local.get $a1)) (v128.load offset=16 (local.get $b1))))
        ;; acc + (((p_l + p_l+1) + p_l+2) + p_l+3), lane 0 entry t, lane 1 entry t + 1
        (local.set $acc (f64x2.add (local.get $acc)
          (f64x2.add
            (f64x2.add
              (f64x2.add
                (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $x0) (local.get $x1))
                (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $x0) (local.get $x1)))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $y0) (local.get $y1)))
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $y0) (local.get $y1)))))
        (local.set $x0 (f64x2.mul (v128.load offset=32 (local.get $a0)) (v128.load offset=32 (local.get $b0))))
        (local.set $x1 (f64x2.mul (v128.load offset=32 (local.get $a1)) (v128.load offset=32 (local.get $b1))))
        (local.set $y0 (f64x2.mul (v128.load offset=48 (local.get $a0)) (v128.load offset=48 (local.get $b0))))
        (local.set $y1 (f64x2.mul (v128.load offset=48 (local.get $a1)) (v128.load offset=48 (local.get $b1))))
        ;; acc + (((p_l + p_l+1) + p_l+2) + p_l+3), lane 0 entry t, lane 1 entry t + 1
        (local.set $acc (f64x2.add (local.get $acc)
          (f64x2.add
            (f64x2.add
              (f64x2.add
                (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $x0) (local.get $x1))
                (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $x0) (local.get $x1)))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $y0) (local.get $y1)))
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $y0) (local.get $y1)))))
        (local.set $a0 (i32.add (local.get $a0) (i32.const 64)))
        (local.set $a1 (i32.add (local.get $a1) (i32.const 64)))
        (local.set $b0 (i32.add (local.get $b0) (i32.const 64)))
        (local.set $b1 (i32.add (local.get $b1) (i32.const 64)))
        (br $blocks2)))
      (if (i32.lt_u (local.get $a0) (local.get $end)) (then
        (local.set $x0 (f64x2.mul (v128.load (local.get $a0)) (v128.load (local.get $b0))))
        (local.set $x1 (f64x2.mul (v128.load (local.get $a1)) (v128.load (local.get $b1))))
        (local.set $y0 (f64x2.mul (v128.load offset=16 (local.get $a0)) (v128.load offset=16 (local.get $b0))))
        (local.set $y1 (f64x2.mul (v128.load offset=16 (local.get $a1)) (v128.load offset=16 (local.get $b1))))
        ;; acc + (((p_l + p_l+1) + p_l+2) + p_l+3), lane 0 entry t, lane 1 entry t + 1
        (local.set $acc (f64x2.add (local.get $acc)
          (f64x2.add
            (f64x2.add
              (f64x2.add
                (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $x0) (local.get $x1))
                (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $x0) (local.get $x1)))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $y0) (local.get $y1)))
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $y0) (local.get $y1)))))
        (local.set $a0 (i32.add (local.get $a0) (i32.const 32)))
        (local.set $a1 (i32.add (local.get $a1) (i32.const 32)))
        (local.set $b0 (i32.add (local.get $b0) (i32.const 32)))
        (local.set $b1 (i32.add (local.get $b1) (i32.const 32)))
))
      (local.set $s0 (f64x2.extract_lane 0 (local.get $acc)))
      (local.set $s1 (f64x2.extract_lane 1 (local.get $acc)))
      ;; the k mod 4 last products, one by one
      (block $tailDone (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $a0) (local.get $tailEnd)))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $a0)) (f64.load (local.get $b0)))))
        (local.set $s1 (f64.add (local.get $s1) (f64.mul (f64.load (local.get $a1)) (f64.load (local.get $b1)))))
        (local.set $a0 (i32.add (local.get $a0) (i32.const 8)))
        (local.set $a1 (i32.add (local.get $a1) (i32.const 8)))
        (local.set $b0 (i32.add (local.get $b0) (i32.const 8)))
        (local.set $b1 (i32.add (local.get $b1) (i32.const 8)))
        (br $tail)))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $t) (i32.const 3))) (local.get $s0))
      (if (local.get $two) (then (f64.store offset=8 (i32.add (local.get $out) (i32.shl (local.get $t) (i32.const 3))) (local.get $s1))))
      (local.set $t (i32.add (local.get $t) (i32.const 2)))
      (br $pairs)))
  )

  ;; C (rows×n) = G·Bᵀ, G zero off Ω with values g[t], Bt = Bᵀ (cols×n): row i of C is
  ;; Σ_{t = rowStart[i]…rowStart[i+1]−1} g[t]·Bt[colOf[t], :], from 0, t increasing (gemmNT's
  ;; sequential sum less its zero terms). Eight columns of C a pass in four f64x2 accumulators, then
  ;; pairs, then an odd last column scalar.
  (func (export "sparseNT") (param $g i32) (param $rowStart i32) (param $colOf i32) (param $rows i32)
                            (param $Bt i32) (param $n i32) (param $C i32)
    (local $i i32) (local $t i32) (local $t0 i32) (local $t1 i32) (local $q i32) (local $nb i32)
    (local $c i32) (local $b i32)
    (local $gs v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $s f64)
    (local.set $nb (i32.shl (local.get $n) (i32.const 3)))
    (block $rowsDone (loop $rowLoop
      (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $t0 (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $t1 (i32.load offset=4 (i32.add (local.get $rowStart) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $c (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $nb))))
      (local.set $q (i32.const 0))
      ;; eight columns a pass
      (block $q8Done (loop $q8
        (br_if $q8Done (i32.gt_u (i32.add (local.get $q) (i32.const 64)) (local.get $nb)))
        (local.set $c0 (f64x2.splat (f64.const 0)))
        (local.set $c1 (local.get $c0))
        (local.set $c2 (local.get $c0))
        (local.set $c3 (local.get $c0))
        (local.set $t (local.get $t0))
        (block $eDone (loop $e
          (br_if $eDone (i32.ge_u (local.get $t) (local.get $t1)))
          (local.set $gs (v128.load64_splat (i32.add (local.get $g) (i32.shl (local.get $t) (i32.const 3)))))
          (local.set $b (i32.add (i32.add (local.get $Bt) (local.get $q))
            (i32.mul (i32.load (i32.add (local.get $colOf) (i32.shl (local.get $t) (i32.const 2)))) (local.get $nb))))
          (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $gs) (v128.load (local.get $b)))))
          (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $gs) (v128.load offset=16 (local.get $b)))))
          (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $gs) (v128.load offset=32 (local.get $b)))))
          (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (local.get $gs) (v128.load offset=48 (local.get $b)))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br $e)))
        (v128.store (i32.add (local.get $c) (local.get $q)) (local.get $c0))
        (v128.store offset=16 (i32.add (local.get $c) (local.get $q)) (local.get $c1))
        (v128.store offset=32 (i32.add (local.get $c) (local.get $q)) (local.get $c2))
        (v128.store offset=48 (i32.add (local.get $c) (local.get $q)) (local.get $c3))
        (local.set $q (i32.add (local.get $q) (i32.const 64)))
        (br $q8)))
      ;; two columns a pass
      (block $q2Done (loop $q2
        (br_if $q2Done (i32.gt_u (i32.add (local.get $q) (i32.const 16)) (local.get $nb)))
        (local.set $c0 (f64x2.splat (f64.const 0)))
        (local.set $t (local.get $t0))
        (block $eDone2 (loop $e2
          (br_if $eDone2 (i32.ge_u (local.get $t) (local.get $t1)))
          (local.set $gs (v128.load64_splat (i32.add (local.get $g) (i32.shl (local.get $t) (i32.const 3)))))
          (local.set $b (i32.add (i32.add (local.get $Bt) (local.get $q))
            (i32.mul (i32.load (i32.add (local.get $colOf) (i32.shl (local.get $t) (i32.const 2)))) (local.get $nb))))
          (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $gs) (v128.load (local.get $b)))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br $e2)))
        (v128.store (i32.add (local.get $c) (local.get $q)) (local.get $c0))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $q2)))
      ;; an odd last column
      (if (i32.lt_u (local.get $q) (local.get $nb)) (then
        (local.set $s (f64.const 0))
        (local.set $t (local.get $t0))
        (block $eDone1 (loop $e1
          (br_if $eDone1 (i32.ge_u (local.get $t) (local.get $t1)))
          (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (i32.add (local.get $g) (i32.shl (local.get $t) (i32.const 3))))
            (f64.load (i32.add (i32.add (local.get $Bt) (local.get $q))
              (i32.mul (i32.load (i32.add (local.get $colOf) (i32.shl (local.get $t) (i32.const 2)))) (local.get $nb)))))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br $e1)))
        (f64.store (i32.add (local.get $c) (local.get $q)) (local.get $s))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rowLoop)))
  )

  ;; Ct (cols×m) = (Aᵀ·G)ᵀ, A (rows×m), G zero off Ω with values g[t]: row j of Ct is
  ;; Σ_i g_ij·A[i, :] summed as gemmTN sums over rows: each block's entries (colEntry[s…], a block
  ;; begins where blockStart[s] = 1) into a block sum from its first product, the block sums added in
  ;; turn to a running sum from 0. A column's entries are first listed at `scratch` (16 bytes each: g,
  ;; A's row address, block start; at most rows of them), then eight columns of Ct a pass (four f64x2
  ;; running sums and four block sums) walk that list, then pairs, then an odd last column scalar.
  (func (export "sparseTN") (param $A i32) (param $m i32) (param $colStart i32) (param $colEntry i32)
                            (param $blockStart i32) (param $rowOf i32) (param $cols i32) (param $g i32) (param $Ct i32) (param $scratch i32)
    (local $j i32) (local $e i32) (local $eEnd i32) (local $s i32) (local $s0 i32) (local $s1 i32) (local $t i32) (local $q i32) (local $mb i32)
    (local $c i32) (local $a i32)
    (local $gs v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $k0 v128) (local $k1 v128) (local $k2 v128) (local $k3 v128) (local $sc f64) (local $kc f64) (local $gf f64)
    (local.set $mb (i32.shl (local.get $m) (i32.const 3)))
    (block $colsDone (loop $colLoop
      (br_if $colsDone (i32.ge_u (local.get $j) (local.get $cols)))
      (local.set $s0 (i32.load (i32.add (local.get $colStart) (i32.shl (local.get $j) (i32.const 2)))))
      (local.set $s1 (i32.load offset=4 (i32.add (local.get $colStart) (i32.shl (local.get $j) (i32.const 2)))))
      (local.set $c (i32.add (local.get $Ct) (i32.mul (local.get $j) (local.get $mb))))
      ;; the column's entries: g, A's row address, block start
      (local.set $e (local.get $scratch))
      (local.set $s (local.get $s0))
      (block $listDone (loop $list
        (br_if $listDone (i32.ge_u (local.get $s) (local.get $s1)))
        (local.set $t (i32.load (i32.add (local.get $colEntry) (i32.shl (local.get $s) (i32.const 2)))))
        (f64.store (local.get $e) (f64.load (i32.add (local.get $g) (i32.shl (local.get $t) (i32.const 3)))))
        (i32.store offset=8 (local.get $e) (i32.add (local.get $A)
          (i32.mul (i32.load (i32.add (local.get $rowOf) (i32.shl (local.get $t) (i32.const 2)))) (local.get $mb))))
        (i32.store offset=12 (local.get $e) (i32.load (i32.add (local.get $blockStart) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $e (i32.add (local.get $e) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $list)))
      (local.set $eEnd (local.get $e))
      (local.set $q (i32.const 0))
      ;; eight columns a pass
      (block $q8Done (loop $q8
        (br_if $q8Done (i32.gt_u (i32.add (local.get $q) (i32.const 64)) (local.get $mb)))
        (local.set $c0 (f64x2.splat (f64.const 0)))
        (local.set $c1 (local.get $c0))
        (local.set $c2 (local.get $c0))
        (local.set $c3 (local.get $c0))
        (local.set $k0 (local.get $c0))
        (local.set $k1 (local.get $c0))
        (local.set $k2 (local.get $c0))
        (local.set $k3 (local.get $c0))
        (local.set $e (local.get $scratch))
        (block $eDone (loop $entries
          (br_if $eDone (i32.ge_u (local.get $e) (local.get $eEnd)))
          (local.set $gs (v128.load64_splat (local.get $e)))
          (local.set $a (i32.add (i32.load offset=8 (local.get $e)) (local.get $q)))
          (if (i32.load offset=12 (local.get $e))
            (then
              (local.set $c0 (f64x2.add (local.get $c0) (local.get $k0)))
              (local.set $c1 (f64x2.add (local.get $c1) (local.get $k1)))
              (local.set $c2 (f64x2.add (local.get $c2) (local.get $k2)))
              (local.set $c3 (f64x2.add (local.get $c3) (local.get $k3)))
              (local.set $k0 (f64x2.mul (local.get $gs) (v128.load (local.get $a))))
              (local.set $k1 (f64x2.mul (local.get $gs) (v128.load offset=16 (local.get $a))))
              (local.set $k2 (f64x2.mul (local.get $gs) (v128.load offset=32 (local.get $a))))
              (local.set $k3 (f64x2.mul (local.get $gs) (v128.load offset=48 (local.get $a)))))
            (else
              (local.set $k0 (f64x2.add (local.get $k0) (f64x2.mul (local.get $gs) (v128.load (local.get $a)))))
              (local.set $k1 (f64x2.add (local.get $k1) (f64x2.mul (local.get $gs) (v128.load offset=16 (local.get $a)))))
              (local.set $k2 (f64x2.add (local.get $k2) (f64x2.mul (local.get $gs) (v128.load offset=32 (local.get $a)))))
              (local.set $k3 (f64x2.add (local.get $k3) (f64x2.mul (local.get $gs) (v128.load offset=48 (local.get $a)))))))
          (local.set $e (i32.add (local.get $e) (i32.const 16)))
          (br $entries)))
        (v128.store (i32.add (local.get $c) (local.get $q)) (f64x2.add (local.get $c0) (local.get $k0)))
        (v128.store offset=16 (i32.add (local.get $c) (local.get $q)) (f64x2.add (local.get $c1) (local.get $k1)))
        (v128.store offset=32 (i32.add (local.get $c) (local.get $q)) (f64x2.add (local.get $c2) (local.get $k2)))
        (v128.store offset=48 (i32.add (local.get $c) (local.get $q)) (f64x2.add (local.get $c3) (local.get $k3)))
        (local.set $q (i32.add (local.get $q) (i32.const 64)))
        (br $q8)))
      ;; two columns a pass
      (block $q2Done (loop $q2
        (br_if $q2Done (i32.gt_u (i32.add (local.get $q) (i32.const 16)) (local.get $mb)))
        (local.set $c0 (f64x2.splat (f64.const 0)))
        (local.set $k0 (local.get $c0))
        (local.set $e (local.get $scratch))
        (block $eDone2 (loop $e2
          (br_if $eDone2 (i32.ge_u (local.get $e) (local.get $eEnd)))
          (local.set $gs (v128.load64_splat (local.get $e)))
          (local.set $a (i32.add (i32.load offset=8 (local.get $e)) (local.get $q)))
          (if (i32.load offset=12 (local.get $e))
            (then
              (local.set $c0 (f64x2.add (local.get $c0) (local.get $k0)))
              (local.set $k0 (f64x2.mul (local.get $gs) (v128.load (local.get $a)))))
            (else
              (local.set $k0 (f64x2.add (local.get $k0) (f64x2.mul (local.get $gs) (v128.load (local.get $a)))))))
          (local.set $e (i32.add (local.get $e) (i32.const 16)))
          (br $e2)))
        (v128.store (i32.add (local.get $c) (local.get $q)) (f64x2.add (local.get $c0) (local.get $k0)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $q2)))
      ;; an odd last column
      (if (i32.lt_u (local.get $q) (local.get $mb)) (then
        (local.set $sc (f64.const 0))
        (local.set $kc (f64.const 0))
        (local.set $e (local.get $scratch))
        (block $eDone1 (loop $e1
          (br_if $eDone1 (i32.ge_u (local.get $e) (local.get $eEnd)))
          (local.set $gf (f64.mul (f64.load (local.get $e))
            (f64.load (i32.add (i32.load offset=8 (local.get $e)) (local.get $q)))))
          (if (i32.load offset=12 (local.get $e))
            (then
              (local.set $sc (f64.add (local.get $sc) (local.get $kc)))
              (local.set $kc (local.get $gf)))
            (else (local.set $kc (f64.add (local.get $kc) (local.get $gf)))))
          (local.set $e (i32.add (local.get $e) (i32.const 16)))
          (br $e1)))
        (f64.store (i32.add (local.get $c) (local.get $q)) (f64.add (local.get $sc) (local.get $kc)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $colLoop)))
  )

  ;; Bt (n×m) = Bᵀ for B (m×n): copies, no arithmetic. Blocks of 2×2 (two rows of B, two columns a
  ;; pass: two loads, two shuffles, two stores), then an odd last column and an odd last row one by one.
  (func (export "transpose") (param $B i32) (param $m i32) (param $n i32) (param $Bt i32)
    (local $i i32) (local $j i32) (local $nb i32) (local $mb i32) (local $src i32) (local $dst i32)
    (local $r0 v128) (local $r1 v128)
    (local.set $nb (i32.shl (local.get $n) (i32.const 3)))
    (local.set $mb (i32.shl (local.get $m) (i32.const 3)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $m)))
      (local.set $src (i32.add (local.get $B) (i32.mul (local.get $i) (local.get $nb))))
      (local.set $dst (i32.add (local.get $Bt) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $j (i32.const 0))
      (block $colsDone (loop $cols
        (br_if $colsDone (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $n)))
        (local.set $r0 (v128.load (local.get $src)))
        (local.set $r1 (v128.load (i32.add (local.get $src) (local.get $nb))))
        (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)))
        (v128.store (i32.add (local.get $dst) (local.get $mb)) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $mb) (i32.const 1))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $cols)))
      (if (i32.lt_u (local.get $j) (local.get $n)) (then
        (f64.store (local.get $dst) (f64.load (local.get $src)))
        (f64.store offset=8 (local.get $dst) (f64.load (i32.add (local.get $src) (local.get $nb))))))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $rows)))
    (if (i32.lt_u (local.get $i) (local.get $m)) (then
      (local.set $src (i32.add (local.get $B) (i32.mul (local.get $i) (local.get $nb))))
      (local.set $dst (i32.add (local.get $Bt) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $j (i32.const 0))
      (block $lastDone (loop $last
        (br_if $lastDone (i32.ge_u (local.get $j) (local.get $n)))
        (f64.store (local.get $dst) (f64.load (local.get $src)))
        (local.set $src (i32.add (local.get $src) (i32.const 8)))
        (local.set $dst (i32.add (local.get $dst) (local.get $mb)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $last)))))
  )
)
