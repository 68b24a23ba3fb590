// Dev tool: one core's WebAssembly f64x2 peak (bench/measure.ts wasmPeakGflops) against the same
// kernel on two threads at once (wasmPeakGflopsTogether) — whether this machine's cores scale now.
// node --import tsx bench/peak2.ts
import { wasmPeakGflops, wasmPeakGflopsTogether } from './measure';

(async () => {
  for (let rep = 0; rep < 4; rep++) {
    const one = await wasmPeakGflops();
    const two = await wasmPeakGflopsTogether(2);
    console.log(`one thread ${one.toFixed(2)} GFLOP/s; two at once ${two.toFixed(2)} (${(two / one).toFixed(2)}×)`);
  }
})();
