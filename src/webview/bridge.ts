// The webview's side of the message channel. Inside VS Code: acquireVsCodeApi (post, state).
// In the report page (lnn-lab report) there is no host: exports become downloads, and commands
// that need the editor are not offered.
import type { FromWebview, PanelState } from '../shared/messages';
import { base64ToBytes } from '../shared/wire';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export interface Bridge {
  /** false in the report page: no extension host behind it. */
  readonly hosted: boolean;
  post(message: FromWebview): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}

const MIME: Record<string, string> = { png: 'image/png', svg: 'image/svg+xml', csv: 'text/csv', json: 'application/json' };

function download(fileName: string, base64: string): void {
  const bytes = base64ToBytes(base64);
  const ext = fileName.split('.').pop() ?? '';
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: MIME[ext] ?? 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function createBridge(): Bridge {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  if (api) {
    return {
      hosted: true,
      post: (m) => api.postMessage(m),
      getState: () => api.getState() as PanelState | undefined,
      setState: (s) => api.setState(s),
    };
  }
  return {
    hosted: false,
    post: (m) => {
      if (m.type === 'export') download(m.fileName, m.base64);
    },
    getState: () => undefined,
    setState: () => undefined,
  };
}
