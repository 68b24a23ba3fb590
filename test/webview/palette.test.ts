// The charts' palettes (src/webview/theme.ts) in Node: every pair of the eight colours stays apart —
// CIE76 ΔE of at least 15 — as seen with normal vision and simulated protanopia, deuteranopia and
// tritanopia (Machado, Oliveira & Fernandes 2009, severity 1, on linear sRGB), on each theme. The
// workbench's chart colours the lab used before fail it (blue and purple, ΔE 1 under protanopia
// on light). Run by state.test.ts (npm run test:webview).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OKABE_ITO_DARK, OKABE_ITO_LIGHT } from '../../src/webview/theme';

const MACHADO: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** CIE L*a*b* (D65) of `hex` seen through the simulation matrix `m`. */
function lab(hex: string, m: number[][]): [number, number, number] {
  const rgb = [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255));
  const [r, g, b] = m.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])));
  const [x, y, z] = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** The closest pair of `palette` under `vision`: its ΔE and the two colours. */
function closest(palette: string[], vision: number[][]): { dE: number; pair: [string, string] } {
  let best = { dE: Infinity, pair: ['', ''] as [string, string] };
  for (let i = 0; i < palette.length; i++) {
    for (let j = i + 1; j < palette.length; j++) {
      const [a, b] = [lab(palette[i], vision), lab(palette[j], vision)];
      const dE = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
      if (dE < best.dE) best = { dE, pair: [palette[i], palette[j]] };
    }
  }
  return best;
}

const MIN_DELTA_E = 15;

describe('chart palettes (colour-blind safe)', () => {
  for (const [theme, palette] of [['light', OKABE_ITO_LIGHT], ['dark', OKABE_ITO_DARK]] as const) {
    it(`${theme}: eight colours, every pair ΔE ≥ ${MIN_DELTA_E} in each kind of vision`, () => {
      assert.equal(palette.length, 8);
      assert.equal(new Set(palette.map((c) => c.toLowerCase())).size, 8);
      for (const [vision, m] of Object.entries(MACHADO)) {
        const { dE, pair } = closest(palette, m);
        assert.ok(dE >= MIN_DELTA_E, `${theme}, ${vision}: ${pair.join(' and ')} only ΔE ${dE.toFixed(1)} apart`);
      }
    });
  }

  it('the check tells: the workbench chart colours the lab drew with before fail it', () => {
    const before = ['#1a85ff', '#d18616', '#388a34', '#e51400', '#652d90', '#bf8803', '#008080', '#a31515'];
    assert.ok(closest(before, MACHADO.protanopia).dE < MIN_DELTA_E);
  });
});
