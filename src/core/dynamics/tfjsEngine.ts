// The float32 engines on TensorFlow.js (backends cpu, wasm, webgl): the same dynamics as the
// float64 `js` engine — gd (GBL eq. 5), gradient flow by classical RK4 (GBL eq. 6) and ACHL's
// grouprmsprop, each step in methods/*.ts — with the same advance() semantics (engine.ts), to
// float32 accuracy (spec §2). The entry the shells and the webview worker import; the parts:
//
//   tfjs/load.ts    loading tfjs lazily and making a backend active (nothing Node-specific: the
//                   webview reuses it with webgl; the Node set-up of the .wasm binaries is tfjsNode.ts)
//   tfjs/anchor.ts  the float32 loss, from an anchor W* so that it stays accurate near convergence
//   tfjs/uploads.ts the operands scaled by the method's s, the anchor, the map from raw loss to f
//   tfjs/steps.ts   the state, the scaled factor gradients every step starts from
//   tfjs/engine.ts  the state of one engine and the segment protocol
//
// Speed. At small sizes every tfjs op costs 5–80 µs and a read-back (dataSync) per step would
// dominate, so advance() runs its steps without reading anything: each step is one tf.tidy that
// keeps W (or sG) of the state it left; every LOSS_BATCH_MAX steps their losses are formed together
// in a few ops (momentsAnchor: accurate near convergence), and the losses of the whole segment (the
// whole advance() call unless it exceeds SEGMENT_MAX steps) are read back once. If some loss
// tripped a limit, the engine goes back to the state saved at the segment start and replays exactly
// up to that step, so the outcome is the one the interface prescribes.
export { loadTfjs, type TfjsBackend, type TfjsOptions } from './tfjs/load';
export { SEGMENT_MAX, TfjsEngine, createTfjsEngine } from './tfjs/engine';
