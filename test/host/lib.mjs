// Shared plumbing for the code-server launchers (run-in-code-server.mjs, palette-smoke.mjs):
// a cached code-server (scripts/code-server.sh), a free port, a throwaway user-data dir, headless
// Debian chromium through playwright-core, and cleanup that kills everything it started.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Tiny argv parser: --key value, --flag. */
export function parseArgs(argv, flags = []) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) out._.push(a);
    else if (flags.includes(a.slice(2))) out[a.slice(2)] = true;
    else out[a.slice(2)] = argv[++i];
  }
  return out;
}

export const log = (...a) => console.error('[host]', ...a);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Path of the code-server executable; installs it (cached) on first use. */
export function codeServerBin() {
  if (process.env.CODE_SERVER_BIN) return process.env.CODE_SERVER_BIN;
  return execFileSync('bash', [join(REPO, 'scripts/code-server.sh'), 'bin'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Quiet, deterministic workbench: no welcome walkthrough (a webview that grabs focus), no tips. */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  // open and save dialogs as the workbench's QuickInput (code-server's web workbench uses it anyway):
  // the in-host tests drive New Experiment…'s save dialog through it
  'files.simpleDialog.enable': true,
};

/** A throwaway tree: code-server user data, extensions, XDG dirs, a HOME for chromium. */
export function makeTempRoot(prefix = 'lnn-host-', settings = {}) {
  const root = mkdtempSync(join(process.env.TMPDIR || tmpdir(), prefix));
  for (const d of ['data/ext', 'data/User', 'xdg/config', 'xdg/data', 'xdg/cache', 'xdg/state', 'home']) {
    mkdirSync(join(root, d), { recursive: true });
  }
  writeFileSync(join(root, 'data/User/settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  return root;
}

function csEnv(root, extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(root, 'xdg/config'),
    XDG_DATA_HOME: join(root, 'xdg/data'),
    XDG_CACHE_HOME: join(root, 'xdg/cache'),
    XDG_STATE_HOME: join(root, 'xdg/state'),
    ...extra,
  };
}

export function installVsix(bin, root, vsix) {
  execFileSync(
    bin,
    ['--user-data-dir', join(root, 'data'), '--extensions-dir', join(root, 'data/ext'), '--install-extension', vsix, '--force'],
    { env: csEnv(root), stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/**
 * Start code-server in its own process group; resolves once /healthz answers.
 * @returns {{ port, url, proc, logFile, stop(): Promise<void> }}
 */
export async function startCodeServer({ bin, root, folder, env = {}, timeoutMs = 60_000, trust = false }) {
  const port = await freePort();
  const logFile = join(root, 'code-server.log');
  const out = createWriteStream(logFile);
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir', join(root, 'data'),
    '--extensions-dir', join(root, 'data/ext'),
    folder,
  ];
  const t0 = Date.now();
  const proc = spawn(bin, args, { env: csEnv(root, env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.pipe(out);
  proc.stderr.pipe(out);
  let exited = null;
  proc.on('exit', (code, sig) => (exited = { code, sig }));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}); log:\n${readFileSync(logFile, 'utf8')}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`code-server not healthy after ${timeoutMs} ms; log: ${logFile}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  const startupMs = Date.now() - t0;
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-proc.pid, 'SIGTERM'); // the whole group: server, extension host, watchers
    } catch {
      return;
    }
    for (let i = 0; i < 30 && !exited; i++) await sleep(100);
    if (!exited) {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  return { port, url, proc, logFile, startupMs, stop };
}

/** Headless Debian chromium via playwright-core (which makes a fresh temp profile), HOME in root. */
export async function launchChromium(root) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y chromium (or set CHROMIUM)`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, HOME: join(root, 'home') },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      // WebGL on SwiftShader, so the panel's tfjs WebGL path runs in the real host too
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}

export function rmTree(root) {
  try {
    rmSync(root, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
}

/** Newest *.vsix in the repo root, or undefined. */
export function newestVsix() {
  const out = execFileSync('bash', ['-c', 'ls -t *.vsix 2>/dev/null | head -n1 || true'], { cwd: REPO, encoding: 'utf8' }).trim();
  return out ? join(REPO, out) : undefined;
}

/**
 * The frame of a webview whose document has `selector` (webviews sit two iframes deep:
 * workbench → webview host → content). Polls page.frames() until found or timeout.
 */
export async function waitForWebviewFrame(page, selector, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    await sleep(250);
  }
  throw new Error(`no webview frame with ${selector} after ${timeoutMs} ms`);
}

/**
 * Run a command through the command palette by its shown title ("Category: Title"). F1 opens the
 * palette (Ctrl+Shift+P on every other attempt); retries until the row appears, because contributed
 * commands show up only once the extension host has read the extension.
 */
export async function runFromPalette(page, title, timeoutMs = 60_000) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', {
    has: page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  }).first();
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (Date.now() > deadline) throw new Error(`"${title}" never appeared in the command palette`);
    if (!(await input.isVisible())) {
      await page.keyboard.press(attempt % 2 ? 'Control+Shift+P' : 'F1');
      if (!(await input.waitFor({ timeout: 3_000 }).then(() => true, () => false))) continue;
    }
    await input.fill(`>${title}`);
    if (await row.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
    await page.keyboard.press('Escape');
  }
  await row.click();
}

/** The folder a launcher opens: `--workspace DIR` as given, else a fresh copy of examples/ under root. */
export function prepareWorkspace(root, given) {
  if (given) return resolve(given);
  const workspace = join(root, 'workspace');
  cpSync(join(REPO, 'examples'), workspace, { recursive: true });
  return workspace;
}
