// The browser build's stand-in for @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm (esbuild.mjs):
// the webview hands the engine its own tfjs-core with the WebGL backend (compute.ts), so the
// engine's lazy imports of the full packages are never taken there.
throw new Error('LNN Lab webview: the full @tensorflow/tfjs and its wasm backend are not bundled; pass tfjs-core with WebGL');
