// The generated WebAssembly modules (src/core/linalg/wasm/*Wasm.generated.ts) are the bytes of their
// .wat as scripts/build-wasm.mjs assembles them now: a .wat edited without `node scripts/build-wasm.mjs`
// (or a generated module edited by hand) fails here, naming the stale file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'node:test';

it('every generated WebAssembly module is fresh (build-wasm.mjs --check)', () => {
  const root = join(__dirname, '..', '..', '..');
  const r = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `stale WebAssembly modules:\n${r.stderr}${r.stdout}`);
});
