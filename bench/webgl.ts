// npm run bench's WebGL rows: the core's tfjs engine on the WebGL backend, in headless Chromium
// (playwright-core), bundled at bench time from bench/webgl-page.ts with esbuild as the lab panel
// bundles it (tfjs-core + tfjs-backend-webgl; the full tfjs and the wasm backend stubbed). A fresh
// profile and HOME per run, nothing from the network.
//
// GPU flags. By default Chromium renders WebGL on SwiftShader (ANGLE's CPU renderer), as the webview
// tests do. On a machine with a real GPU, replace the GPU flags with BENCH_CHROMIUM_ARGS (split on
// spaces), e.g.
//   BENCH_CHROMIUM_ARGS="--use-angle=gl --use-gl=egl --ignore-gpu-blocklist" npm run bench
//   BENCH_CHROMIUM_ARGS="--use-angle=vulkan --enable-features=Vulkan --ignore-gpu-blocklist" npm run bench
// The renderer that tfjs got is printed above the table. CHROMIUM: the browser (default /usr/bin/chromium).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import type { Timing } from './measure';

const REPO = resolve(__dirname, '..');
const SWIFTSHADER = ['--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const QUIET = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface WebglBench {
  /** What tfjs renders on (WEBGL_debug_renderer_info), e.g. "WebGL 2: ANGLE (Google, Vulkan 1.3.0 (SwiftShader …))". */
  renderer: string;
  /** The flags Chromium was started with. */
  args: string[];
  /** stepsPerSecond (bench/measure.ts) of the tfjs WebGL engine on randomProblem(d, d), width d. */
  run(d: number, depth: number, seconds: number, reps: number, maxSeconds: number): Promise<Timing>;
  close(): Promise<void>;
}

type BenchWindow = { lnnBench: { init(): Promise<string>; run(d: number, depth: number, seconds: number, reps: number, maxSeconds: number): Promise<Timing> } };

export async function startWebglBench(): Promise<WebglBench> {
  const home = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'lnn-bench-webgl-'));
  let context: BrowserContext | null = null;
  try {
    const bundle = join(home, 'webgl-page.js');
    await esbuild.build({
      entryPoints: [join(REPO, 'bench/webgl-page.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      format: 'iife',
      minify: true,
      logLevel: 'warning',
      // measure.ts's wasmPeakGflopsTogether imports worker_threads when it runs (in Node, never in the page)
      external: ['node:*'],
      alias: {
        '@tensorflow/tfjs': join(REPO, 'src/webview/tfjsUnavailable.ts'),
        '@tensorflow/tfjs-backend-wasm': join(REPO, 'src/webview/tfjsUnavailable.ts'),
      },
    });
    const { chromium } = await import('playwright-core');
    const gpu = process.env.BENCH_CHROMIUM_ARGS?.trim() ? process.env.BENCH_CHROMIUM_ARGS.trim().split(/\s+/) : SWIFTSHADER;
    const args = [...QUIET, ...gpu];
    context = await chromium.launchPersistentContext(join(home, 'profile'), {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      env: { ...process.env, HOME: home },
      args,
    });
    const page: Page = await context.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: readFileSync(bundle, 'utf8') });
    const renderer = await page.evaluate(() => (window as unknown as BenchWindow).lnnBench.init());
    const ctx = context;
    return {
      renderer,
      args,
      run: (d, depth, seconds, reps, maxSeconds) =>
        page.evaluate(([a, b, c, r, m]) => (window as unknown as BenchWindow).lnnBench.run(a, b, c, r, m), [d, depth, seconds, reps, maxSeconds] as const),
      async close() {
        await ctx.close().catch(() => undefined);
        rmSync(home, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context?.close().catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
    throw e;
  }
}
