// What a .vsix carries: the names in its zip central directory (no unzip needed), and the check
// the palette smoke makes before installing it — the bundles every shell loads at run time, the
// compute workers, the mnist digits, the schema and the bundled paper examples (Try an Example…).
import { readFileSync } from 'node:fs';

/** The entry names of a zip file (its central directory). */
export function zipEntries(file) {
  const buf = readFileSync(file);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

/** The files a working install needs (relative to the extension folder): what is missing, if anything. */
export function missingFromVsix(file, examples) {
  const names = new Set(zipEntries(file).map((n) => n.replace(/^extension\//, '')));
  const needed = ['package.json', 'dist/extension.js', 'dist/runWorker.js', 'dist/computeWorker.js', 'dist/gemmTeamWorker.js', 'dist/mnist-digits.bin.gz', 'dist/webview.js', 'dist/tfjs-node.js', 'src/core/experiment/schema.json', ...examples.map((e) => `examples/${e}`)];
  return needed.filter((n) => !names.has(n));
}
