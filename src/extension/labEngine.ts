// The lab panel's engine pick (core select.ts with WebGL at hand when the panel's probe found it):
// float32 on tfjs WebGL in the panel, or the float64 engine in the extension's compute workers.
import { problemDims } from '../core/dynamics/gradient';
import { hardwareWebglHint, pickEngine, type ConcreteBackend } from '../core/dynamics/select';
import type { Prepared } from '../core/lab';
import type { EngineInfo, WebglProbe } from '../shared/messages';

/** Whether the file asks for a float32 engine (a tfjs backend, or float32 precision). */
function asksForFloat32(prepared: Prepared): boolean {
  const { backend, precision } = prepared.experiment!.compute;
  return precision === 'float32' || (backend !== 'auto' && backend !== 'js');
}

export function pickLabEngine(prepared: Prepared, webgl: WebglProbe): EngineInfo {
  const exp = prepared.experiment!;
  const { d, p } = problemDims(prepared.problem!);
  const available: ConcreteBackend[] = webgl.ok ? ['js', 'webgl'] : ['js'];
  const pick = pickEngine(exp, d, p, available);
  let reason = pick.reason;
  if (!webgl.ok && pick.backend === 'js' && asksForFloat32(prepared)) {
    reason = `WebGL is not available in the panel (${webgl.detail}); the extension host computes in float64. ${reason}`;
  }
  const hint = hardwareWebglHint(pick, exp, d, p, webgl.ok ? webgl.detail : null);
  if (hint) reason = `${reason}. ${hint}`;
  return { backend: pick.backend, precision: pick.precision, reason, side: pick.backend === 'webgl' ? 'webview' : 'host' };
}
