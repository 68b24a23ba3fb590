;; The reduced-rank distances ‖W − W^{k,*}‖²_F, k = 0 … r (GBL §3's reduced-rank solutions; spec §4):
;; src/core/theory/reducedRank.ts reducedRankDistancesOf on f64x2 — the rank-one terms subtracted from
;; one copy of W in turn, blockRows rows of W at a time, each row's new ‖·‖² summed in four partial
;; sums over b ≡ 0…3 (mod 4) (lanes (s0, s1) and (s2, s3) of two accumulators), the last p mod 4
;; terms into s0, added as (s0 + s1) + (s2 + s3) (gemm.ts dot4's order); x − α·v rounded as JS rounds
;; it (no fma); a row whose left entry is ±0 keeps its norm. The same operations in the same order,
;; so the same bits as the JS loop (its fallback and reference).
;;
;; Every pointer is a byte offset into the imported memory (env.memory): R (r×p, the terms' right
;; factors as rows), a block of rows of W and the same rows of L (the terms' left factors, d×r), rowSq
;; (a double a row) and sq (r + 1 doubles, the output).
(module
  (import "env" "memory" (memory 1))

  ;; ‖x[0…p)‖² in dot4's order
  (func $norm2 (param $x i32) (param $p i32) (result f64)
    (local $e4 i32) (local $e i32) (local $v01 v128) (local $v23 v128) (local $s0 f64) (local $t f64)
    (local.set $e (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
    (local.set $e4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $p) (i32.const -4)) (i32.const 3))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $x) (local.get $e4)))
      (local.set $v01 (f64x2.add (local.get $v01) (f64x2.mul (v128.load (local.get $x)) (v128.load (local.get $x)))))
      (local.set $v23 (f64x2.add (local.get $v23) (f64x2.mul (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $x)))))
      (local.set $x (i32.add (local.get $x) (i32.const 32)))
      (br $l)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $v01)))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $x) (local.get $e)))
      (local.set $t (f64.load (local.get $x)))
      (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $t) (local.get $t))))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br $l1)))
    (f64.add (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $v01)))
      (f64.add (f64x2.extract_lane 0 (local.get $v23)) (f64x2.extract_lane 1 (local.get $v23)))))

  ;; x[0…p) ← x − α·v, and its new ‖·‖² in dot4's order
  (func $subNorm2 (param $x i32) (param $a f64) (param $v i32) (param $p i32) (result f64)
    (local $e4 i32) (local $e i32) (local $va v128) (local $y01 v128) (local $y23 v128) (local $v01 v128) (local $v23 v128) (local $s0 f64) (local $t f64)
    (local.set $va (f64x2.splat (local.get $a)))
    (local.set $e (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
    (local.set $e4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $p) (i32.const -4)) (i32.const 3))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $x) (local.get $e4)))
      (local.set $y01 (f64x2.sub (v128.load (local.get $x)) (f64x2.mul (local.get $va) (v128.load (local.get $v)))))
      (local.set $y23 (f64x2.sub (v128.load offset=16 (local.get $x)) (f64x2.mul (local.get $va) (v128.load offset=16 (local.get $v)))))
      (v128.store (local.get $x) (local.get $y01))
      (v128.store offset=16 (local.get $x) (local.get $y23))
      (local.set $v01 (f64x2.add (local.get $v01) (f64x2.mul (local.get $y01) (local.get $y01))))
      (local.set $v23 (f64x2.add (local.get $v23) (f64x2.mul (local.get $y23) (local.get $y23))))
      (local.set $x (i32.add (local.get $x) (i32.const 32)))
      (local.set $v (i32.add (local.get $v) (i32.const 32)))
      (br $l)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $v01)))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $x) (local.get $e)))
      (local.set $t (f64.sub (f64.load (local.get $x)) (f64.mul (local.get $a) (f64.load (local.get $v)))))
      (f64.store (local.get $x) (local.get $t))
      (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $t) (local.get $t))))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (local.set $v (i32.add (local.get $v) (i32.const 8)))
      (br $l1)))
    (f64.add (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $v01)))
      (f64.add (f64x2.extract_lane 0 (local.get $v23)) (f64x2.extract_lane 1 (local.get $v23)))))

  ;; One block of rows: block (rows×p) holds rows a0… of W, Lb (rows×r) the same rows of L; the rows'
  ;; ‖·‖² go to rowSq, sq[0] += each, then term j subtracted from every row in turn, sq[j + 1] += each
  ;; row's new ‖·‖² (the caller zeroes sq once and copies each block in: reducedRank.ts's loop).
  (func (export "distancesBlock") (param $Lb i32) (param $R i32) (param $block i32) (param $rows i32) (param $p i32) (param $r i32)
                (param $rowSq i32) (param $sq i32)
    (local $t i32) (local $j i32) (local $rowb i32) (local $x f64) (local $o i32)
    (local.set $rowb (i32.shl (local.get $p) (i32.const 3)))
    (block $dt (loop $lt
      (br_if $dt (i32.ge_s (local.get $t) (local.get $rows)))
      (local.set $o (i32.add (local.get $rowSq) (i32.shl (local.get $t) (i32.const 3))))
      (f64.store (local.get $o) (call $norm2 (i32.add (local.get $block) (i32.mul (local.get $t) (local.get $rowb))) (local.get $p)))
      (f64.store (local.get $sq) (f64.add (f64.load (local.get $sq)) (f64.load (local.get $o))))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $lt)))
    (block $dj (loop $lj
      (br_if $dj (i32.ge_s (local.get $j) (local.get $r)))
      (local.set $t (i32.const 0))
      (block $dt2 (loop $lt2
        (br_if $dt2 (i32.ge_s (local.get $t) (local.get $rows)))
        (local.set $o (i32.add (local.get $rowSq) (i32.shl (local.get $t) (i32.const 3))))
        (local.set $x (f64.load (i32.add (local.get $Lb) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $r)) (local.get $j)) (i32.const 3)))))
        (if (f64.ne (local.get $x) (f64.const 0))
          (then (f64.store (local.get $o) (call $subNorm2 (i32.add (local.get $block) (i32.mul (local.get $t) (local.get $rowb))) (local.get $x)
            (i32.add (local.get $R) (i32.mul (local.get $j) (local.get $rowb))) (local.get $p)))))
        (f64.store offset=8 (i32.add (local.get $sq) (i32.shl (local.get $j) (i32.const 3)))
          (f64.add (f64.load offset=8 (i32.add (local.get $sq) (i32.shl (local.get $j) (i32.const 3)))) (f64.load (local.get $o))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $lt2)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $lj))))
)
