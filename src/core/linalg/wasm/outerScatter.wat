;; Sparse outer products accumulated into a dense matrix: for each row t of a chunk given by its
;; nonzero entries (column idx, value val), S[idx_a][idx_b] += val_a · val_b for a ≤ b — the upper
;; triangle of Σ_t x_t x_tᵀ (sample moments XᵀX, src/core/data/empirical.ts). The same operations in
;; the same order as the JS loop there (rows in turn, a ascending, b ascending from a; one rounded
;; multiply and one rounded add per entry, no fma), so the sums are the same bits.
;;
;; Every pointer is a byte offset into the imported memory (env.memory), as in gemm.wat.
(module
  (import "env" "memory" (memory 1))

  ;; S: d×d f64 row-major; idx: i32 columns; val: f64 values; start: rows + 1 i32 offsets into idx/val.
  (func (export "scatter") (param $S i32) (param $d i32) (param $idx i32) (param $val i32) (param $start i32) (param $rows i32)
    (local $t i32) (local $c0 i32) (local $c1 i32) (local $a i32)
    (local $row i32) (local $va f64) (local $p i32) (local $q i32) (local $rowBytes i32)
    (local $pi i32) (local $pv i32) (local $pend i32) (local $pend2 i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (block $rowsDone (loop $rowsLoop
      (br_if $rowsDone (i32.ge_u (local.get $t) (local.get $rows)))
      (local.set $c0 (i32.load (i32.add (local.get $start) (i32.shl (local.get $t) (i32.const 2)))))
      (local.set $c1 (i32.load offset=4 (i32.add (local.get $start) (i32.shl (local.get $t) (i32.const 2)))))
      (local.set $a (local.get $c0))
      (block $aDone (loop $aLoop
        (br_if $aDone (i32.ge_u (local.get $a) (local.get $c1)))
        (local.set $va (f64.load (i32.add (local.get $val) (i32.shl (local.get $a) (i32.const 3)))))
        (local.set $row (i32.add (local.get $S) (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $a) (i32.const 2)))) (local.get $rowBytes))))
        ;; b = a … c1 − 1 by pointers into idx (4 bytes a step) and val (8), two at a time
        (local.set $pi (i32.add (local.get $idx) (i32.shl (local.get $a) (i32.const 2))))
        (local.set $pv (i32.add (local.get $val) (i32.shl (local.get $a) (i32.const 3))))
        (local.set $pend (i32.add (local.get $idx) (i32.shl (local.get $c1) (i32.const 2))))
        (local.set $pend2 (i32.sub (local.get $pend) (i32.const 4)))
        (block $pairsDone (loop $pairs
          (br_if $pairsDone (i32.ge_u (local.get $pi) (local.get $pend2)))
          (local.set $p (i32.add (local.get $row) (i32.shl (i32.load (local.get $pi)) (i32.const 3))))
          (local.set $q (i32.add (local.get $row) (i32.shl (i32.load offset=4 (local.get $pi)) (i32.const 3))))
          (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (f64.mul (local.get $va) (f64.load (local.get $pv)))))
          (f64.store (local.get $q) (f64.add (f64.load (local.get $q)) (f64.mul (local.get $va) (f64.load offset=8 (local.get $pv)))))
          (local.set $pi (i32.add (local.get $pi) (i32.const 8)))
          (local.set $pv (i32.add (local.get $pv) (i32.const 16)))
          (br $pairs)))
        (if (i32.lt_u (local.get $pi) (local.get $pend))
          (then
            (local.set $p (i32.add (local.get $row) (i32.shl (i32.load (local.get $pi)) (i32.const 3))))
            (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (f64.mul (local.get $va) (f64.load (local.get $pv)))))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $aLoop)))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $rowsLoop)))
  )
)
