;; f64x2 kernel for a sequence of plane rotations applied to rows of a row-major matrix: the
;; rotations the implicit QR/QL iterations make (Golub & Van Loan, Matrix Computations 4th ed.,
;; §5.1.8–5.1.9: a Givens rotation touches two rows; Alg. 8.3.3 and 8.6.1 apply them in turn), with
;; the same floating-point operations per entry as src/core/linalg/rotations.ts's JS loop, so the
;; results agree bit for bit (no fma; f64x2.mul/add round like f64.mul/add).
;;
;; Every pointer is a byte offset into the imported memory (env.memory), as in gemm.wat.
(module
  (import "env" "memory" (memory 1))

  ;; Rotation t (t = 0 … count−1, or count−1 … 0 when $backward ≠ 0) acts on rows a_t, b_t of X
  ;; (row r at X + r·len·8):  (x_a, x_b) ← (c x_a + s' x_b, (−s') x_a + c x_b),  s' = sgn·s.
  ;; rows: count pairs of i32 (a_t, b_t) at $rows; cs: count pairs of f64 (c_t, s_t) at $cs.
  (func $rotate (export "rotate") (param $x i32) (param $len i32) (param $rows i32) (param $cs i32) (param $count i32) (param $backward i32) (param $sgn f64)
    (local $t i32) (local $step i32) (local $pa i32) (local $pb i32) (local $end i32) (local $end2 i32)
    (local $c f64) (local $s f64) (local $ns f64) (local $xa f64) (local $xb f64)
    (local $vc v128) (local $vs v128) (local $vns v128) (local $va v128) (local $vb v128)
    (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $len) (i32.const 3)))
    (local.set $t (select (i32.sub (local.get $count) (i32.const 1)) (i32.const 0) (local.get $backward)))
    (local.set $step (select (i32.const -1) (i32.const 1) (local.get $backward)))
    (block $done (loop $next
      (br_if $done (i32.or (i32.lt_s (local.get $t) (i32.const 0)) (i32.ge_s (local.get $t) (local.get $count))))
      (local.set $pa (i32.add (local.get $x) (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $t) (i32.const 3)))) (local.get $rowBytes))))
      (local.set $pb (i32.add (local.get $x) (i32.mul (i32.load offset=4 (i32.add (local.get $rows) (i32.shl (local.get $t) (i32.const 3)))) (local.get $rowBytes))))
      (local.set $c (f64.load (i32.add (local.get $cs) (i32.shl (local.get $t) (i32.const 4)))))
      (local.set $s (f64.mul (local.get $sgn) (f64.load offset=8 (i32.add (local.get $cs) (i32.shl (local.get $t) (i32.const 4))))))
      (local.set $ns (f64.neg (local.get $s)))
      (local.set $vc (f64x2.splat (local.get $c)))
      (local.set $vs (f64x2.splat (local.get $s)))
      (local.set $vns (f64x2.splat (local.get $ns)))
      (local.set $end (i32.add (local.get $pa) (local.get $rowBytes)))
      (local.set $end2 (i32.sub (local.get $end) (i32.const 8)))
      ;; two entries at a time
      (block $tail (loop $pairs
        (br_if $tail (i32.ge_u (local.get $pa) (local.get $end2)))
        (local.set $va (v128.load (local.get $pa)))
        (local.set $vb (v128.load (local.get $pb)))
        (v128.store (local.get $pa) (f64x2.add (f64x2.mul (local.get $vc) (local.get $va)) (f64x2.mul (local.get $vs) (local.get $vb))))
        (v128.store (local.get $pb) (f64x2.add (f64x2.mul (local.get $vns) (local.get $va)) (f64x2.mul (local.get $vc) (local.get $vb))))
        (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
        (br $pairs)))
      ;; an odd last entry
      (if (i32.lt_u (local.get $pa) (local.get $end))
        (then
          (local.set $xa (f64.load (local.get $pa)))
          (local.set $xb (f64.load (local.get $pb)))
          (f64.store (local.get $pa) (f64.add (f64.mul (local.get $c) (local.get $xa)) (f64.mul (local.get $s) (local.get $xb))))
          (f64.store (local.get $pb) (f64.add (f64.mul (local.get $ns) (local.get $xa)) (f64.mul (local.get $c) (local.get $xb))))))
      (local.set $t (i32.add (local.get $t) (local.get $step)))
      (br $next)))
  )
;; The same rotations on adjacent rows (a_t, a_t + 1), kept as three arrays (a_t: i32; c_t, s_t: f64),
  ;; as the implicit QL records them (symmetricEigen.ts): no interleaved copy to make.
  (func (export "rotateAdjacent") (param $x i32) (param $len i32) (param $idx i32) (param $cv i32) (param $sv i32) (param $count i32) (param $backward i32) (param $sgn f64)
    (local $t i32) (local $step i32) (local $pa i32) (local $pb i32) (local $end i32) (local $end2 i32)
    (local $c f64) (local $s f64) (local $ns f64) (local $xa f64) (local $xb f64)
    (local $vc v128) (local $vs v128) (local $vns v128) (local $va v128) (local $vb v128)
    (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $len) (i32.const 3)))
    (local.set $t (select (i32.sub (local.get $count) (i32.const 1)) (i32.const 0) (local.get $backward)))
    (local.set $step (select (i32.const -1) (i32.const 1) (local.get $backward)))
    (block $done (loop $next
      (br_if $done (i32.or (i32.lt_s (local.get $t) (i32.const 0)) (i32.ge_s (local.get $t) (local.get $count))))
      (local.set $pa (i32.add (local.get $x) (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $t) (i32.const 2)))) (local.get $rowBytes))))
      (local.set $pb (i32.add (local.get $pa) (local.get $rowBytes)))
      (local.set $c (f64.load (i32.add (local.get $cv) (i32.shl (local.get $t) (i32.const 3)))))
      (local.set $s (f64.mul (local.get $sgn) (f64.load (i32.add (local.get $sv) (i32.shl (local.get $t) (i32.const 3))))))
      (local.set $ns (f64.neg (local.get $s)))
      (local.set $vc (f64x2.splat (local.get $c)))
      (local.set $vs (f64x2.splat (local.get $s)))
      (local.set $vns (f64x2.splat (local.get $ns)))
      (local.set $end (i32.add (local.get $pa) (local.get $rowBytes)))
      (local.set $end2 (i32.sub (local.get $end) (i32.const 8)))
      (block $tail (loop $pairs
        (br_if $tail (i32.ge_u (local.get $pa) (local.get $end2)))
        (local.set $va (v128.load (local.get $pa)))
        (local.set $vb (v128.load (local.get $pb)))
        (v128.store (local.get $pa) (f64x2.add (f64x2.mul (local.get $vc) (local.get $va)) (f64x2.mul (local.get $vs) (local.get $vb))))
        (v128.store (local.get $pb) (f64x2.add (f64x2.mul (local.get $vns) (local.get $va)) (f64x2.mul (local.get $vc) (local.get $vb))))
        (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
        (br $pairs)))
      (if (i32.lt_u (local.get $pa) (local.get $end))
        (then
          (local.set $xa (f64.load (local.get $pa)))
          (local.set $xb (f64.load (local.get $pb)))
          (f64.store (local.get $pa) (f64.add (f64.mul (local.get $c) (local.get $xa)) (f64.mul (local.get $s) (local.get $xb))))
          (f64.store (local.get $pb) (f64.add (f64.mul (local.get $ns) (local.get $xa)) (f64.mul (local.get $c) (local.get $xb))))))
      (local.set $t (i32.add (local.get $t) (local.get $step)))
      (br $next)))
  )
)
