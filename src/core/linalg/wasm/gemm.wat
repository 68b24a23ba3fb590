;; f64x2 SIMD kernels for the float64 engine: the same products as src/core/linalg/gemm.ts, with the
;; same order of floating-point operations per entry of C, so the results agree bit for bit with the
;; JS kernels (wasm has no implicit fma; f64x2.mul/add round like f64.mul/add).
;;
;; Every pointer is a byte offset into the imported memory (env.memory); matrices are row-major,
;; float64, 8-byte aligned (16-byte alignment is faster but not needed: v128.load takes any address).
;; Assembled by scripts/build-wasm.mjs (wabt) into gemmWasm.generated.ts, and with the memory
;; imported as shared (memory 1 65536 shared: threads on one memory, gemmTeam.ts) into
;; gemmSharedWasm.generated.ts.
(module
  (import "env" "memory" (memory 1))

  ;; C[0..n) = 0
  (func $zero (param $p i32) (param $n i32)
    (local $e i32)
    (local.set $e (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $d (loop $z
      (br_if $d (i32.ge_u (local.get $p) (local.get $e)))
      (f64.store (local.get $p) (f64.const 0))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $z))))

  ;; C (m×n) = op(A) · B, B (k×n) row-major; op(A)[i][l] lives at A + i·sai + l·sal (bytes):
  ;; sai = 8k, sal = 8 for A (m×k) (gemm); sai = 8, sal = 8m for A (k×m) transposed (gemmTN).
  ;; As gemm.ts: per entry, C = a0·b0 + a1·b1 + a2·b2 + a3·b3 (left to right) for l = 0…3, then
  ;; C += (a0·b0 + a1·b1 + a2·b2 + a3·b3) per further block of four l, then C += a·b per left-over l
  ;; (C = 0 first when k < 4). Two rows of C per pass share the loads of B; pairs of columns are
  ;; one f64x2 each, an odd last column is scalar. $acc ≠ 0: C += every block of four l (then the
  ;; left-over l) — the rest of a sum whose first l came in an earlier call ($gemm_k).
  (func $gemm_s (param $A i32) (param $B i32) (param $C i32) (param $m i32) (param $k i32) (param $n i32)
                (param $sai i32) (param $sal i32) (param $acc i32)
    (local $rowb i32) (local $rowb4 i32) (local $nvb i32) (local $nvb2 i32) (local $odd i32)
    (local $sal2 i32) (local $sal3 i32) (local $sal4 i32)
    (local $i i32) (local $l i32) (local $j i32)
    (local $c0 i32) (local $c1 i32) (local $q0 i32) (local $q1 i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $a00 v128) (local $a01 v128) (local $a02 v128) (local $a03 v128)
    (local $a10 v128) (local $a11 v128) (local $a12 v128) (local $a13 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local.set $rowb (i32.shl (local.get $n) (i32.const 3)))
    (local.set $rowb4 (i32.shl (local.get $n) (i32.const 5)))
    (local.set $nvb (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (local.set $nvb2 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3)))
    (local.set $odd (i32.and (local.get $n) (i32.const 1)))
    (local.set $sal2 (i32.shl (local.get $sal) (i32.const 1)))
    (local.set $sal3 (i32.add (local.get $sal2) (local.get $sal)))
    (local.set $sal4 (i32.shl (local.get $sal) (i32.const 2)))
    (local.set $i (i32.const 0))
    ;; two rows of C at a time
    (block $rows2done
      (loop $rows2
        (br_if $rows2done (i32.gt_s (i32.add (local.get $i) (i32.const 2)) (local.get $m)))
        (local.set $c0 (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $rowb))))
        (local.set $c1 (i32.add (local.get $c0) (local.get $rowb)))
        (local.set $q0 (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $sai))))
        (local.set $q1 (i32.add (local.get $q0) (local.get $sai)))
        (local.set $b0 (local.get $B))
        (local.set $b1 (i32.add (local.get $b0) (local.get $rowb)))
        (local.set $b2 (i32.add (local.get $b1) (local.get $rowb)))
        (local.set $b3 (i32.add (local.get $b2) (local.get $rowb)))
        (local.set $l (i32.const 0))
        (if (i32.and (i32.eqz (local.get $acc)) (i32.ge_s (local.get $k) (i32.const 4)))
          (then
            (local.set $a00 (v128.load64_splat (local.get $q0)))
            (local.set $a01 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal))))
            (local.set $a02 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal2))))
            (local.set $a03 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal3))))
            (local.set $a10 (v128.load64_splat (local.get $q1)))
            (local.set $a11 (v128.load64_splat (i32.add (local.get $q1) (local.get $sal))))
            (local.set $a12 (v128.load64_splat (i32.add (local.get $q1) (local.get $sal2))))
            (local.set $a13 (v128.load64_splat (i32.add (local.get $q1) (local.get $sal3))))
            (local.set $j (i32.const 0))
            (if (local.get $nvb) (then (loop $v
              (local.set $t0 (v128.load (i32.add (local.get $b0) (local.get $j))))
              (local.set $t1 (v128.load (i32.add (local.get $b1) (local.get $j))))
              (local.set $t2 (v128.load (i32.add (local.get $b2) (local.get $j))))
              (local.set $t3 (v128.load (i32.add (local.get $b3) (local.get $j))))
              (v128.store (i32.add (local.get $c0) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a00) (local.get $t0)) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3))))
              (v128.store (i32.add (local.get $c1) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a10) (local.get $t0)) (f64x2.mul (local.get $a11) (local.get $t1))) (f64x2.mul (local.get $a12) (local.get $t2))) (f64x2.mul (local.get $a13) (local.get $t3))))
              (br_if $v (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $nvb))))))
            (if (local.get $odd) (then
              (local.set $s0 (f64.load (i32.add (local.get $b0) (local.get $nvb))))
              (local.set $s1 (f64.load (i32.add (local.get $b1) (local.get $nvb))))
              (local.set $s2 (f64.load (i32.add (local.get $b2) (local.get $nvb))))
              (local.set $s3 (f64.load (i32.add (local.get $b3) (local.get $nvb))))
              (f64.store (i32.add (local.get $c0) (local.get $nvb)) (f64.add (f64.add (f64.add (f64.mul (f64x2.extract_lane 0 (local.get $a00)) (local.get $s0)) (f64.mul (f64x2.extract_lane 0 (local.get $a01)) (local.get $s1))) (f64.mul (f64x2.extract_lane 0 (local.get $a02)) (local.get $s2))) (f64.mul (f64x2.extract_lane 0 (local.get $a03)) (local.get $s3))))
              (f64.store (i32.add (local.get $c1) (local.get $nvb)) (f64.add (f64.add (f64.add (f64.mul (f64x2.extract_lane 0 (local.get $a10)) (local.get $s0)) (f64.mul (f64x2.extract_lane 0 (local.get $a11)) (local.get $s1))) (f64.mul (f64x2.extract_lane 0 (local.get $a12)) (local.get $s2))) (f64.mul (f64x2.extract_lane 0 (local.get $a13)) (local.get $s3))))
            ))
            (local.set $q0 (i32.add (local.get $q0) (local.get $sal4)))
            (local.set $q1 (i32.add (local.get $q1) (local.get $sal4)))
            (local.set $b0 (i32.add (local.get $b0) (local.get $rowb4)))
            (local.set $b1 (i32.add (local.get $b1) (local.get $rowb4)))
            (local.set $b2 (i32.add (local.get $b2) (local.get $rowb4)))
            (local.set $b3 (i32.add (local.get $b3) (local.get $rowb4)))
            (local.set $l (i32.add (local.get $l) (i32.const 4)))
          )
          (else (if (i32.eqz (local.get $acc)) (then
            (call $zero (local.get $c0) (local.get $n))
            (call $zero (local.get $c1) (local.get $n))
          ))))
        (block $d4 (loop $l4
          (br_if $d4 (i32.gt_s (i32.add (local.get $l) (i32.const 4)) (local.get $k)))
          (local.set $a00 (v128.load64_splat (local.get $q0)))
          (local.set $a01 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal))))
          (local.set $a02 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal2))))
          (local.set $a03 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal3))))
          (local.set $a10 (v128.load64_splat (local.get $q1)))
          (local.set $a11 (v128.load64_splat (i32.add (local.get $q1) (local.get $sal))))
          (local.set $a12 (v128.load64_splat (i32.add (local.get $q1) (local.get $sal2))))
          (local.set $a13 (v128.load64_splat (i32.add (local.get $q1) (local.get $sal3))))
          (local.set $j (i32.const 0))
          ;; two column pairs a turn (the second at offset 16: no address arithmetic), then an odd pair
          (if (local.get $nvb2) (then (loop $v
            (local.set $t0 (v128.load offset=0 (i32.add (local.get $b0) (local.get $j))))
            (local.set $t1 (v128.load offset=0 (i32.add (local.get $b1) (local.get $j))))
            (local.set $t2 (v128.load offset=0 (i32.add (local.get $b2) (local.get $j))))
            (local.set $t3 (v128.load offset=0 (i32.add (local.get $b3) (local.get $j))))
            (v128.store offset=0 (i32.add (local.get $c0) (local.get $j)) (f64x2.add (v128.load offset=0 (i32.add (local.get $c0) (local.get $j))) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a00) (local.get $t0)) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3)))))
            (v128.store offset=0 (i32.add (local.get $c1) (local.get $j)) (f64x2.add (v128.load offset=0 (i32.add (local.get $c1) (local.get $j))) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a10) (local.get $t0)) (f64x2.mul (local.get $a11) (local.get $t1))) (f64x2.mul (local.get $a12) (local.get $t2))) (f64x2.mul (local.get $a13) (local.get $t3)))))
            (local.set $t0 (v128.load offset=16 (i32.add (local.get $b0) (local.get $j))))
            (local.set $t1 (v128.load offset=16 (i32.add (local.get $b1) (local.get $j))))
            (local.set $t2 (v128.load offset=16 (i32.add (local.get $b2) (local.get $j))))
            (local.set $t3 (v128.load offset=16 (i32.add (local.get $b3) (local.get $j))))
            (v128.store offset=16 (i32.add (local.get $c0) (local.get $j)) (f64x2.add (v128.load offset=16 (i32.add (local.get $c0) (local.get $j))) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a00) (local.get $t0)) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3)))))
            (v128.store offset=16 (i32.add (local.get $c1) (local.get $j)) (f64x2.add (v128.load offset=16 (i32.add (local.get $c1) (local.get $j))) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a10) (local.get $t0)) (f64x2.mul (local.get $a11) (local.get $t1))) (f64x2.mul (local.get $a12) (local.get $t2))) (f64x2.mul (local.get $a13) (local.get $t3)))))
            (br_if $v (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 32))) (local.get $nvb2))))))
          (if (i32.lt_u (local.get $nvb2) (local.get $nvb)) (then
            (local.set $t0 (v128.load offset=0 (i32.add (local.get $b0) (local.get $j))))
            (local.set $t1 (v128.load offset=0 (i32.add (local.get $b1) (local.get $j))))
            (local.set $t2 (v128.load offset=0 (i32.add (local.get $b2) (local.get $j))))
            (local.set $t3 (v128.load offset=0 (i32.add (local.get $b3) (local.get $j))))
            (v128.store offset=0 (i32.add (local.get $c0) (local.get $j)) (f64x2.add (v128.load offset=0 (i32.add (local.get $c0) (local.get $j))) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a00) (local.get $t0)) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3)))))
            (v128.store offset=0 (i32.add (local.get $c1) (local.get $j)) (f64x2.add (v128.load offset=0 (i32.add (local.get $c1) (local.get $j))) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a10) (local.get $t0)) (f64x2.mul (local.get $a11) (local.get $t1))) (f64x2.mul (local.get $a12) (local.get $t2))) (f64x2.mul (local.get $a13) (local.get $t3)))))
          ))
          (if (local.get $odd) (then
            (local.set $s0 (f64.load (i32.add (local.get $b0) (local.get $nvb))))
            (local.set $s1 (f64.load (i32.add (local.get $b1) (local.get $nvb))))
            (local.set $s2 (f64.load (i32.add (local.get $b2) (local.get $nvb))))
            (local.set $s3 (f64.load (i32.add (local.get $b3) (local.get $nvb))))
            (f64.store (i32.add (local.get $c0) (local.get $nvb)) (f64.add (f64.load (i32.add (local.get $c0) (local.get $nvb))) (f64.add (f64.add (f64.add (f64.mul (f64x2.extract_lane 0 (local.get $a00)) (local.get $s0)) (f64.mul (f64x2.extract_lane 0 (local.get $a01)) (local.get $s1))) (f64.mul (f64x2.extract_lane 0 (local.get $a02)) (local.get $s2))) (f64.mul (f64x2.extract_lane 0 (local.get $a03)) (local.get $s3)))))
            (f64.store (i32.add (local.get $c1) (local.get $nvb)) (f64.add (f64.load (i32.add (local.get $c1) (local.get $nvb))) (f64.add (f64.add (f64.add (f64.mul (f64x2.extract_lane 0 (local.get $a10)) (local.get $s0)) (f64.mul (f64x2.extract_lane 0 (local.get $a11)) (local.get $s1))) (f64.mul (f64x2.extract_lane 0 (local.get $a12)) (local.get $s2))) (f64.mul (f64x2.extract_lane 0 (local.get $a13)) (local.get $s3)))))
          ))
          (local.set $q0 (i32.add (local.get $q0) (local.get $sal4)))
          (local.set $q1 (i32.add (local.get $q1) (local.get $sal4)))
          (local.set $b0 (i32.add (local.get $b0) (local.get $rowb4)))
          (local.set $b1 (i32.add (local.get $b1) (local.get $rowb4)))
          (local.set $b2 (i32.add (local.get $b2) (local.get $rowb4)))
          (local.set $b3 (i32.add (local.get $b3) (local.get $rowb4)))
          (local.set $l (i32.add (local.get $l) (i32.const 4)))
          (br $l4)))
        (block $d1 (loop $l1
          (br_if $d1 (i32.ge_s (local.get $l) (local.get $k)))
          (local.set $a00 (v128.load64_splat (local.get $q0)))
          (local.set $a10 (v128.load64_splat (local.get $q1)))
          (local.set $j (i32.const 0))
          (if (local.get $nvb) (then (loop $v
            (local.set $t0 (v128.load (i32.add (local.get $b0) (local.get $j))))
            (v128.store (i32.add (local.get $c0) (local.get $j)) (f64x2.add (v128.load (i32.add (local.get $c0) (local.get $j))) (f64x2.mul (local.get $a00) (local.get $t0))))
            (v128.store (i32.add (local.get $c1) (local.get $j)) (f64x2.add (v128.load (i32.add (local.get $c1) (local.get $j))) (f64x2.mul (local.get $a10) (local.get $t0))))
            (br_if $v (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $nvb))))))
          (if (local.get $odd) (then
            (local.set $s0 (f64.load (i32.add (local.get $b0) (local.get $nvb))))
            (f64.store (i32.add (local.get $c0) (local.get $nvb)) (f64.add (f64.load (i32.add (local.get $c0) (local.get $nvb))) (f64.mul (f64x2.extract_lane 0 (local.get $a00)) (local.get $s0))))
            (f64.store (i32.add (local.get $c1) (local.get $nvb)) (f64.add (f64.load (i32.add (local.get $c1) (local.get $nvb))) (f64.mul (f64x2.extract_lane 0 (local.get $a10)) (local.get $s0))))
          ))
          (local.set $q0 (i32.add (local.get $q0) (local.get $sal)))
          (local.set $q1 (i32.add (local.get $q1) (local.get $sal)))
          (local.set $b0 (i32.add (local.get $b0) (local.get $rowb)))
          (local.set $b1 (i32.add (local.get $b1) (local.get $rowb)))
          (local.set $b2 (i32.add (local.get $b2) (local.get $rowb)))
          (local.set $b3 (i32.add (local.get $b3) (local.get $rowb)))
          (local.set $l (i32.add (local.get $l) (i32.const 1)))
          (br $l1)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows2)))
    ;; the last row when m is odd
    (if (i32.lt_s (local.get $i) (local.get $m))
      (then

      (local.set $c0 (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $rowb))))
      (local.set $q0 (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $sai))))
      (local.set $b0 (local.get $B))
      (local.set $b1 (i32.add (local.get $b0) (local.get $rowb)))
      (local.set $b2 (i32.add (local.get $b1) (local.get $rowb)))
      (local.set $b3 (i32.add (local.get $b2) (local.get $rowb)))
      (local.set $l (i32.const 0))
      (if (i32.and (i32.eqz (local.get $acc)) (i32.ge_s (local.get $k) (i32.const 4)))
        (then
          (local.set $a00 (v128.load64_splat (local.get $q0)))
          (local.set $a01 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal))))
          (local.set $a02 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal2))))
          (local.set $a03 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal3))))
          (local.set $j (i32.const 0))
          (if (local.get $nvb) (then (loop $v
            (local.set $t0 (v128.load (i32.add (local.get $b0) (local.get $j))))
            (local.set $t1 (v128.load (i32.add (local.get $b1) (local.get $j))))
            (local.set $t2 (v128.load (i32.add (local.get $b2) (local.get $j))))
            (local.set $t3 (v128.load (i32.add (local.get $b3) (local.get $j))))
            (v128.store (i32.add (local.get $c0) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a00) (local.get $t0)) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3))))
            (br_if $v (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $nvb))))))
          (if (local.get $odd) (then
            (local.set $s0 (f64.load (i32.add (local.get $b0) (local.get $nvb))))
            (local.set $s1 (f64.load (i32.add (local.get $b1) (local.get $nvb))))
            (local.set $s2 (f64.load (i32.add (local.get $b2) (local.get $nvb))))
            (local.set $s3 (f64.load (i32.add (local.get $b3) (local.get $nvb))))
            (f64.store (i32.add (local.get $c0) (local.get $nvb)) (f64.add (f64.add (f64.add (f64.mul (f64x2.extract_lane 0 (local.get $a00)) (local.get $s0)) (f64.mul (f64x2.extract_lane 0 (local.get $a01)) (local.get $s1))) (f64.mul (f64x2.extract_lane 0 (local.get $a02)) (local.get $s2))) (f64.mul (f64x2.extract_lane 0 (local.get $a03)) (local.get $s3))))
          ))
          (local.set $q0 (i32.add (local.get $q0) (local.get $sal4)))
          (local.set $b0 (i32.add (local.get $b0) (local.get $rowb4)))
          (local.set $b1 (i32.add (local.get $b1) (local.get $rowb4)))
          (local.set $b2 (i32.add (local.get $b2) (local.get $rowb4)))
          (local.set $b3 (i32.add (local.get $b3) (local.get $rowb4)))
          (local.set $l (i32.add (local.get $l) (i32.const 4)))
        )
        (else (if (i32.eqz (local.get $acc)) (then
          (call $zero (local.get $c0) (local.get $n))
        ))))
      (block $d4 (loop $l4
        (br_if $d4 (i32.gt_s (i32.add (local.get $l) (i32.const 4)) (local.get $k)))
        (local.set $a00 (v128.load64_splat (local.get $q0)))
        (local.set $a01 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal))))
        (local.set $a02 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal2))))
        (local.set $a03 (v128.load64_splat (i32.add (local.get $q0) (local.get $sal3))))
        (local.set $j (i32.const 0))
        (if (local.get $nvb) (then (loop $v
          (local.set $t0 (v128.load (i32.add (local.get $b0) (local.get $j))))
          (local.set $t1 (v128.load (i32.add (local.get $b1) (local.get $j))))
          (local.set $t2 (v128.load (i32.add (local.get $b2) (local.get $j))))
          (local.set $t3 (v128.load (i32.add (local.get $b3) (local.get $j))))
          (v128.store (i32.add (local.get $c0) (local.get $j)) (f64x2.add (v128.load (i32.add (local.get $c0) (local.get $j))) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a00) (local.get $t0)) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3)))))
          (br_if $v (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $nvb))))))
        (if (local.get $odd) (then
          (local.set $s0 (f64.load (i32.add (local.get $b0) (local.get $nvb))))
          (local.set $s1 (f64.load (i32.add (local.get $b1) (local.get $nvb))))
          (local.set $s2 (f64.load (i32.add (local.get $b2) (local.get $nvb))))
          (local.set $s3 (f64.load (i32.add (local.get $b3) (local.get $nvb))))
          (f64.store (i32.add (local.get $c0) (local.get $nvb)) (f64.add (f64.load (i32.add (local.get $c0) (local.get $nvb))) (f64.add (f64.add (f64.add (f64.mul (f64x2.extract_lane 0 (local.get $a00)) (local.get $s0)) (f64.mul (f64x2.extract_lane 0 (local.get $a01)) (local.get $s1))) (f64.mul (f64x2.extract_lane 0 (local.get $a02)) (local.get $s2))) (f64.mul (f64x2.extract_lane 0 (local.get $a03)) (local.get $s3)))))
        ))
        (local.set $q0 (i32.add (local.get $q0) (local.get $sal4)))
        (local.set $b0 (i32.add (local.get $b0) (local.get $rowb4)))
        (local.set $b1 (i32.add (local.get $b1) (local.get $rowb4)))
        (local.set $b2 (i32.add (local.get $b2) (local.get $rowb4)))
        (local.set $b3 (i32.add (local.get $b3) (local.get $rowb4)))
        (local.set $l (i32.add (local.get $l) (i32.const 4)))
        (br $l4)))
      (block $d1 (loop $l1
        (br_if $d1 (i32.ge_s (local.get $l) (local.get $k)))
        (local.set $a00 (v128.load64_splat (local.get $q0)))
        (local.set $j (i32.const 0))
        (if (local.get $nvb) (then (loop $v
          (local.set $t0 (v128.load (i32.add (local.get $b0) (local.get $j))))
          (v128.store (i32.add (local.get $c0) (local.get $j)) (f64x2.add (v128.load (i32.add (local.get $c0) (local.get $j))) (f64x2.mul (local.get $a00) (local.get $t0))))
          (br_if $v (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $nvb))))))
        (if (local.get $odd) (then
          (local.set $s0 (f64.load (i32.add (local.get $b0) (local.get $nvb))))
          (f64.store (i32.add (local.get $c0) (local.get $nvb)) (f64.add (f64.load (i32.add (local.get $c0) (local.get $nvb))) (f64.mul (f64x2.extract_lane 0 (local.get $a00)) (local.get $s0))))
        ))
        (local.set $q0 (i32.add (local.get $q0) (local.get $sal)))
        (local.set $b0 (i32.add (local.get $b0) (local.get $rowb)))
        (local.set $b1 (i32.add (local.get $b1) (local.get $rowb)))
        (local.set $b2 (i32.add (local.get $b2) (local.get $rowb)))
        (local.set $b3 (i32.add (local.get $b3) (local.get $rowb)))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $l1)))
      )))

  ;; C (m×n) = op(A) · B in NT's order (gemm.ts gemmNT: each entry summed one l at a time, from +0;
  ;; C = (((C + a0·b0) + a1·b1) + a2·b2) + a3·b3 per block of four l, then C += a·b per left-over l):
  ;; the direct kernel of an NT product on Bᵀ transposed first (WasmArena.gemmNT), B (k×n) row-major
  ;; and op(A) at any strides as $gemm_s. $acc = 0: C = 0 first (a later slice of l: C goes on).
  ;; Two rows of C a pass, two column pairs a turn, as $gemm_s. A function of its own on purpose:
  ;; $gemm_s with a $seq flag choosing the loop per block of l (tried, 2 December 2026) ran NN/TN
  ;; 5–7 % slower at 128 and 1–2 % at 64 and 256, alternated in one process (V8's code for the
  ;; larger function).
  (func $gemm_q (param $A i32) (param $B i32) (param $C i32) (param $m i32) (param $k i32) (param $n i32)
                (param $sai i32) (param $sal i32) (param $acc i32)
    (local $rowb i32) (local $rowb4 i32) (local $nvb i32) (local $nvb2 i32) (local $odd i32) (local $sal4 i32)
    (local $i i32) (local $l i32) (local $j i32)
    (local $c0 i32) (local $c1 i32) (local $q0 i32) (local $q1 i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $a00 v128) (local $a01 v128) (local $a02 v128) (local $a03 v128)
    (local $a10 v128) (local $a11 v128) (local $a12 v128) (local $a13 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local.set $rowb (i32.shl (local.get $n) (i32.const 3)))
    (local.set $rowb4 (i32.shl (local.get $n) (i32.const 5)))
    (local.set $nvb (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (local.set $nvb2 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3)))
    (local.set $odd (i32.and (local.get $n) (i32.const 1)))
    (local.set $sal4 (i32.shl (local.get $sal) (i32.const 2)))
    (if (i32.eqz (local.get $acc)) (then (call $zero (local.get $C) (i32.mul (local.get $m) (local.get $n)))))
    (local.set $i (i32.const 0))
    (block $rows2done
      (loop $rows2
        (br_if $rows2done (i32.gt_s (i32.add (local.get $i) (i32.const 2)) (local.get $m)))
        (local.set $c0 (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $rowb))))
        (local.set $c1 (i32.add (local.get $c0) (local.get $rowb)))
        (local.set $q0 (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $sai))))
        (local.set $q1 (i32.add (local.get $q0) (local.get $sai)))
        (local.set $b0 (local.get $B))
        (local.set $b1 (i32.add (local.get $b0) (local.get $rowb)))
        (local.set $b2 (i32.add (local.get $b1) (local.get $rowb)))
        (local.set $b3 (i32.add (local.get $b2) (local.get $rowb)))
        (local.set $l (i32.const 0))
        (block $d4 (loop $l4
          (br_if $d4 (i32.gt_s (i32.add (local.get $l) (i32.const 4)) (local.get $k)))
          (local.set $a00 (v128.load64_splat (i32.add (local.get $q0) (i32.mul (local.get $sal) (i32.const 0)))))
          (local.set $a01 (v128.load64_splat (i32.add (local.get $q0) (i32.mul (local.get $sal) (i32.const 1)))))
          (local.set $a02 (v128.load64_splat (i32.add (local.get $q0) (i32.mul (local.get $sal) (i32.const 2)))))
          (local.set $a03 (v128.load64_splat (i32.add (local.get $q0) (i32.mul (local.get $sal) (i32.const 3)))))
          (local.set $a10 (v128.load64_splat (i32.add (local.get $q1) (i32.mul (local.get $sal) (i32.const 0)))))
          (local.set $a11 (v128.load64_splat (i32.add (local.get $q1) (i32.mul (local.get $sal) (i32.const 1)))))
          (local.set $a12 (v128.load64_splat (i32.add (local.get $q1) (i32.mul (local.get $sal) (i32.const 2)))))
          (local.set $a13 (v128.load64_splat (i32.add (local.get $q1) (i32.mul (local.get $sal) (i32.const 3)))))
          (local.set $j (i32.const 0))
          (if (local.get $nvb2) (then (loop $v
            (local.set $t0 (v128.load offset=0 (i32.add (local.get $b0) (local.get $j))))
            (local.set $t1 (v128.load offset=0 (i32.add (local.get $b1) (local.get $j))))
            (local.set $t2 (v128.load offset=0 (i32.add (local.get $b2) (local.get $j))))
            (local.set $t3 (v128.load offset=0 (i32.add (local.get $b3) (local.get $j))))
            (v128.store offset=0 (i32.add (local.get $c0) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=0 (i32.add (local.get $c0) (local.get $j))) (f64x2.mul (local.get $a00) (local.get $t0))) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3))))
            (v128.store offset=0 (i32.add (local.get $c1) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=0 (i32.add (local.get $c1) (local.get $j))) (f64x2.mul (local.get $a10) (local.get $t0))) (f64x2.mul (local.get $a11) (local.get $t1))) (f64x2.mul (local.get $a12) (local.get $t2))) (f64x2.mul (local.get $a13) (local.get $t3))))
            (local.set $t0 (v128.load offset=16 (i32.add (local.get $b0) (local.get $j))))
            (local.set $t1 (v128.load offset=16 (i32.add (local.get $b1) (local.get $j))))
            (local.set $t2 (v128.load offset=16 (i32.add (local.get $b2) (local.get $j))))
            (local.set $t3 (v128.load offset=16 (i32.add (local.get $b3) (local.get $j))))
            (v128.store offset=16 (i32.add (local.get $c0) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=16 (i32.add (local.get $c0) (local.get $j))) (f64x2.mul (local.get $a00) (local.get $t0))) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3))))
            (v128.store offset=16 (i32.add (local.get $c1) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=16 (i32.add (local.get $c1) (local.get $j))) (f64x2.mul (local.get $a10) (local.get $t0))) (f64x2.mul (local.get $a11) (local.get $t1))) (f64x2.mul (local.get $a12) (local.get $t2))) (f64x2.mul (local.get $a13) (local.get $t3))))
            (br_if $v (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 32))) (local.get $nvb2))))))
          (if (i32.lt_u (local.get $nvb2) (local.get $nvb)) (then
            (local.set $t0 (v128.load offset=0 (i32.add (local.get $b0) (local.get $j))))
            (local.set $t1 (v128.load offset=0 (i32.add (local.get $b1) (local.get $j))))
            (local.set $t2 (v128.load offset=0 (i32.add (local.get $b2) (local.get $j))))
            (local.set $t3 (v128.load offset=0 (i32.add (local.get $b3) (local.get $j))))
            (v128.store offset=0 (i32.add (local.get $c0) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=0 (i32.add (local.get $c0) (local.get $j))) (f64x2.mul (local.get $a00) (local.get $t0))) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3))))
            (v128.store offset=0 (i32.add (local.get $c1) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=0 (i32.add (local.get $c1) (local.get $j))) (f64x2.mul (local.get $a10) (local.get $t0))) (f64x2.mul (local.get $a11) (local.get $t1))) (f64x2.mul (local.get $a12) (local.get $t2))) (f64x2.mul (local.get $a13) (local.get $t3))))
          ))
          (if (local.get $odd) (then
            (local.set $s0 (f64.load (i32.add (local.get $b0) (local.get $nvb))))
            (local.set $s1 (f64.load (i32.add (local.get $b1) (local.get $nvb))))
            (local.set $s2 (f64.load (i32.add (local.get $b2) (local.get $nvb))))
            (local.set $s3 (f64.load (i32.add (local.get $b3) (local.get $nvb))))
            (f64.store (i32.add (local.get $c0) (local.get $nvb)) (f64.add (f64.add (f64.add (f64.add (f64.load (i32.add (local.get $c0) (local.get $nvb))) (f64.mul (f64x2.extract_lane 0 (local.get $a00)) (local.get $s0))) (f64.mul (f64x2.extract_lane 0 (local.get $a01)) (local.get $s1))) (f64.mul (f64x2.extract_lane 0 (local.get $a02)) (local.get $s2))) (f64.mul (f64x2.extract_lane 0 (local.get $a03)) (local.get $s3))))
            (f64.store (i32.add (local.get $c1) (local.get $nvb)) (f64.add (f64.add (f64.add (f64.add (f64.load (i32.add (local.get $c1) (local.get $nvb))) (f64.mul (f64x2.extract_lane 0 (local.get $a10)) (local.get $s0))) (f64.mul (f64x2.extract_lane 0 (local.get $a11)) (local.get $s1))) (f64.mul (f64x2.extract_lane 0 (local.get $a12)) (local.get $s2))) (f64.mul (f64x2.extract_lane 0 (local.get $a13)) (local.get $s3))))
          ))
          (local.set $q0 (i32.add (local.get $q0) (local.get $sal4)))
          (local.set $q1 (i32.add (local.get $q1) (local.get $sal4)))
          (local.set $b0 (i32.add (local.get $b0) (local.get $rowb4)))
          (local.set $b1 (i32.add (local.get $b1) (local.get $rowb4)))
          (local.set $b2 (i32.add (local.get $b2) (local.get $rowb4)))
          (local.set $b3 (i32.add (local.get $b3) (local.get $rowb4)))
          (local.set $l (i32.add (local.get $l) (i32.const 4)))
          (br $l4)))
        (block $d1 (loop $l1
          (br_if $d1 (i32.ge_s (local.get $l) (local.get $k)))
          (local.set $a00 (v128.load64_splat (local.get $q0)))
          (local.set $a10 (v128.load64_splat (local.get $q1)))
          (local.set $j (i32.const 0))
          (if (local.get $nvb) (then (loop $v
            (local.set $t0 (v128.load (i32.add (local.get $b0) (local.get $j))))
            (v128.store (i32.add (local.get $c0) (local.get $j)) (f64x2.add (v128.load (i32.add (local.get $c0) (local.get $j))) (f64x2.mul (local.get $a00) (local.get $t0))))
            (v128.store (i32.add (local.get $c1) (local.get $j)) (f64x2.add (v128.load (i32.add (local.get $c1) (local.get $j))) (f64x2.mul (local.get $a10) (local.get $t0))))
            (br_if $v (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $nvb))))))
          (if (local.get $odd) (then
            (f64.store (i32.add (local.get $c0) (local.get $nvb)) (f64.add (f64.load (i32.add (local.get $c0) (local.get $nvb))) (f64.mul (f64x2.extract_lane 0 (local.get $a00)) (f64.load (i32.add (local.get $b0) (local.get $nvb))))))
            (f64.store (i32.add (local.get $c1) (local.get $nvb)) (f64.add (f64.load (i32.add (local.get $c1) (local.get $nvb))) (f64.mul (f64x2.extract_lane 0 (local.get $a10)) (f64.load (i32.add (local.get $b0) (local.get $nvb))))))
          ))
          (local.set $q0 (i32.add (local.get $q0) (local.get $sal)))
          (local.set $q1 (i32.add (local.get $q1) (local.get $sal)))
          (local.set $b0 (i32.add (local.get $b0) (local.get $rowb)))
          (local.set $l (i32.add (local.get $l) (i32.const 1)))
          (br $l1)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows2)))
    ;; a last odd row
    (if (i32.lt_s (local.get $i) (local.get $m)) (then
        (local.set $c0 (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $rowb))))
        (local.set $q0 (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $sai))))
        (local.set $b0 (local.get $B))
        (local.set $b1 (i32.add (local.get $b0) (local.get $rowb)))
        (local.set $b2 (i32.add (local.get $b1) (local.get $rowb)))
        (local.set $b3 (i32.add (local.get $b2) (local.get $rowb)))
        (local.set $l (i32.const 0))
        (block $d4 (loop $l4
          (br_if $d4 (i32.gt_s (i32.add (local.get $l) (i32.const 4)) (local.get $k)))
          (local.set $a00 (v128.load64_splat (i32.add (local.get $q0) (i32.mul (local.get $sal) (i32.const 0)))))
          (local.set $a01 (v128.load64_splat (i32.add (local.get $q0) (i32.mul (local.get $sal) (i32.const 1)))))
          (local.set $a02 (v128.load64_splat (i32.add (local.get $q0) (i32.mul (local.get $sal) (i32.const 2)))))
          (local.set $a03 (v128.load64_splat (i32.add (local.get $q0) (i32.mul (local.get $sal) (i32.const 3)))))
          (local.set $j (i32.const 0))
          (if (local.get $nvb2) (then (loop $v
            (local.set $t0 (v128.load offset=0 (i32.add (local.get $b0) (local.get $j))))
            (local.set $t1 (v128.load offset=0 (i32.add (local.get $b1) (local.get $j))))
            (local.set $t2 (v128.load offset=0 (i32.add (local.get $b2) (local.get $j))))
            (local.set $t3 (v128.load offset=0 (i32.add (local.get $b3) (local.get $j))))
            (v128.store offset=0 (i32.add (local.get $c0) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=0 (i32.add (local.get $c0) (local.get $j))) (f64x2.mul (local.get $a00) (local.get $t0))) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3))))
            (local.set $t0 (v128.load offset=16 (i32.add (local.get $b0) (local.get $j))))
            (local.set $t1 (v128.load offset=16 (i32.add (local.get $b1) (local.get $j))))
            (local.set $t2 (v128.load offset=16 (i32.add (local.get $b2) (local.get $j))))
            (local.set $t3 (v128.load offset=16 (i32.add (local.get $b3) (local.get $j))))
            (v128.store offset=16 (i32.add (local.get $c0) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=16 (i32.add (local.get $c0) (local.get $j))) (f64x2.mul (local.get $a00) (local.get $t0))) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3))))
            (br_if $v (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 32))) (local.get $nvb2))))))
          (if (i32.lt_u (local.get $nvb2) (local.get $nvb)) (then
            (local.set $t0 (v128.load offset=0 (i32.add (local.get $b0) (local.get $j))))
            (local.set $t1 (v128.load offset=0 (i32.add (local.get $b1) (local.get $j))))
            (local.set $t2 (v128.load offset=0 (i32.add (local.get $b2) (local.get $j))))
            (local.set $t3 (v128.load offset=0 (i32.add (local.get $b3) (local.get $j))))
            (v128.store offset=0 (i32.add (local.get $c0) (local.get $j)) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=0 (i32.add (local.get $c0) (local.get $j))) (f64x2.mul (local.get $a00) (local.get $t0))) (f64x2.mul (local.get $a01) (local.get $t1))) (f64x2.mul (local.get $a02) (local.get $t2))) (f64x2.mul (local.get $a03) (local.get $t3))))
          ))
          (if (local.get $odd) (then
            (local.set $s0 (f64.load (i32.add (local.get $b0) (local.get $nvb))))
            (local.set $s1 (f64.load (i32.add (local.get $b1) (local.get $nvb))))
            (local.set $s2 (f64.load (i32.add (local.get $b2) (local.get $nvb))))
            (local.set $s3 (f64.load (i32.add (local.get $b3) (local.get $nvb))))
            (f64.store (i32.add (local.get $c0) (local.get $nvb)) (f64.add (f64.add (f64.add (f64.add (f64.load (i32.add (local.get $c0) (local.get $nvb))) (f64.mul (f64x2.extract_lane 0 (local.get $a00)) (local.get $s0))) (f64.mul (f64x2.extract_lane 0 (local.get $a01)) (local.get $s1))) (f64.mul (f64x2.extract_lane 0 (local.get $a02)) (local.get $s2))) (f64.mul (f64x2.extract_lane 0 (local.get $a03)) (local.get $s3))))

          ))
          (local.set $q0 (i32.add (local.get $q0) (local.get $sal4)))
          (local.set $b0 (i32.add (local.get $b0) (local.get $rowb4)))
          (local.set $b1 (i32.add (local.get $b1) (local.get $rowb4)))
          (local.set $b2 (i32.add (local.get $b2) (local.get $rowb4)))
          (local.set $b3 (i32.add (local.get $b3) (local.get $rowb4)))
          (local.set $l (i32.add (local.get $l) (i32.const 4)))
          (br $l4)))
        (block $d1 (loop $l1
          (br_if $d1 (i32.ge_s (local.get $l) (local.get $k)))
          (local.set $a00 (v128.load64_splat (local.get $q0)))
          (local.set $j (i32.const 0))
          (if (local.get $nvb) (then (loop $v
            (local.set $t0 (v128.load (i32.add (local.get $b0) (local.get $j))))
            (v128.store (i32.add (local.get $c0) (local.get $j)) (f64x2.add (v128.load (i32.add (local.get $c0) (local.get $j))) (f64x2.mul (local.get $a00) (local.get $t0))))
            (br_if $v (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $nvb))))))
          (if (local.get $odd) (then
            (f64.store (i32.add (local.get $c0) (local.get $nvb)) (f64.add (f64.load (i32.add (local.get $c0) (local.get $nvb))) (f64.mul (f64x2.extract_lane 0 (local.get $a00)) (f64.load (i32.add (local.get $b0) (local.get $nvb))))))
          ))
          (local.set $q0 (i32.add (local.get $q0) (local.get $sal)))
          (local.set $b0 (i32.add (local.get $b0) (local.get $rowb)))
          (local.set $l (i32.add (local.get $l) (i32.const 1)))
          (br $l1)))
      )))

  ;; C (m×n) = op(A) · B as $gemm_s, its l in slices of KC rows of B (a multiple of 4, at least 32)
  ;; of at most 16384 doubles (128 KB, a quarter of a Zen 1 core's L2): every pair of rows of C passes
  ;; over the slice, which stays in L2, where a whole B of 256 × 256 (512 KB) would come from L3 on
  ;; every pass. Each entry of C gets the same operations in the same order (the first slice starts
  ;; the sum as $gemm_s does, the next add their blocks of four l, the last its left-over l).
  ;; Measured (bench/wasm-gemm.ts's direct column): NN/TN at 256 +8–10 %, at 360 NN +28 %, the same
  ;; from 64 to 200.
  (func $gemm_k (param $A i32) (param $B i32) (param $C i32) (param $m i32) (param $k i32) (param $n i32)
                (param $sai i32) (param $sal i32) (param $seq i32)
    (local $kc i32) (local $l0 i32)
    (local.set $kc (i32.and (i32.div_u (i32.const 16384) (select (local.get $n) (i32.const 1) (local.get $n))) (i32.const -4)))
    (if (i32.lt_s (local.get $kc) (i32.const 32)) (then (local.set $kc (i32.const 32))))
    (if (i32.le_s (local.get $k) (local.get $kc)) (then (local.set $kc (local.get $k))))
    (loop $slices
      (if (local.get $seq)
        (then (call $gemm_q
          (i32.add (local.get $A) (i32.mul (local.get $l0) (local.get $sal)))
          (i32.add (local.get $B) (i32.shl (i32.mul (local.get $l0) (local.get $n)) (i32.const 3)))
          (local.get $C) (local.get $m)
          (select (local.get $kc) (i32.sub (local.get $k) (local.get $l0)) (i32.lt_s (local.get $kc) (i32.sub (local.get $k) (local.get $l0))))
          (local.get $n) (local.get $sai) (local.get $sal) (local.get $l0)))
        (else (call $gemm_s
          (i32.add (local.get $A) (i32.mul (local.get $l0) (local.get $sal)))
          (i32.add (local.get $B) (i32.shl (i32.mul (local.get $l0) (local.get $n)) (i32.const 3)))
          (local.get $C) (local.get $m)
          (select (local.get $kc) (i32.sub (local.get $k) (local.get $l0)) (i32.lt_s (local.get $kc) (i32.sub (local.get $k) (local.get $l0))))
          (local.get $n) (local.get $sai) (local.get $sal) (local.get $l0))))
      (br_if $slices (i32.lt_s (local.tee $l0 (i32.add (local.get $l0) (local.get $kc))) (local.get $k)))))

  ;; C (m×n) = op(A) · B with any strides of op(A) (bytes, as $gemm_s): a block of rows of a product
  ;; (src/core/linalg/wasm/gemmTeam.ts splits C by rows over threads; TN's rows are columns of A)
  (func (export "gemmStrided") (param $A i32) (param $B i32) (param $C i32) (param $m i32) (param $k i32) (param $n i32)
                (param $sai i32) (param $sal i32)
    (call $gemm_k (local.get $A) (local.get $B) (local.get $C) (local.get $m) (local.get $k) (local.get $n)
      (local.get $sai) (local.get $sal) (i32.const 0)))

  ;; C (m×n) = op(A) · B in NT's order ($gemm_q), B (k×n) row-major, op(A) at any strides: an NT
  ;; product (or a block of its rows) on Bᵀ, transposed first ("transpose")
  (func (export "gemmStridedSeq") (param $A i32) (param $B i32) (param $C i32) (param $m i32) (param $k i32) (param $n i32)
                (param $sai i32) (param $sal i32)
    (call $gemm_k (local.get $A) (local.get $B) (local.get $C) (local.get $m) (local.get $k) (local.get $n)
      (local.get $sai) (local.get $sal) (i32.const 1)))

  ;; T (cols×rows) = Sᵀ for S (rows×cols) row-major, by 8×8 tiles (both sides' lines stay in cache)
  (func (export "transpose") (param $S i32) (param $T i32) (param $rows i32) (param $cols i32)
    (call $transposeStrided (local.get $S) (local.get $T) (local.get $rows) (local.get $cols) (local.get $rows)))

  ;; T[j][i] = S[i][j] with T's rows `ldt` doubles apart: a block of S's rows transposed into a
  ;; block of T's columns (a split transpose, src/core/linalg/wasm/gemmTeam.ts; ldt = rows: "transpose")
  (func $transposeStrided (export "transposeStrided") (param $S i32) (param $T i32) (param $rows i32) (param $cols i32) (param $ldt i32)
    (local $i0 i32) (local $j0 i32) (local $i i32) (local $j i32) (local $ie i32) (local $je i32)
    (block $di (loop $li
      (br_if $di (i32.ge_s (local.get $i0) (local.get $rows)))
      (local.set $ie (select (i32.add (local.get $i0) (i32.const 8)) (local.get $rows) (i32.lt_s (i32.add (local.get $i0) (i32.const 8)) (local.get $rows))))
      (local.set $j0 (i32.const 0))
      (block $dj (loop $lj
        (br_if $dj (i32.ge_s (local.get $j0) (local.get $cols)))
        (local.set $je (select (i32.add (local.get $j0) (i32.const 8)) (local.get $cols) (i32.lt_s (i32.add (local.get $j0) (i32.const 8)) (local.get $cols))))
        (local.set $i (local.get $i0))
        (block $dti (loop $lti
          (br_if $dti (i32.ge_s (local.get $i) (local.get $ie)))
          (local.set $j (local.get $j0))
          (block $dtj (loop $ltj
            (br_if $dtj (i32.ge_s (local.get $j) (local.get $je)))
            (f64.store (i32.add (local.get $T) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $ldt)) (local.get $i)) (i32.const 3)))
              (f64.load (i32.add (local.get $S) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 3)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $ltj)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $lti)))
        (local.set $j0 (local.get $je))
        (br $lj)))
      (local.set $i0 (local.get $ie))
      (br $li))))

  ;; C (m×n) = A (m×k) · B (k×n)
  (func (export "gemm") (param $A i32) (param $B i32) (param $C i32) (param $m i32) (param $k i32) (param $n i32)
    (call $gemm_k (local.get $A) (local.get $B) (local.get $C) (local.get $m) (local.get $k) (local.get $n)
      (i32.shl (local.get $k) (i32.const 3)) (i32.const 8) (i32.const 0)))

  ;; C (m×n) = Aᵀ · B with A (k×m), B (k×n)
  (func (export "gemmTN") (param $A i32) (param $B i32) (param $C i32) (param $m i32) (param $k i32) (param $n i32)
    (call $gemm_k (local.get $A) (local.get $B) (local.get $C) (local.get $m) (local.get $k) (local.get $n)
      (i32.const 8) (i32.shl (local.get $m) (i32.const 3)) (i32.const 0)))

  ;; C (m×n) = A · Bᵀ with A (m×k), B (n×k). As gemm.ts, each entry is the dot product of two
  ;; contiguous rows summed left to right from 0 (s = 0; s += a·b). Vectorised across a pair of
  ;; columns (j, j+1): two l at a time, the 2×2 block of B (rows j, j+1; columns l, l+1) is
  ;; transposed in registers (two shuffles) into (B[j][l], B[j+1][l]) and (B[j][l+1], B[j+1][l+1]);
  ;; two rows of C at a time share those. An odd last l uses lane loads; an odd last column is scalar.
  (func (export "gemmNT") (param $A i32) (param $B i32) (param $C i32) (param $m i32) (param $k i32) (param $n i32)
    (local $rowa i32) (local $rowc i32) (local $kvb i32) (local $kodd i32) (local $two i32)
    (local $i i32) (local $j i32) (local $lb i32)
    (local $a0 i32) (local $a1 i32) (local $c0 i32) (local $c1 i32) (local $bj i32) (local $bk i32)
    (local $x v128) (local $y v128) (local $lo v128) (local $hi v128)
    (local $acc0 v128) (local $acc1 v128) (local $s0 f64) (local $s1 f64)
    (local.set $rowa (i32.shl (local.get $k) (i32.const 3)))
    (local.set $rowc (i32.shl (local.get $n) (i32.const 3)))
    (local.set $kvb (i32.shl (i32.and (local.get $k) (i32.const -2)) (i32.const 3)))
    (local.set $kodd (i32.and (local.get $k) (i32.const 1)))
    (local.set $i (i32.const 0))
    (block $idone (loop $iloop
      (br_if $idone (i32.ge_s (local.get $i) (local.get $m)))
      (local.set $a0 (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $rowa))))
      (local.set $c0 (i32.add (local.get $C) (i32.mul (local.get $i) (local.get $rowc))))
      ;; a second row when there is one; else row i twice (its results are discarded)
      (if (i32.lt_s (i32.add (local.get $i) (i32.const 1)) (local.get $m))
        (then
          (local.set $a1 (i32.add (local.get $a0) (local.get $rowa)))
          (local.set $c1 (i32.add (local.get $c0) (local.get $rowc)))
          (local.set $two (i32.const 1)))
        (else
          (local.set $a1 (local.get $a0))
          (local.set $two (i32.const 0))))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jloop
        (br_if $jdone (i32.gt_s (i32.add (local.get $j) (i32.const 2)) (local.get $n)))
        (local.set $bj (i32.add (local.get $B) (i32.mul (local.get $j) (local.get $rowa))))
        (local.set $bk (i32.add (local.get $bj) (local.get $rowa)))
        (local.set $acc0 (v128.const f64x2 0 0))
        (local.set $acc1 (v128.const f64x2 0 0))
        (local.set $lb (i32.const 0))
        (if (local.get $kvb) (then (loop $lloop
          (local.set $x (v128.load (i32.add (local.get $bj) (local.get $lb))))
          (local.set $y (v128.load (i32.add (local.get $bk) (local.get $lb))))
          (local.set $lo (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $x) (local.get $y)))
          (local.set $hi (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $x) (local.get $y)))
          (local.set $acc0 (f64x2.add (local.get $acc0)
            (f64x2.mul (v128.load64_splat (i32.add (local.get $a0) (local.get $lb))) (local.get $lo))))
          (local.set $acc0 (f64x2.add (local.get $acc0)
            (f64x2.mul (v128.load64_splat offset=8 (i32.add (local.get $a0) (local.get $lb))) (local.get $hi))))
          (local.set $acc1 (f64x2.add (local.get $acc1)
            (f64x2.mul (v128.load64_splat (i32.add (local.get $a1) (local.get $lb))) (local.get $lo))))
          (local.set $acc1 (f64x2.add (local.get $acc1)
            (f64x2.mul (v128.load64_splat offset=8 (i32.add (local.get $a1) (local.get $lb))) (local.get $hi))))
          (br_if $lloop (i32.lt_u (local.tee $lb (i32.add (local.get $lb) (i32.const 16))) (local.get $kvb))))))
        (if (local.get $kodd) (then
          (local.set $lo (v128.load64_lane 1 (i32.add (local.get $bk) (local.get $kvb))
            (v128.load64_zero (i32.add (local.get $bj) (local.get $kvb)))))
          (local.set $acc0 (f64x2.add (local.get $acc0)
            (f64x2.mul (v128.load64_splat (i32.add (local.get $a0) (local.get $kvb))) (local.get $lo))))
          (local.set $acc1 (f64x2.add (local.get $acc1)
            (f64x2.mul (v128.load64_splat (i32.add (local.get $a1) (local.get $kvb))) (local.get $lo))))))
        (v128.store (i32.add (local.get $c0) (i32.shl (local.get $j) (i32.const 3))) (local.get $acc0))
        (if (local.get $two)
          (then (v128.store (i32.add (local.get $c1) (i32.shl (local.get $j) (i32.const 3))) (local.get $acc1))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $jloop)))
      ;; an odd last column: scalar dot products
      (if (i32.lt_s (local.get $j) (local.get $n)) (then
        (local.set $bj (i32.add (local.get $B) (i32.mul (local.get $j) (local.get $rowa))))
        (local.set $s0 (f64.const 0))
        (local.set $s1 (f64.const 0))
        (local.set $lb (i32.const 0))
        (block $sdone (loop $sloop
          (br_if $sdone (i32.ge_u (local.get $lb) (local.get $rowa)))
          (local.set $s0 (f64.add (local.get $s0)
            (f64.mul (f64.load (i32.add (local.get $a0) (local.get $lb))) (f64.load (i32.add (local.get $bj) (local.get $lb))))))
          (local.set $s1 (f64.add (local.get $s1)
            (f64.mul (f64.load (i32.add (local.get $a1) (local.get $lb))) (f64.load (i32.add (local.get $bj) (local.get $lb))))))
          (local.set $lb (i32.add (local.get $lb) (i32.const 8)))
          (br $sloop)))
        (f64.store (i32.add (local.get $c0) (i32.shl (local.get $j) (i32.const 3))) (local.get $s0))
        (if (local.get $two)
          (then (f64.store (i32.add (local.get $c1) (i32.shl (local.get $j) (i32.const 3))) (local.get $s1))))))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $iloop))))

  ;; y[0..len) += alpha · x[0..len)
  (func (export "axpy") (param $alpha f64) (param $x i32) (param $y i32) (param $len i32)
    (local $av v128) (local $e i32) (local $ev i32)
    (local.set $av (f64x2.splat (local.get $alpha)))
    (local.set $e (i32.add (local.get $y) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $ev (i32.add (local.get $y) (i32.shl (i32.and (local.get $len) (i32.const -2)) (i32.const 3))))
    (local.set $x (i32.sub (local.get $x) (local.get $y)))
    (block $vd (loop $v
      (br_if $vd (i32.ge_u (local.get $y) (local.get $ev)))
      (v128.store (local.get $y) (f64x2.add (v128.load (local.get $y))
        (f64x2.mul (local.get $av) (v128.load (i32.add (local.get $x) (local.get $y))))))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (br $v)))
    (if (i32.lt_u (local.get $y) (local.get $e)) (then
      (f64.store (local.get $y) (f64.add (f64.load (local.get $y))
        (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $x) (local.get $y))))))))
  )

  ;; ½⟨w, a⟩ − ⟨w, b⟩ + c over len entries, writing g = a − b (GBL eq. 7's f and G in one pass):
  ;; gemm.ts residualLoss's operations in its order — the two sums scalar and left to right, the
  ;; return ((0.5·quad) − lin) + c — so the same bits; two entries a turn, in turn.
  (func (export "residualLoss") (param $w i32) (param $a i32) (param $b i32) (param $c f64) (param $g i32) (param $len i32) (result f64)
    (local $o i32) (local $e i32) (local $e2 i32) (local $quad f64) (local $lin f64) (local $x f64) (local $y f64) (local $z f64)
    (local.set $e (i32.shl (local.get $len) (i32.const 3)))
    (local.set $e2 (i32.shl (i32.and (local.get $len) (i32.const -2)) (i32.const 3)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $e2)))
      (local.set $x (f64.load (i32.add (local.get $w) (local.get $o))))
      (local.set $y (f64.load (i32.add (local.get $a) (local.get $o))))
      (local.set $z (f64.load (i32.add (local.get $b) (local.get $o))))
      (local.set $quad (f64.add (local.get $quad) (f64.mul (local.get $x) (local.get $y))))
      (local.set $lin (f64.add (local.get $lin) (f64.mul (local.get $x) (local.get $z))))
      (local.set $x (f64.load offset=8 (i32.add (local.get $w) (local.get $o))))
      (local.set $y (f64.load offset=8 (i32.add (local.get $a) (local.get $o))))
      (local.set $z (f64.load offset=8 (i32.add (local.get $b) (local.get $o))))
      (local.set $quad (f64.add (local.get $quad) (f64.mul (local.get $x) (local.get $y))))
      (local.set $lin (f64.add (local.get $lin) (f64.mul (local.get $x) (local.get $z))))
      (v128.store (i32.add (local.get $g) (local.get $o))
        (f64x2.sub (v128.load (i32.add (local.get $a) (local.get $o))) (v128.load (i32.add (local.get $b) (local.get $o)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next)))
    (if (i32.lt_u (local.get $o) (local.get $e)) (then
      (local.set $x (f64.load (i32.add (local.get $w) (local.get $o))))
      (local.set $y (f64.load (i32.add (local.get $a) (local.get $o))))
      (local.set $z (f64.load (i32.add (local.get $b) (local.get $o))))
      (local.set $quad (f64.add (local.get $quad) (f64.mul (local.get $x) (local.get $y))))
      (local.set $lin (f64.add (local.get $lin) (f64.mul (local.get $x) (local.get $z))))
      (f64.store (i32.add (local.get $g) (local.get $o)) (f64.sub (local.get $y) (local.get $z)))))
    (f64.add (f64.sub (f64.mul (f64.const 0.5) (local.get $quad)) (local.get $lin)) (local.get $c))
  )

  ;; ---------------------------------------------------------------------------------------------
  ;; Cache- and register-blocked products (Goto & van de Geijn, "Anatomy of high-performance matrix
  ;; multiplication", ACM TOMS 34(3), 2008): op(B) is packed by KC×NC blocks into panels of NR = 4
  ;; columns (kc rows of 4 contiguous doubles), op(A) by MC×KC blocks into panels of MR = 4 rows
  ;; (kc columns of 4 contiguous doubles), and a 4×4 micro-kernel keeps a 4×4 tile of C in eight
  ;; f64x2 registers over one panel pair. The panels' padding (rows past m, columns past n) is zero
  ;; and only ever lands in lanes that are not stored (edge tiles go through a 4×4 scratch tile).
  ;; No FMA: every entry of C gets exactly the sequence of roundings of the kernels above and of
  ;; gemm.ts — the k loop is split into KC blocks (a multiple of 4), and each entry's partial sum is
  ;; carried from one block to the next through C, in order:
  ;;   NN, TN ($kgrp): C = ((p0 + p1) + p2) + p3 over l = 0…3 (C = 0 when k < 4), then
  ;;                   C += ((pl + pl+1) + pl+2) + pl+3 per further block of four l, then C += pl;
  ;;   NT ($kseq):     C = 0, then C += pl for l = 0, 1, …, k−1,
  ;; where pl = op(A)[i][l]·op(B)[l][j]. Workspace (from $ws, 16-byte aligned, `workspace` bytes):
  ;; the scratch tile (128 bytes), the packed A block, the packed B block.

  ;; Bytes of workspace that $blk needs for an m×k×n product: a 256-byte head (the scratch tile),
  ;; the packed A block (splatted: two doubles an entry, see $packA) and the packed B block.
  (func $workspace (export "workspace") (param $m i32) (param $k i32) (param $n i32) (result i32)
    (i32.add (i32.const 256)
      (i32.shl
        (i32.mul (select (local.get $k) (i32.const 256) (i32.lt_s (local.get $k) (i32.const 256)))
          (i32.add
            (i32.shl (i32.and (i32.add (select (local.get $m) (i32.const 128) (i32.lt_s (local.get $m) (i32.const 128))) (i32.const 3)) (i32.const -4)) (i32.const 1))
            (i32.and (i32.add (select (local.get $n) (i32.const 512) (i32.lt_s (local.get $n) (i32.const 512))) (i32.const 3)) (i32.const -4))))
        (i32.const 3))))

  ;; Packs rows i < mc, columns l < kc of op(A) (entry (i, l) at src + i·sai + l·sal) into panels of
  ;; four rows, each entry splatted to an f64x2 (zeros past mc): panel p holds, for l = 0…kc−1, the
  ;; four pairs (op(A)[4p+r][l], op(A)[4p+r][l]), r = 0…3 (64 bytes per l). Splatted here, the
  ;; micro-kernels read A with plain v128 loads, whose constant offsets V8 folds into the address
  ;; (it does not for load64_splat).
  (func $packA (param $src i32) (param $sai i32) (param $sal i32) (param $mc i32) (param $kc i32) (param $dst i32)
    (local $ir i32) (local $r i32) (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32)
    (local $o i32) (local $e i32) (local $d i32)
    (block $done (loop $panel
      (br_if $done (i32.ge_s (local.get $ir) (local.get $mc)))
      (local.set $q0 (i32.add (local.get $src) (i32.mul (local.get $ir) (local.get $sai))))
      (local.set $e (i32.add (local.get $dst) (i32.shl (local.get $kc) (i32.const 6))))
      (if (i32.le_s (i32.add (local.get $ir) (i32.const 4)) (local.get $mc))
        (then
          (local.set $q1 (i32.add (local.get $q0) (local.get $sai)))
          (local.set $q2 (i32.add (local.get $q1) (local.get $sai)))
          (local.set $q3 (i32.add (local.get $q2) (local.get $sai)))
          (local.set $o (i32.const 0))
          (block $d1 (loop $l1
            (br_if $d1 (i32.ge_u (local.get $dst) (local.get $e)))
            (v128.store offset=0 (local.get $dst) (v128.load64_splat (i32.add (local.get $q0) (local.get $o))))
            (v128.store offset=16 (local.get $dst) (v128.load64_splat (i32.add (local.get $q1) (local.get $o))))
            (v128.store offset=32 (local.get $dst) (v128.load64_splat (i32.add (local.get $q2) (local.get $o))))
            (v128.store offset=48 (local.get $dst) (v128.load64_splat (i32.add (local.get $q3) (local.get $o))))
            (local.set $o (i32.add (local.get $o) (local.get $sal)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
            (br $l1))))
        (else
          (call $zero (local.get $dst) (i32.shl (local.get $kc) (i32.const 3)))
          (local.set $r (i32.const 0))
          (block $d2 (loop $rows
            (br_if $d2 (i32.ge_s (i32.add (local.get $ir) (local.get $r)) (local.get $mc)))
            (local.set $o (i32.add (local.get $q0) (i32.mul (local.get $r) (local.get $sai))))
            (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 4))))
            (block $d3 (loop $l3
              (br_if $d3 (i32.ge_u (local.get $d) (local.get $e)))
              (v128.store (local.get $d) (v128.load64_splat (local.get $o)))
              (local.set $o (i32.add (local.get $o) (local.get $sal)))
              (local.set $d (i32.add (local.get $d) (i32.const 64)))
              (br $l3)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rows)))
          (local.set $dst (local.get $e))))
      (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
      (br $panel))))

  ;; Packs rows l < kc, columns j < nc of op(B) (entry (l, j) at src + l·sbl + j·sbj) into panels of
  ;; four columns: panel p holds, for l = 0…kc−1, the four doubles op(B)[l][4p…4p+3] (zeros past nc).
  (func $packB (param $src i32) (param $sbl i32) (param $sbj i32) (param $kc i32) (param $nc i32) (param $dst i32)
    (local $jr i32) (local $r i32) (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32)
    (local $o i32) (local $e i32) (local $d i32)
    (block $done (loop $panel
      (br_if $done (i32.ge_s (local.get $jr) (local.get $nc)))
      (local.set $q0 (i32.add (local.get $src) (i32.mul (local.get $jr) (local.get $sbj))))
      (local.set $e (i32.add (local.get $dst) (i32.shl (local.get $kc) (i32.const 5))))
      (if (i32.le_s (i32.add (local.get $jr) (i32.const 4)) (local.get $nc))
        (then
          (if (i32.eq (local.get $sbj) (i32.const 8))
            (then ;; contiguous rows of B: two f64x2 per l
              (block $d0 (loop $l0
                (br_if $d0 (i32.ge_u (local.get $dst) (local.get $e)))
                (v128.store offset=0 (local.get $dst) (v128.load offset=0 (local.get $q0)))
                (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $q0)))
                (local.set $q0 (i32.add (local.get $q0) (local.get $sbl)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (br $l0))))
            (else
              (local.set $q1 (i32.add (local.get $q0) (local.get $sbj)))
              (local.set $q2 (i32.add (local.get $q1) (local.get $sbj)))
              (local.set $q3 (i32.add (local.get $q2) (local.get $sbj)))
              (local.set $o (i32.const 0))
              (block $d1 (loop $l1
                (br_if $d1 (i32.ge_u (local.get $dst) (local.get $e)))
                (f64.store offset=0 (local.get $dst) (f64.load (i32.add (local.get $q0) (local.get $o))))
                (f64.store offset=8 (local.get $dst) (f64.load (i32.add (local.get $q1) (local.get $o))))
                (f64.store offset=16 (local.get $dst) (f64.load (i32.add (local.get $q2) (local.get $o))))
                (f64.store offset=24 (local.get $dst) (f64.load (i32.add (local.get $q3) (local.get $o))))
                (local.set $o (i32.add (local.get $o) (local.get $sbl)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (br $l1))))))
        (else
          (call $zero (local.get $dst) (i32.shl (local.get $kc) (i32.const 2)))
          (local.set $r (i32.const 0))
          (block $d2 (loop $cols
            (br_if $d2 (i32.ge_s (i32.add (local.get $jr) (local.get $r)) (local.get $nc)))
            (local.set $o (i32.add (local.get $q0) (i32.mul (local.get $r) (local.get $sbj))))
            (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 3))))
            (block $d3 (loop $l3
              (br_if $d3 (i32.ge_u (local.get $d) (local.get $e)))
              (f64.store (local.get $d) (f64.load (local.get $o)))
              (local.set $o (i32.add (local.get $o) (local.get $sbl)))
              (local.set $d (i32.add (local.get $d) (i32.const 32)))
              (br $l3)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $cols)))
          (local.set $dst (local.get $e))))
      (local.set $jr (i32.add (local.get $jr) (i32.const 4)))
      (br $panel))))

  ;; Copies the rows × cols corner of a tile between C (row stride ldc bytes) and the 4×4 scratch
  ;; tile T (row stride 32 bytes): C → T when $toT, else T → C.
  (func $tile (param $c i32) (param $ldc i32) (param $t i32) (param $rows i32) (param $cols i32) (param $toT i32)
    (local $r i32) (local $j i32) (local $pc i32) (local $pt i32)
    (block $dr (loop $lr
      (br_if $dr (i32.ge_s (local.get $r) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $dj (loop $lj
        (br_if $dj (i32.ge_s (local.get $j) (local.get $cols)))
        (local.set $pc (i32.add (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc))) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $pt (i32.add (local.get $t) (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 2)) (local.get $j)) (i32.const 3))))
        (if (local.get $toT)
          (then (f64.store (local.get $pt) (f64.load (local.get $pc))))
          (else (f64.store (local.get $pc) (f64.load (local.get $pt)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $lj)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $lr))))

  ;; The micro-kernels: the 4×4 tile of C at $c (row stride $ldc bytes), over $ng groups of four l
  ;; of a packed A panel ($pa) and B panel ($pb holds the panel's address − 256: its loads use
  ;; offsets 256…, none shared with the A loads). Per group, the B panel's 4 l × 2 column pairs sit
  ;; in eight registers ($b<v><l>: op(B)[l][2v], op(B)[l][2v+1]); then row by row, that row's four
  ;; splatted A entries ($a<l>) in four more, and each of its two f64x2 accumulators is read from C,
  ;; updated and stored back. The tile stays in L1 (store-to-load forwarding), every A and B entry is
  ;; loaded once a group (24 loads, 8 of C and 8 stores per 64 vector operations, against 40 loads
  ;; with the accumulators in registers: V8 has 15 xmm registers, one too few for eight accumulators
  ;; and eight B vectors, and it does not fold loads into arithmetic), and the loads and stores, in
  ;; V8's effect order, pin the schedule written here (it schedules arithmetic as late as it can).
  ;; $init: 0 reads the tile from C; 1 first sets it to −0 (the additive identity: −0 + t = t for
  ;; every t, so the first group sets C = t, as `C = a0·b0 + … + a3·b3` does); 2 to +0 (as `C = 0`
  ;; then `C += …`).

  ;; NN, TN: C += ((p0 + p1) + p2) + p3 per group.
  (func $kgrp (export "kernelNN") (param $pa i32) (param $pb i32) (param $c i32) (param $ldc i32) (param $ng i32) (param $init i32)
    (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $end i32)
    (local $b00 v128) (local $b01 v128) (local $b02 v128) (local $b03 v128)
    (local $b10 v128) (local $b11 v128) (local $b12 v128) (local $b13 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $z v128)
    (local.set $c1 (i32.add (local.get $c) (local.get $ldc)))
    (local.set $c2 (i32.add (local.get $c1) (local.get $ldc)))
    (local.set $c3 (i32.add (local.get $c2) (local.get $ldc)))
    (if (local.get $init)
      (then
        (local.set $z (select (v128.const f64x2 -0 -0) (v128.const f64x2 0 0) (i32.eq (local.get $init) (i32.const 1))))
        (v128.store offset=0 (local.get $c) (local.get $z))
        (v128.store offset=16 (local.get $c) (local.get $z))
        (v128.store offset=0 (local.get $c1) (local.get $z))
        (v128.store offset=16 (local.get $c1) (local.get $z))
        (v128.store offset=0 (local.get $c2) (local.get $z))
        (v128.store offset=16 (local.get $c2) (local.get $z))
        (v128.store offset=0 (local.get $c3) (local.get $z))
        (v128.store offset=16 (local.get $c3) (local.get $z))))
    (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $ng) (i32.const 8))))
    (block $dg (loop $lg
      (br_if $dg (i32.ge_u (local.get $pa) (local.get $end)))
      (local.set $b00 (v128.load offset=256 (local.get $pb)))
      (local.set $b01 (v128.load offset=288 (local.get $pb)))
      (local.set $b02 (v128.load offset=320 (local.get $pb)))
      (local.set $b03 (v128.load offset=352 (local.get $pb)))
      (local.set $b10 (v128.load offset=272 (local.get $pb)))
      (local.set $b11 (v128.load offset=304 (local.get $pb)))
      (local.set $b12 (v128.load offset=336 (local.get $pb)))
      (local.set $b13 (v128.load offset=368 (local.get $pb)))
      (local.set $a0 (v128.load offset=0 (local.get $pa)))
      (local.set $a1 (v128.load offset=64 (local.get $pa)))
      (local.set $a2 (v128.load offset=128 (local.get $pa)))
      (local.set $a3 (v128.load offset=192 (local.get $pa)))
      (v128.store offset=0 (local.get $c) (f64x2.add (v128.load offset=0 (local.get $c)) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (local.get $b00)) (f64x2.mul (local.get $a1) (local.get $b01))) (f64x2.mul (local.get $a2) (local.get $b02))) (f64x2.mul (local.get $a3) (local.get $b03)))))
      (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (local.get $b10)) (f64x2.mul (local.get $a1) (local.get $b11))) (f64x2.mul (local.get $a2) (local.get $b12))) (f64x2.mul (local.get $a3) (local.get $b13)))))
      (local.set $a0 (v128.load offset=16 (local.get $pa)))
      (local.set $a1 (v128.load offset=80 (local.get $pa)))
      (local.set $a2 (v128.load offset=144 (local.get $pa)))
      (local.set $a3 (v128.load offset=208 (local.get $pa)))
      (v128.store offset=0 (local.get $c1) (f64x2.add (v128.load offset=0 (local.get $c1)) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (local.get $b00)) (f64x2.mul (local.get $a1) (local.get $b01))) (f64x2.mul (local.get $a2) (local.get $b02))) (f64x2.mul (local.get $a3) (local.get $b03)))))
      (v128.store offset=16 (local.get $c1) (f64x2.add (v128.load offset=16 (local.get $c1)) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (local.get $b10)) (f64x2.mul (local.get $a1) (local.get $b11))) (f64x2.mul (local.get $a2) (local.get $b12))) (f64x2.mul (local.get $a3) (local.get $b13)))))
      (local.set $a0 (v128.load offset=32 (local.get $pa)))
      (local.set $a1 (v128.load offset=96 (local.get $pa)))
      (local.set $a2 (v128.load offset=160 (local.get $pa)))
      (local.set $a3 (v128.load offset=224 (local.get $pa)))
      (v128.store offset=0 (local.get $c2) (f64x2.add (v128.load offset=0 (local.get $c2)) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (local.get $b00)) (f64x2.mul (local.get $a1) (local.get $b01))) (f64x2.mul (local.get $a2) (local.get $b02))) (f64x2.mul (local.get $a3) (local.get $b03)))))
      (v128.store offset=16 (local.get $c2) (f64x2.add (v128.load offset=16 (local.get $c2)) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (local.get $b10)) (f64x2.mul (local.get $a1) (local.get $b11))) (f64x2.mul (local.get $a2) (local.get $b12))) (f64x2.mul (local.get $a3) (local.get $b13)))))
      (local.set $a0 (v128.load offset=48 (local.get $pa)))
      (local.set $a1 (v128.load offset=112 (local.get $pa)))
      (local.set $a2 (v128.load offset=176 (local.get $pa)))
      (local.set $a3 (v128.load offset=240 (local.get $pa)))
      (v128.store offset=0 (local.get $c3) (f64x2.add (v128.load offset=0 (local.get $c3)) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (local.get $b00)) (f64x2.mul (local.get $a1) (local.get $b01))) (f64x2.mul (local.get $a2) (local.get $b02))) (f64x2.mul (local.get $a3) (local.get $b03)))))
      (v128.store offset=16 (local.get $c3) (f64x2.add (v128.load offset=16 (local.get $c3)) (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $a0) (local.get $b10)) (f64x2.mul (local.get $a1) (local.get $b11))) (f64x2.mul (local.get $a2) (local.get $b12))) (f64x2.mul (local.get $a3) (local.get $b13)))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 256)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 128)))
      (br $lg)))
  )

  ;; NT: C += pl one l at a time: C = (((C + p0) + p1) + p2) + p3 per group.
  (func $kseq (export "kernelNT") (param $pa i32) (param $pb i32) (param $c i32) (param $ldc i32) (param $ng i32) (param $init i32)
    (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $end i32)
    (local $b00 v128) (local $b01 v128) (local $b02 v128) (local $b03 v128)
    (local $b10 v128) (local $b11 v128) (local $b12 v128) (local $b13 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $z v128)
    (local.set $c1 (i32.add (local.get $c) (local.get $ldc)))
    (local.set $c2 (i32.add (local.get $c1) (local.get $ldc)))
    (local.set $c3 (i32.add (local.get $c2) (local.get $ldc)))
    (if (local.get $init)
      (then
        (local.set $z (select (v128.const f64x2 -0 -0) (v128.const f64x2 0 0) (i32.eq (local.get $init) (i32.const 1))))
        (v128.store offset=0 (local.get $c) (local.get $z))
        (v128.store offset=16 (local.get $c) (local.get $z))
        (v128.store offset=0 (local.get $c1) (local.get $z))
        (v128.store offset=16 (local.get $c1) (local.get $z))
        (v128.store offset=0 (local.get $c2) (local.get $z))
        (v128.store offset=16 (local.get $c2) (local.get $z))
        (v128.store offset=0 (local.get $c3) (local.get $z))
        (v128.store offset=16 (local.get $c3) (local.get $z))))
    (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $ng) (i32.const 8))))
    (block $dg (loop $lg
      (br_if $dg (i32.ge_u (local.get $pa) (local.get $end)))
      (local.set $b00 (v128.load offset=256 (local.get $pb)))
      (local.set $b01 (v128.load offset=288 (local.get $pb)))
      (local.set $b02 (v128.load offset=320 (local.get $pb)))
      (local.set $b03 (v128.load offset=352 (local.get $pb)))
      (local.set $b10 (v128.load offset=272 (local.get $pb)))
      (local.set $b11 (v128.load offset=304 (local.get $pb)))
      (local.set $b12 (v128.load offset=336 (local.get $pb)))
      (local.set $b13 (v128.load offset=368 (local.get $pb)))
      (local.set $a0 (v128.load offset=0 (local.get $pa)))
      (local.set $a1 (v128.load offset=64 (local.get $pa)))
      (local.set $a2 (v128.load offset=128 (local.get $pa)))
      (local.set $a3 (v128.load offset=192 (local.get $pa)))
      (v128.store offset=0 (local.get $c) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=0 (local.get $c)) (f64x2.mul (local.get $a0) (local.get $b00))) (f64x2.mul (local.get $a1) (local.get $b01))) (f64x2.mul (local.get $a2) (local.get $b02))) (f64x2.mul (local.get $a3) (local.get $b03))))
      (v128.store offset=16 (local.get $c) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=16 (local.get $c)) (f64x2.mul (local.get $a0) (local.get $b10))) (f64x2.mul (local.get $a1) (local.get $b11))) (f64x2.mul (local.get $a2) (local.get $b12))) (f64x2.mul (local.get $a3) (local.get $b13))))
      (local.set $a0 (v128.load offset=16 (local.get $pa)))
      (local.set $a1 (v128.load offset=80 (local.get $pa)))
      (local.set $a2 (v128.load offset=144 (local.get $pa)))
      (local.set $a3 (v128.load offset=208 (local.get $pa)))
      (v128.store offset=0 (local.get $c1) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=0 (local.get $c1)) (f64x2.mul (local.get $a0) (local.get $b00))) (f64x2.mul (local.get $a1) (local.get $b01))) (f64x2.mul (local.get $a2) (local.get $b02))) (f64x2.mul (local.get $a3) (local.get $b03))))
      (v128.store offset=16 (local.get $c1) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=16 (local.get $c1)) (f64x2.mul (local.get $a0) (local.get $b10))) (f64x2.mul (local.get $a1) (local.get $b11))) (f64x2.mul (local.get $a2) (local.get $b12))) (f64x2.mul (local.get $a3) (local.get $b13))))
      (local.set $a0 (v128.load offset=32 (local.get $pa)))
      (local.set $a1 (v128.load offset=96 (local.get $pa)))
      (local.set $a2 (v128.load offset=160 (local.get $pa)))
      (local.set $a3 (v128.load offset=224 (local.get $pa)))
      (v128.store offset=0 (local.get $c2) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=0 (local.get $c2)) (f64x2.mul (local.get $a0) (local.get $b00))) (f64x2.mul (local.get $a1) (local.get $b01))) (f64x2.mul (local.get $a2) (local.get $b02))) (f64x2.mul (local.get $a3) (local.get $b03))))
      (v128.store offset=16 (local.get $c2) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=16 (local.get $c2)) (f64x2.mul (local.get $a0) (local.get $b10))) (f64x2.mul (local.get $a1) (local.get $b11))) (f64x2.mul (local.get $a2) (local.get $b12))) (f64x2.mul (local.get $a3) (local.get $b13))))
      (local.set $a0 (v128.load offset=48 (local.get $pa)))
      (local.set $a1 (v128.load offset=112 (local.get $pa)))
      (local.set $a2 (v128.load offset=176 (local.get $pa)))
      (local.set $a3 (v128.load offset=240 (local.get $pa)))
      (v128.store offset=0 (local.get $c3) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=0 (local.get $c3)) (f64x2.mul (local.get $a0) (local.get $b00))) (f64x2.mul (local.get $a1) (local.get $b01))) (f64x2.mul (local.get $a2) (local.get $b02))) (f64x2.mul (local.get $a3) (local.get $b03))))
      (v128.store offset=16 (local.get $c3) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load offset=16 (local.get $c3)) (f64x2.mul (local.get $a0) (local.get $b10))) (f64x2.mul (local.get $a1) (local.get $b11))) (f64x2.mul (local.get $a2) (local.get $b12))) (f64x2.mul (local.get $a3) (local.get $b13))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 256)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 128)))
      (br $lg)))
  )

  ;; Both orders' last kc mod 4 steps: C += pl one l at a time, for $nl steps.
  (func $ktail (param $pa i32) (param $pb i32) (param $c i32) (param $ldc i32) (param $nl i32)
    (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $end i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $a v128)
    (local.set $c1 (i32.add (local.get $c) (local.get $ldc)))
    (local.set $c2 (i32.add (local.get $c1) (local.get $ldc)))
    (local.set $c3 (i32.add (local.get $c2) (local.get $ldc)))
        (local.set $c00 (v128.load offset=0 (local.get $c)))
        (local.set $c01 (v128.load offset=16 (local.get $c)))
        (local.set $c10 (v128.load offset=0 (local.get $c1)))
        (local.set $c11 (v128.load offset=16 (local.get $c1)))
        (local.set $c20 (v128.load offset=0 (local.get $c2)))
        (local.set $c21 (v128.load offset=16 (local.get $c2)))
        (local.set $c30 (v128.load offset=0 (local.get $c3)))
        (local.set $c31 (v128.load offset=16 (local.get $c3)))
    (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $nl) (i32.const 6))))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $pa) (local.get $end)))
      (local.set $b0 (v128.load offset=256 (local.get $pb)))
      (local.set $b1 (v128.load offset=272 (local.get $pb)))
      (local.set $a (v128.load offset=0 (local.get $pa)))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load offset=16 (local.get $pa)))
      (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load offset=32 (local.get $pa)))
      (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load offset=48 (local.get $pa)))
      (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 64)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
      (br $l1)))
    (v128.store offset=0 (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (v128.store offset=0 (local.get $c1) (local.get $c10))
    (v128.store offset=16 (local.get $c1) (local.get $c11))
    (v128.store offset=0 (local.get $c2) (local.get $c20))
    (v128.store offset=16 (local.get $c2) (local.get $c21))
    (v128.store offset=0 (local.get $c3) (local.get $c30))
    (v128.store offset=16 (local.get $c3) (local.get $c31))
  )

  ;; C (m×n) = op(A)·op(B), op(A)[i][l] at A + i·sai + l·sal, op(B)[l][j] at B + l·sbl + j·sbj (bytes),
  ;; C row-major; $seq: the NT order ($kseq), else NN/TN ($kgrp). Loops as Goto & van de Geijn:
  ;; jc (NC columns) ▸ pc (KC steps of l; pack B) ▸ ic (MC rows; pack A) ▸ ir (4 rows) ▸ jr (4 columns):
  ;; the A panel (4 × kc splatted: 16 KB at kc = 256) stays in L1 while B panels stream from L2.
  (func $blk (export "gemmBlocked") (param $A i32) (param $B i32) (param $C i32) (param $m i32) (param $k i32) (param $n i32)
             (param $sai i32) (param $sal i32) (param $sbl i32) (param $sbj i32) (param $seq i32) (param $ws i32)
    (local $ldc i32) (local $ap i32) (local $bp i32) (local $jc i32) (local $nc i32) (local $pc i32) (local $kc i32)
    (local $ic i32) (local $mc i32) (local $jr i32) (local $ir i32) (local $init i32) (local $grp i32)
    (local $c i32) (local $ldt i32) (local $pa i32) (local $pb i32) (local $rows i32) (local $cols i32)
    (local $ng i32) (local $ps i32) (local $ga i32) (local $edge i32) (local $nb i32) (local $kb i32) (local $mb i32) (local $nbk i32)
    (local.set $ldc (i32.shl (local.get $n) (i32.const 3)))
    (local.set $grp (i32.eqz (local.get $seq)))
    ;; block sizes balanced over the blocks (784 = 4 × 196, not 3 × 256 + 16), multiples of 4
    (local.set $nbk (i32.div_u (i32.add (local.get $k) (i32.const 255)) (i32.const 256)))
    (local.set $kb (i32.and (i32.add (i32.div_u (i32.sub (i32.add (local.get $k) (local.get $nbk)) (i32.const 1)) (local.get $nbk)) (i32.const 3)) (i32.const -4)))
    (local.set $nbk (i32.div_u (i32.add (local.get $m) (i32.const 127)) (i32.const 128)))
    (local.set $mb (i32.and (i32.add (i32.div_u (i32.sub (i32.add (local.get $m) (local.get $nbk)) (i32.const 1)) (local.get $nbk)) (i32.const 3)) (i32.const -4)))
    (local.set $nbk (i32.div_u (i32.add (local.get $n) (i32.const 511)) (i32.const 512)))
    (local.set $nb (i32.and (i32.add (i32.div_u (i32.sub (i32.add (local.get $n) (local.get $nbk)) (i32.const 1)) (local.get $nbk)) (i32.const 3)) (i32.const -4)))
    (local.set $ap (i32.add (local.get $ws) (i32.const 256)))
    (local.set $bp (i32.add (local.get $ap)
      (i32.shl (i32.mul
        (i32.shl (i32.and (i32.add (select (local.get $m) (i32.const 128) (i32.lt_s (local.get $m) (i32.const 128))) (i32.const 3)) (i32.const -4)) (i32.const 1))
        (select (local.get $k) (i32.const 256) (i32.lt_s (local.get $k) (i32.const 256)))) (i32.const 3))))
    (block $djc (loop $ljc
      (br_if $djc (i32.ge_s (local.get $jc) (local.get $n)))
      (local.set $nc (i32.sub (local.get $n) (local.get $jc)))
      (if (i32.gt_s (local.get $nc) (local.get $nb)) (then (local.set $nc (local.get $nb))))
      (local.set $pc (i32.const 0))
      (block $dpc (loop $lpc
        (br_if $dpc (i32.ge_s (local.get $pc) (local.get $k)))
        (local.set $kc (i32.sub (local.get $k) (local.get $pc)))
        (if (i32.gt_s (local.get $kc) (local.get $kb)) (then (local.set $kc (local.get $kb))))
        (local.set $ng (i32.shr_u (local.get $kc) (i32.const 2)))
        ;; bytes of a packed A panel, and of its whole groups
        (local.set $ga (i32.shl (i32.and (local.get $kc) (i32.const -4)) (i32.const 6)))
        (local.set $ps (i32.shl (local.get $kc) (i32.const 6)))
        (local.set $init
          (if (result i32) (local.get $pc)
            (then (i32.const 0))
            (else (select (i32.const 1) (i32.const 2) (i32.and (local.get $grp) (i32.ge_s (local.get $k) (i32.const 4)))))))
        (call $packB (i32.add (local.get $B) (i32.add (i32.mul (local.get $pc) (local.get $sbl)) (i32.mul (local.get $jc) (local.get $sbj))))
          (local.get $sbl) (local.get $sbj) (local.get $kc) (local.get $nc) (local.get $bp))
        (local.set $ic (i32.const 0))
        (block $dic (loop $lic
          (br_if $dic (i32.ge_s (local.get $ic) (local.get $m)))
          (local.set $mc (i32.sub (local.get $m) (local.get $ic)))
          (if (i32.gt_s (local.get $mc) (local.get $mb)) (then (local.set $mc (local.get $mb))))
          (call $packA (i32.add (local.get $A) (i32.add (i32.mul (local.get $ic) (local.get $sai)) (i32.mul (local.get $pc) (local.get $sal))))
            (local.get $sai) (local.get $sal) (local.get $mc) (local.get $kc) (local.get $ap))
          (local.set $pa (local.get $ap))
          (local.set $ir (i32.const 0))
          (block $dir (loop $lir
            (br_if $dir (i32.ge_s (local.get $ir) (local.get $mc)))
            (local.set $rows (i32.sub (local.get $mc) (local.get $ir)))
            (if (i32.gt_s (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
            ;; the B panel's address − 256 (see the micro-kernels)
            (local.set $pb (i32.sub (local.get $bp) (i32.const 256)))
            (local.set $jr (i32.const 0))
            (block $djr (loop $ljr
              (br_if $djr (i32.ge_s (local.get $jr) (local.get $nc)))
              (local.set $cols (i32.sub (local.get $nc) (local.get $jr)))
              (if (i32.gt_s (local.get $cols) (i32.const 4)) (then (local.set $cols (i32.const 4))))
              (local.set $c (i32.add (local.get $C) (i32.add
                (i32.mul (i32.add (local.get $ic) (local.get $ir)) (local.get $ldc))
                (i32.shl (i32.add (local.get $jc) (local.get $jr)) (i32.const 3)))))
              (local.set $ldt (local.get $ldc))
              ;; an edge tile goes through the scratch tile at $ws (row stride 32 bytes)
              (local.set $edge (i32.lt_s (i32.and (local.get $rows) (local.get $cols)) (i32.const 4)))
              (if (local.get $edge) (then
                (if (local.get $pc)
                  (then (call $tile (local.get $c) (local.get $ldc) (local.get $ws) (local.get $rows) (local.get $cols) (i32.const 1))))
                (local.set $c (local.get $ws))
                (local.set $ldt (i32.const 32))))
              (if (local.get $seq)
                (then (call $kseq (local.get $pa) (local.get $pb) (local.get $c) (local.get $ldt) (local.get $ng) (local.get $init)))
                (else (call $kgrp (local.get $pa) (local.get $pb) (local.get $c) (local.get $ldt) (local.get $ng) (local.get $init))))
              (if (i32.and (local.get $kc) (i32.const 3))
                (then (call $ktail (i32.add (local.get $pa) (local.get $ga)) (i32.add (local.get $pb) (i32.shl (local.get $ng) (i32.const 7)))
                  (local.get $c) (local.get $ldt) (i32.and (local.get $kc) (i32.const 3)))))
              (if (local.get $edge) (then
                (call $tile (i32.add (local.get $C) (i32.add
                    (i32.mul (i32.add (local.get $ic) (local.get $ir)) (local.get $ldc))
                    (i32.shl (i32.add (local.get $jc) (local.get $jr)) (i32.const 3))))
                  (local.get $ldc) (local.get $ws) (local.get $rows) (local.get $cols) (i32.const 0))))
              (local.set $pb (i32.add (local.get $pb) (i32.shl (local.get $kc) (i32.const 5))))
              (local.set $jr (i32.add (local.get $jr) (i32.const 4)))
              (br $ljr)))
            (local.set $pa (i32.add (local.get $pa) (local.get $ps)))
            (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
            (br $lir)))
          (local.set $ic (i32.add (local.get $ic) (local.get $mb)))
          (br $lic)))
        (local.set $pc (i32.add (local.get $pc) (local.get $kb)))
        (br $lpc)))
      (local.set $jc (i32.add (local.get $jc) (local.get $nb)))
      (br $ljc))))
)
