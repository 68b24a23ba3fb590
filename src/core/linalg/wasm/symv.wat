;; y = S x for a symmetric n×n S read from its lower triangle only (BLAS dsymv, lower; Golub & Van
;; Loan, Matrix Computations 4th ed., §1.2.7 on symmetric storage): row r gives its dot with
;; x[0 … r−1] and, through the symmetry, S[r][c]·x[r] to y[c] for c < r — each entry of the triangle
;; read once, half the traffic of a general product over the whole matrix. The same operations in the
;; same order as the JS loop in src/core/linalg/symv.ts (the dot in two lanes, even and odd c, an odd
;; last c added to the even lane; no fma), so the bits are the same.
;;
;; Every pointer is a byte offset into the imported memory (env.memory), as in gemm.wat; S[r][c] at
;; S + (r·ld + c)·8.
(module
  (import "env" "memory" (memory 1))

  (func (export "symv") (param $S i32) (param $ld i32) (param $n i32) (param $x i32) (param $y i32)
    (local $r i32) (local $row i32) (local $pc i32) (local $py i32) (local $px i32) (local $end i32) (local $end2 i32)
    (local $xr f64) (local $a0 f64) (local $a1 f64) (local $s f64)
    (local $vacc v128) (local $vxr v128) (local $vs v128)
    ;; y = 0
    (local.set $py (local.get $y))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 3))))
    (block $z (loop $zl
      (br_if $z (i32.ge_u (local.get $py) (local.get $end)))
      (f64.store (local.get $py) (f64.const 0))
      (local.set $py (i32.add (local.get $py) (i32.const 8)))
      (br $zl)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $row (i32.add (local.get $S) (i32.shl (i32.mul (local.get $r) (local.get $ld)) (i32.const 3))))
      (local.set $xr (f64.load (i32.add (local.get $x) (i32.shl (local.get $r) (i32.const 3)))))
      (local.set $vxr (f64x2.splat (local.get $xr)))
      (local.set $vacc (f64x2.splat (f64.const 0)))
      (local.set $pc (local.get $row))
      (local.set $px (local.get $x))
      (local.set $py (local.get $y))
      (local.set $end (i32.add (local.get $row) (i32.shl (local.get $r) (i32.const 3)))) ;; S[r][r]
      (local.set $end2 (i32.sub (local.get $end) (i32.const 8)))
      ;; c, c + 1 < r
      (block $pairsDone (loop $pairs
        (br_if $pairsDone (i32.ge_s (local.get $pc) (local.get $end2)))
        (local.set $vs (v128.load (local.get $pc)))
        (local.set $vacc (f64x2.add (local.get $vacc) (f64x2.mul (local.get $vs) (v128.load (local.get $px)))))
        (v128.store (local.get $py) (f64x2.add (v128.load (local.get $py)) (f64x2.mul (local.get $vs) (local.get $vxr))))
        (local.set $pc (i32.add (local.get $pc) (i32.const 16)))
        (local.set $px (i32.add (local.get $px) (i32.const 16)))
        (local.set $py (i32.add (local.get $py) (i32.const 16)))
        (br $pairs)))
      (local.set $a0 (f64x2.extract_lane 0 (local.get $vacc)))
      (local.set $a1 (f64x2.extract_lane 1 (local.get $vacc)))
      ;; an odd last c < r: into the even lane
      (if (i32.lt_u (local.get $pc) (local.get $end))
        (then
          (local.set $s (f64.load (local.get $pc)))
          (local.set $a0 (f64.add (local.get $a0) (f64.mul (local.get $s) (f64.load (local.get $px)))))
          (f64.store (local.get $py) (f64.add (f64.load (local.get $py)) (f64.mul (local.get $s) (local.get $xr))))))
      ;; y[r] += (a0 + a1) + S[r][r]·x[r]
      (local.set $py (i32.add (local.get $y) (i32.shl (local.get $r) (i32.const 3))))
      (f64.store (local.get $py)
        (f64.add (f64.load (local.get $py))
          (f64.add (f64.add (local.get $a0) (local.get $a1)) (f64.mul (f64.load (local.get $end)) (local.get $xr)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
  )
)
