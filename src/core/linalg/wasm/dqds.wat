;; One transform dqds(τ) of a qd array's block [i0, n0] (Parlett & Marques, "An implementation of
;; the dqds algorithm (positive case)", LAA 309, 2000, Alg. dqds; LAPACK dlasq5): (q, e) → (qn, en),
;; the d_k and their running minimum into dk, pm from `stop` on; returns 1 where some new e_k ≤
;; splitTol. The same operations in the same order as src/core/linalg/bidiagonalValues.ts's
;; `transform` (one f64.div a k, no fma; the minimum by f64.lt as `d < dmin`, so a NaN never replaces
;; it), so the same bits: the JS loop there is the fallback and this kernel's reference. Scalar on
;; purpose: the recurrence d_{k+1} = d_k·q_{k+1}/(d_k + e_k) − τ is one chain of divisions, which
;; SIMD cannot shorten; what the kernel saves is the bounds checks and the six typed-array loads a k
;; of the JS loop.
;;
;; Every pointer is a byte offset into the imported memory (env.memory), as in gemm.wat; entry k of
;; an array at p + 8k.
(module
  (import "env" "memory" (memory 1))

  (func (export "transform") (param $q i32) (param $e i32) (param $qn i32) (param $en i32) (param $dk i32) (param $pm i32)
    (param $i0 i32) (param $n0 i32) (param $stop i32) (param $tau f64) (param $splitTol f64) (result i32)
    (local $k i32) (local $o i32) (local $d f64) (local $dmin f64) (local $qh f64) (local $t f64) (local $x f64) (local $ek f64) (local $small i32)
    (local.set $d (f64.sub (f64.load (i32.add (local.get $q) (i32.shl (local.get $i0) (i32.const 3)))) (local.get $tau)))
    (local.set $dmin (local.get $d))
    (if (i32.eq (local.get $stop) (local.get $i0))
      (then
        (f64.store (i32.add (local.get $dk) (i32.shl (local.get $i0) (i32.const 3))) (local.get $d))
        (f64.store (i32.add (local.get $pm) (i32.shl (local.get $i0) (i32.const 3))) (local.get $dmin))))
    (local.set $k (local.get $i0))
    (block $done (loop $next
      (br_if $done (i32.ge_s (local.get $k) (local.get $n0)))
      (local.set $o (i32.shl (local.get $k) (i32.const 3)))
      (local.set $ek (f64.load (i32.add (local.get $e) (local.get $o))))
      ;; q̂_k = d_k + e_k; t = q_{k+1} / q̂_k; ê_k = e_k·t; d_{k+1} = d_k·t − τ
      (local.set $qh (f64.add (local.get $d) (local.get $ek)))
      (f64.store (i32.add (local.get $qn) (local.get $o)) (local.get $qh))
      (local.set $t (f64.div (f64.load offset=8 (i32.add (local.get $q) (local.get $o))) (local.get $qh)))
      (local.set $x (f64.mul (local.get $ek) (local.get $t)))
      (f64.store (i32.add (local.get $en) (local.get $o)) (local.get $x))
      (if (f64.le (local.get $x) (local.get $splitTol)) (then (local.set $small (i32.const 1))))
      (local.set $d (f64.sub (f64.mul (local.get $d) (local.get $t)) (local.get $tau)))
      (if (f64.lt (local.get $d) (local.get $dmin)) (then (local.set $dmin (local.get $d))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (if (i32.ge_s (local.get $k) (local.get $stop))
        (then
          (f64.store (i32.add (local.get $dk) (i32.add (local.get $o) (i32.const 8))) (local.get $d))
          (f64.store (i32.add (local.get $pm) (i32.add (local.get $o) (i32.const 8))) (local.get $dmin))))
      (br $next)))
    (f64.store (i32.add (local.get $qn) (i32.shl (local.get $n0) (i32.const 3))) (local.get $d))
    (f64.store (i32.add (local.get $en) (i32.shl (local.get $n0) (i32.const 3))) (f64.const 0))
    (local.get $small))
)
