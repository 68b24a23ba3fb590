// The lab page's HTML, shared by the VS Code panel (script from the extension's dist/, through
// the webview's resource URI) and `lnn-lab report` (script inlined, results embedded as JSON).
// A strict CSP: scripts only with the nonce, workers only from blob: (the compute worker), nothing
// from the network, no eval, no inline styles (the webview adopts constructable stylesheets).

export interface LabHtmlOptions {
  nonce: string;
  title: string;
  /** The webview's cspSource (vscode-resource origin), when scripts come from files. */
  cspSource?: string;
  /** URL of dist/webview.js (panel), or … */
  scriptUri?: string;
  /** … its text, inlined (report). */
  inlineScript?: string;
  /** Embedded for the page to show without a host: { shown: [{ source, results }] }. */
  data?: unknown;
  /** A body class: vscode-light / vscode-dark (VS Code sets its own). */
  bodyClass?: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A random nonce (base64url of 16 bytes). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[b & 63]).join('');
}

export function labCsp(o: Pick<LabHtmlOptions, 'nonce' | 'cspSource'>): string {
  const src = o.cspSource ? ` ${o.cspSource}` : '';
  // worker-src blob:: the compute worker (tfjs WebGL off the page's thread) starts from a Blob URL of its inlined bundle
  return [`default-src 'none'`, `script-src 'nonce-${o.nonce}'`, `style-src${src} 'nonce-${o.nonce}'`, `img-src${src} data: blob:`, `font-src${src}`, `worker-src blob:`].join('; ');
}

export function labHtml(o: LabHtmlOptions): string {
  const data = o.data === undefined ? '' : `<script type="application/json" id="lnn-lab-data">${JSON.stringify(o.data).replace(/</g, '\\u003c')}</script>\n`;
  const script = o.scriptUri
    ? `<script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>`
    : `<script nonce="${o.nonce}">${(o.inlineScript ?? '').replace(/<\/(script)/gi, '<\\/$1')}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${labCsp(o)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
</head>
<body${o.bodyClass ? ` class="${escapeHtml(o.bodyClass)}"` : ''}>
${data}${script}
</body>
</html>
`;
}
