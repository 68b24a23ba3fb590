;; f64x2 kernel for the unblocked Householder bidiagonalization, values only (Golub & Van Loan,
;; Matrix Computations 4th ed., Alg. 5.4.2): src/core/linalg/bidiagonalize.ts's bidiagonalizeUnblocked
;; with keep = false, the same floating-point operations in the same order per entry, so the results
;; agree bit for bit (no fma; f64x2.mul/add/sub round like f64.mul/add/sub): the norms are scalar sums
;; in order, w = β vᵀA and the rank-one updates are elementwise, the dot with the right reflector is
;; four partial sums (j mod 4) added as (t0 + t2) + (t1 + t3), then the last R mod 4 terms in turn;
;; w = β vᵀA as β (z − α A[k][k+1…]) with z = xᵀA summed row by row in the pass of the step before.
;;
;; A column or row with ‖x‖² < 2^-968 gets no reflector (bidiagonalize.ts NEGLIGIBLE2).
;;
;; Every pointer is a byte offset into the imported memory (env.memory), as in gemm.wat.
(module
  (import "env" "memory" (memory 1))

  ;; y[0…len) += a·x[0…len)
  (func $axpy (param $y i32) (param $x i32) (param $a f64) (param $len i32)
    (local $e i32) (local $e2 i32) (local $va v128)
    (local.set $va (f64x2.splat (local.get $a)))
    (local.set $e (i32.add (local.get $y) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $e2 (i32.sub (local.get $e) (i32.const 8)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $y) (local.get $e2)))
      (v128.store (local.get $y) (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $va) (v128.load (local.get $x)))))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $l)))
    (if (i32.lt_u (local.get $y) (local.get $e))
      (then (f64.store (local.get $y) (f64.add (f64.load (local.get $y)) (f64.mul (local.get $a) (f64.load (local.get $x))))))))

  ;; y[0…len) −= a·x[0…len)
  (func $axmy (param $y i32) (param $x i32) (param $a f64) (param $len i32)
    (local $e i32) (local $e2 i32) (local $va v128)
    (local.set $va (f64x2.splat (local.get $a)))
    (local.set $e (i32.add (local.get $y) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $e2 (i32.sub (local.get $e) (i32.const 8)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $y) (local.get $e2)))
      (v128.store (local.get $y) (f64x2.sub (v128.load (local.get $y)) (f64x2.mul (local.get $va) (v128.load (local.get $x)))))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $l)))
    (if (i32.lt_u (local.get $y) (local.get $e))
      (then (f64.store (local.get $y) (f64.sub (f64.load (local.get $y)) (f64.mul (local.get $a) (f64.load (local.get $x))))))))

  ;; a[0…len) −= c·x[0…len), then z[j] += a_0·a_j for j = 1…len−1 in the same pass (bidiagonalize.ts updateAndSum)
  (func $axmyZ (param $a i32) (param $x i32) (param $c f64) (param $z i32) (param $len i32)
    (local $a0 f64) (local $e i32) (local $e2 i32) (local $vc v128) (local $v0 v128) (local $t v128) (local $s f64)
    (local.set $a0 (f64.sub (f64.load (local.get $a)) (f64.mul (local.get $c) (f64.load (local.get $x)))))
    (f64.store (local.get $a) (local.get $a0))
    (if (f64.eq (local.get $a0) (f64.const 0)) (then
      (call $axmy (i32.add (local.get $a) (i32.const 8)) (i32.add (local.get $x) (i32.const 8)) (local.get $c) (i32.sub (local.get $len) (i32.const 1)))
      (return)))
    (local.set $vc (f64x2.splat (local.get $c)))
    (local.set $v0 (f64x2.splat (local.get $a0)))
    (local.set $e (i32.add (local.get $a) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $e2 (i32.sub (local.get $e) (i32.const 8)))
    (local.set $a (i32.add (local.get $a) (i32.const 8)))
    (local.set $x (i32.add (local.get $x) (i32.const 8)))
    (local.set $z (i32.add (local.get $z) (i32.const 8)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $a) (local.get $e2)))
      (local.set $t (f64x2.sub (v128.load (local.get $a)) (f64x2.mul (local.get $vc) (v128.load (local.get $x)))))
      (v128.store (local.get $a) (local.get $t))
      (v128.store (local.get $z) (f64x2.add (v128.load (local.get $z)) (f64x2.mul (local.get $v0) (local.get $t))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $z (i32.add (local.get $z) (i32.const 16)))
      (br $l)))
    (if (i32.lt_u (local.get $a) (local.get $e)) (then
      (local.set $s (f64.sub (f64.load (local.get $a)) (f64.mul (local.get $c) (f64.load (local.get $x)))))
      (f64.store (local.get $a) (local.get $s))
      (f64.store (local.get $z) (f64.add (f64.load (local.get $z)) (f64.mul (local.get $a0) (local.get $s)))))))

  ;; z[j] += a_0·a_j for j = 1…len−1 (a row no update touched)
  (func $sumRow (param $a i32) (param $z i32) (param $len i32)
    (local $a0 f64)
    (local.set $a0 (f64.load (local.get $a)))
    (if (f64.ne (local.get $a0) (f64.const 0))
      (then (call $axpy (i32.add (local.get $z) (i32.const 8)) (i32.add (local.get $a) (i32.const 8)) (local.get $a0) (i32.sub (local.get $len) (i32.const 1))))))

  ;; w[0…len) = (z − α·a)·β
  (func $wFromZ (param $w i32) (param $z i32) (param $a i32) (param $alpha f64) (param $beta f64) (param $len i32)
    (local $e i32) (local $e2 i32) (local $va v128) (local $vb v128)
    (local.set $va (f64x2.splat (local.get $alpha)))
    (local.set $vb (f64x2.splat (local.get $beta)))
    (local.set $e (i32.add (local.get $w) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $e2 (i32.sub (local.get $e) (i32.const 8)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $w) (local.get $e2)))
      (v128.store (local.get $w) (f64x2.mul (f64x2.sub (v128.load (local.get $z)) (f64x2.mul (local.get $va) (v128.load (local.get $a)))) (local.get $vb)))
      (local.set $w (i32.add (local.get $w) (i32.const 16)))
      (local.set $z (i32.add (local.get $z) (i32.const 16)))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (br $l)))
    (if (i32.lt_u (local.get $w) (local.get $e))
      (then (f64.store (local.get $w) (f64.mul (f64.sub (f64.load (local.get $z)) (f64.mul (local.get $alpha) (f64.load (local.get $a)))) (local.get $beta))))))

  ;; x_j = a_j − vi·w_j (stored back; a_j itself when $viz = 0), returns Σ x_j u_j in bidiagonalize.ts's order
  (func $fusedDot (param $a i32) (param $w i32) (param $u i32) (param $vi f64) (param $viz i32) (param $len i32) (result f64)
    (local $e i32) (local $e4 i32) (local $vv v128) (local $x01 v128) (local $x23 v128)
    (local $acc01 v128) (local $acc23 v128) (local $t f64) (local $x f64)
    (local.set $vv (f64x2.splat (local.get $vi)))
    (local.set $e (i32.add (local.get $a) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $e4 (i32.sub (local.get $e) (i32.const 24)))
    (local.set $acc01 (v128.const f64x2 0 0))
    (local.set $acc23 (v128.const f64x2 0 0))
    (block $d (loop $l
      (br_if $d (i32.ge_s (local.get $a) (local.get $e4)))
      (local.set $x01 (v128.load (local.get $a)))
      (local.set $x23 (v128.load offset=16 (local.get $a)))
      (if (local.get $viz) (then
        (local.set $x01 (f64x2.sub (local.get $x01) (f64x2.mul (local.get $vv) (v128.load (local.get $w)))))
        (local.set $x23 (f64x2.sub (local.get $x23) (f64x2.mul (local.get $vv) (v128.load offset=16 (local.get $w)))))
        (v128.store (local.get $a) (local.get $x01))
        (v128.store offset=16 (local.get $a) (local.get $x23))))
      (local.set $acc01 (f64x2.add (local.get $acc01) (f64x2.mul (local.get $x01) (v128.load (local.get $u)))))
      (local.set $acc23 (f64x2.add (local.get $acc23) (f64x2.mul (local.get $x23) (v128.load offset=16 (local.get $u)))))
      (local.set $a (i32.add (local.get $a) (i32.const 32)))
      (local.set $w (i32.add (local.get $w) (i32.const 32)))
      (local.set $u (i32.add (local.get $u) (i32.const 32)))
      (br $l)))
    (local.set $acc01 (f64x2.add (local.get $acc01) (local.get $acc23)))
    (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $acc01)) (f64x2.extract_lane 1 (local.get $acc01))))
    (block $d2 (loop $l2
      (br_if $d2 (i32.ge_u (local.get $a) (local.get $e)))
      (local.set $x (f64.load (local.get $a)))
      (if (local.get $viz) (then
        (local.set $x (f64.sub (local.get $x) (f64.mul (local.get $vi) (f64.load (local.get $w)))))
        (f64.store (local.get $a) (local.get $x))))
      (local.set $t (f64.add (local.get $t) (f64.mul (local.get $x) (f64.load (local.get $u)))))
      (local.set $a (i32.add (local.get $a) (i32.const 8)))
      (local.set $w (i32.add (local.get $w) (i32.const 8)))
      (local.set $u (i32.add (local.get $u) (i32.const 8)))
      (br $l2)))
    (local.get $t))

  ;; Σ x_i² over len entries of x, stride bytes apart, in order
  (func $sumsq (param $x i32) (param $stride i32) (param $len i32) (result f64)
    (local $s f64) (local $i i32) (local $y f64)
    (block $d (loop $l
      (br_if $d (i32.ge_s (local.get $i) (local.get $len)))
      (local.set $y (f64.load (local.get $x)))
      (local.set $s (f64.add (local.get $s) (f64.mul (local.get $y) (local.get $y))))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $s))

  ;; Σ v[i]·x[i], i < len, as gemm.ts dot4 sums it: four partial sums over i ≡ 0…3 (mod 4) — lanes
  ;; (s0, s1) and (s2, s3) — the last len mod 4 terms into s0 in turn, added as (s0 + s1) + (s2 + s3)
  (func $dot4 (param $v i32) (param $x i32) (param $len i32) (result f64)
    (local $e4 i32) (local $e i32) (local $a01 v128) (local $a23 v128) (local $s0 f64)
    (local.set $e4 (i32.add (local.get $v) (i32.shl (i32.and (local.get $len) (i32.const -4)) (i32.const 3))))
    (local.set $e (i32.add (local.get $v) (i32.shl (local.get $len) (i32.const 3))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $v) (local.get $e4)))
      (local.set $a01 (f64x2.add (local.get $a01) (f64x2.mul (v128.load (local.get $v)) (v128.load (local.get $x)))))
      (local.set $a23 (f64x2.add (local.get $a23) (f64x2.mul (v128.load offset=16 (local.get $v)) (v128.load offset=16 (local.get $x)))))
      (local.set $v (i32.add (local.get $v) (i32.const 32)))
      (local.set $x (i32.add (local.get $x) (i32.const 32)))
      (br $l)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $a01)))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $v) (local.get $e)))
      (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $v)) (f64.load (local.get $x)))))
      (local.set $v (i32.add (local.get $v) (i32.const 8)))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br $l1)))
    (f64.add (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $a01)))
             (f64.add (f64x2.extract_lane 0 (local.get $a23)) (f64x2.extract_lane 1 (local.get $a23)))))

  ;; A bidiagonalization's reflectors taken back over q vectors (topSingularVectors.ts: u = U_b y,
  ;; v = V_b x): for j = K−1 down to 0 and every t < q, x_t[s+j…) ← (I − β_j v_j v_jᵀ) x_t[s+j…),
  ;; β_j v_jᵀx by $dot4, then x −= (β_j v_jᵀx)·v_j; x_t at X + 8·t·xlen; v_j (len0 − j doubles) at
  ;; V + 8(j·len0 − j(j−1)/2), packed; β_j at B + 8j (0: no reflector). The JS loop's operations in its order.
  (func (export "applyReflectors") (param $V i32) (param $B i32) (param $K i32) (param $len0 i32) (param $s i32)
                                   (param $X i32) (param $q i32) (param $xlen i32)
    (local $j i32) (local $t i32) (local $v i32) (local $len i32) (local $x i32) (local $beta f64) (local $tau f64)
    (local.set $j (i32.sub (local.get $K) (i32.const 1)))
    (block $dj (loop $lj
      (br_if $dj (i32.lt_s (local.get $j) (i32.const 0)))
      (local.set $beta (f64.load (i32.add (local.get $B) (i32.shl (local.get $j) (i32.const 3)))))
      (if (f64.ne (local.get $beta) (f64.const 0))
        (then
          (local.set $v (i32.add (local.get $V) (i32.shl
            (i32.sub (i32.mul (local.get $j) (local.get $len0)) (i32.shr_s (i32.mul (local.get $j) (i32.sub (local.get $j) (i32.const 1))) (i32.const 1)))
            (i32.const 3))))
          (local.set $len (i32.sub (local.get $len0) (local.get $j)))
          (local.set $t (i32.const 0))
          (block $dt (loop $lt
            (br_if $dt (i32.ge_s (local.get $t) (local.get $q)))
            (local.set $x (i32.add (local.get $X) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $xlen)) (i32.add (local.get $s) (local.get $j))) (i32.const 3))))
            (local.set $tau (f64.mul (local.get $beta) (call $dot4 (local.get $v) (local.get $x) (local.get $len))))
            (call $axmy (local.get $x) (local.get $v) (local.get $tau) (local.get $len))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $lt)))))
      (local.set $j (i32.sub (local.get $j) (i32.const 1)))
      (br $lj))))

  ;; B = U_bᵀ A V_b of the m×n (m ≥ n) row-major A (overwritten): diagonal into d[0…n), superdiagonal
  ;; into e[0…n−1), e[n−1] = 0. Scratch: w (n doubles), v (m), u (n), z (n). With $keep ≠ 0, the reflectors
  ;; as bidiagonalize.ts keeps them: v_k (m−k doubles) one after another from $lv, β_k at $lb + 8k,
  ;; u_k (n−k−1 doubles, k < n−1) from $rv, their β at $rbk + 8k.
  (func (export "bidiagonalize") (param $A i32) (param $m i32) (param $n i32) (param $d i32) (param $e i32) (param $w i32) (param $v i32) (param $u i32)
    (param $keep i32) (param $lv i32) (param $lb i32) (param $rv i32) (param $rbk i32) (param $z i32)
    (local $zFor i32) (local $zk i32) (local $xi f64)
    (local $k i32) (local $L i32) (local $R i32) (local $i i32) (local $rowBytes i32)
    (local $col i32) (local $p i32) (local $r i32) (local $wk i32)
    (local $x f64) (local $norm2 f64) (local $norm f64) (local $alpha f64) (local $vn f64) (local $beta f64)
    (local $rb f64) (local $vi f64) (local $t f64) (local $v0 f64)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 3)))
    (local.set $zFor (i32.const -1))
    (block $kdone (loop $kloop
      (br_if $kdone (i32.ge_s (local.get $k) (local.get $n)))
      ;; ---- left reflector zeroing A[k+1…m−1][k]: v = A[k…, k]
      (local.set $L (i32.sub (local.get $m) (local.get $k)))
      (local.set $col (i32.add (local.get $A) (i32.add (i32.mul (local.get $k) (local.get $rowBytes)) (i32.shl (local.get $k) (i32.const 3)))))
      (local.set $norm2 (f64.const 0))
      (local.set $i (i32.const 0))
      (local.set $p (local.get $col))
      (block $vd (loop $vl
        (br_if $vd (i32.ge_s (local.get $i) (local.get $L)))
        (local.set $x (f64.load (local.get $p)))
        (f64.store (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3))) (local.get $x))
        (local.set $norm2 (f64.add (local.get $norm2) (f64.mul (local.get $x) (local.get $x))))
        (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $vl)))
      (local.set $beta (f64.const 0))
      (local.set $R (i32.sub (i32.sub (local.get $n) (local.get $k)) (i32.const 1)))
      (local.set $wk (i32.add (local.get $w) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 3))))
      (local.set $zk (i32.add (local.get $z) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 3))))
      (if (i32.and (f64.ge (local.get $norm2) (f64.const 0x1p-968)) (i32.gt_s (local.get $L) (i32.const 1)))
        (then
          (if (i32.ne (local.get $zFor) (local.get $k)) (then
            ;; z = xᵀ A[k…, k+1…] (only at k = 0)
            (memory.fill (local.get $zk) (i32.const 0) (i32.shl (local.get $R) (i32.const 3)))
            (local.set $i (i32.const 0))
            (local.set $r (i32.add (local.get $col) (i32.const 8)))
            (block $zd (loop $zl
              (br_if $zd (i32.ge_s (local.get $i) (local.get $L)))
              (local.set $xi (f64.load (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3)))))
              (if (f64.ne (local.get $xi) (f64.const 0))
                (then (call $axpy (local.get $zk) (local.get $r) (local.get $xi) (local.get $R))))
              (local.set $r (i32.add (local.get $r) (local.get $rowBytes)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $zl)))))
          (local.set $norm (f64.sqrt (local.get $norm2)))
          (local.set $v0 (f64.load (local.get $v)))
          (local.set $alpha (select (f64.neg (local.get $norm)) (local.get $norm) (f64.ge (local.get $v0) (f64.const 0))))
          (f64.store (local.get $v) (f64.sub (local.get $v0) (local.get $alpha)))
          (local.set $vn (call $sumsq (local.get $v) (i32.const 8) (local.get $L)))
          (local.set $beta (select (f64.div (f64.const 2) (local.get $vn)) (f64.const 0) (f64.gt (local.get $vn) (f64.const 0))))
          (f64.store (i32.add (local.get $d) (i32.shl (local.get $k) (i32.const 3))) (local.get $alpha))
          ;; w[k+1…] = β vᵀ A[k…, k+1…] = β (z − α A[k][k+1…])
          (call $wFromZ (local.get $wk) (local.get $zk) (i32.add (local.get $col) (i32.const 8)) (local.get $alpha) (local.get $beta) (local.get $R))
          ;; row k first: it defines the right reflector
          (call $axmy (i32.add (local.get $col) (i32.const 8)) (local.get $wk) (f64.load (local.get $v)) (local.get $R)))
        (else
          (f64.store (i32.add (local.get $d) (i32.shl (local.get $k) (i32.const 3))) (f64.load (local.get $v)))))
      (if (local.get $keep) (then
        (memory.copy (local.get $lv) (local.get $v) (i32.shl (local.get $L) (i32.const 3)))
        (local.set $lv (i32.add (local.get $lv) (i32.shl (local.get $L) (i32.const 3))))
        (f64.store (i32.add (local.get $lb) (i32.shl (local.get $k) (i32.const 3))) (local.get $beta))))
      ;; ---- right reflector zeroing A[k][k+2…n−1]: u = A[k][k+1…]
      (local.set $rb (f64.const 0))
      (if (i32.lt_s (local.get $k) (i32.sub (local.get $n) (i32.const 1)))
        (then
          (memory.copy (local.get $u) (i32.add (local.get $col) (i32.const 8)) (i32.shl (local.get $R) (i32.const 3)))
          (local.set $norm2 (call $sumsq (local.get $u) (i32.const 8) (local.get $R)))
          (if (i32.and (f64.ge (local.get $norm2) (f64.const 0x1p-968)) (i32.gt_s (local.get $R) (i32.const 1)))
            (then
              (local.set $norm (f64.sqrt (local.get $norm2)))
              (local.set $v0 (f64.load (local.get $u)))
              (local.set $alpha (select (f64.neg (local.get $norm)) (local.get $norm) (f64.ge (local.get $v0) (f64.const 0))))
              (f64.store (local.get $u) (f64.sub (local.get $v0) (local.get $alpha)))
              (local.set $vn (call $sumsq (local.get $u) (i32.const 8) (local.get $R)))
              (local.set $rb (select (f64.div (f64.const 2) (local.get $vn)) (f64.const 0) (f64.gt (local.get $vn) (f64.const 0))))
              (f64.store (i32.add (local.get $e) (i32.shl (local.get $k) (i32.const 3))) (local.get $alpha)))
            (else
              (f64.store (i32.add (local.get $e) (i32.shl (local.get $k) (i32.const 3))) (f64.load (local.get $u)))))
          (if (local.get $keep) (then
            (memory.copy (local.get $rv) (local.get $u) (i32.shl (local.get $R) (i32.const 3)))
            (local.set $rv (i32.add (local.get $rv) (i32.shl (local.get $R) (i32.const 3))))
            (f64.store (i32.add (local.get $rbk) (i32.shl (local.get $k) (i32.const 3))) (local.get $rb))))))
      ;; ---- rows k+1…: the left update and the dot with u in one pass, then the right update, then
      ;; z += A[i][k+1] A[i][k+2…] for the next step
      (if (i32.lt_s (i32.add (local.get $k) (i32.const 1)) (local.get $n))
        (then
          (memory.fill (i32.add (local.get $zk) (i32.const 8)) (i32.const 0) (i32.shl (i32.sub (local.get $R) (i32.const 1)) (i32.const 3)))
          (local.set $zFor (i32.add (local.get $k) (i32.const 1)))
          (local.set $i (i32.add (local.get $k) (i32.const 1)))
          (local.set $r (i32.add (local.get $col) (i32.add (local.get $rowBytes) (i32.const 8))))
          (block $rd (loop $rl
            (br_if $rd (i32.ge_s (local.get $i) (local.get $m)))
            (local.set $vi (select (f64.load (i32.add (local.get $v) (i32.shl (i32.sub (local.get $i) (local.get $k)) (i32.const 3)))) (f64.const 0) (f64.ne (local.get $beta) (f64.const 0))))
            (if (f64.ne (local.get $rb) (f64.const 0))
              (then
                (local.set $t (f64.mul (call $fusedDot (local.get $r) (local.get $wk) (local.get $u) (local.get $vi) (f64.ne (local.get $vi) (f64.const 0)) (local.get $R)) (local.get $rb)))
                (if (f64.ne (local.get $t) (f64.const 0))
                  (then (call $axmyZ (local.get $r) (local.get $u) (local.get $t) (local.get $zk) (local.get $R)))
                  (else (call $sumRow (local.get $r) (local.get $zk) (local.get $R)))))
              (else
                (if (f64.ne (local.get $vi) (f64.const 0))
                  (then (call $axmyZ (local.get $r) (local.get $wk) (local.get $vi) (local.get $zk) (local.get $R)))
                  (else (call $sumRow (local.get $r) (local.get $zk) (local.get $R))))))
            (local.set $r (i32.add (local.get $r) (local.get $rowBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rl)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $kloop)))
    (f64.store (i32.add (local.get $e) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 3))) (f64.const 0)))
)
