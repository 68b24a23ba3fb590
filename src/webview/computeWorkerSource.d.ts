// The compute worker's bundle (computeWorker.ts) as text: a virtual module esbuild.mjs provides,
// which the page starts from a Blob URL (computeClient.ts).
declare module 'compute-worker-source' {
  const source: string;
  export default source;
}
