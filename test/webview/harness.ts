// The webview under test: dist/webview.js in a page served from a loopback HTTP server, under the
// panel's CSP, with a stand-in for acquireVsCodeApi that records what the webview posts; headless
// Debian chromium through playwright-core, SwiftShader for WebGL, a throwaway profile and HOME.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createFloat64Engine } from '../../src/core/dynamics/float64Engine';
import { nodeDataIO } from '../../src/core/io';
import { prepareExperiment, runExperiment, type Prepared } from '../../src/core/lab';
import type { Results } from '../../src/core/types';
import { labHtml } from '../../src/shared/labHtml';

export const REPO = resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const STAND_IN = `
window.__posted = []; window.__csp = []; window.__errors = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
let state;
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => { state = s; } });
`;

export interface Harness {
  context: BrowserContext;
  origin: string;
  panelUrl(theme?: 'light' | 'dark'): string;
  close(): Promise<void>;
}

/** A panel page for `theme`: the panel's HTML (labHtml) with the stand-in before the bundle. */
function panelPage(origin: string, theme: string): string {
  const nonce = 'testnonce0123456789';
  const html = labHtml({ nonce, title: 'LNN Lab test', cspSource: origin, scriptUri: `${origin}/dist/webview.js`, bodyClass: `vscode-${theme}` });
  return html.replace(/(<body[^>]*>)/, `$1\n<script nonce="${nonce}">${STAND_IN}</script>`);
}

export async function startHarness(): Promise<Harness> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/panel.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(panelPage(origin, url.searchParams.get('theme') ?? 'dark'));
    } else if (url.pathname === '/dist/webview.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(readFileSync(join(REPO, 'dist/webview.js')));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  const home = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'lnn-webview-'));
  const context = await chromium.launchPersistentContext(join(home, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 1700 },
    env: { ...process.env, HOME: home },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    origin,
    panelUrl: (theme = 'dark') => `${origin}/panel.html?theme=${theme}`,
    async close() {
      await context.close().catch(() => undefined);
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Sends a host → webview message, as VS Code delivers it (a window message event). */
export async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message as object);
}

/** Resolves with the first posted message matching `type` (and `pred`). */
export async function waitPosted<T = Record<string, unknown>>(page: Page, type: string, timeoutMs = 60_000, skip = 0): Promise<T> {
  const handle = await page.waitForFunction(
    ([t, n]) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === t)[n as number],
    [type, skip] as const,
    { timeout: timeoutMs, polling: 100 },
  );
  return (await handle.jsonValue()) as T;
}

export async function prepareFile(file: string, edit?: (text: string) => string): Promise<Prepared> {
  const path = join(REPO, file);
  const text = readFileSync(path, 'utf8');
  return prepareExperiment(edit ? edit(text) : text, nodeDataIO(path));
}

export async function runFloat64(prepared: Prepared): Promise<Results> {
  return runExperiment(prepared, { engineFor: () => ({ factory: createFloat64Engine, backend: 'js', precision: 'float64' }) });
}
