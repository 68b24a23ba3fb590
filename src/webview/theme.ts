// The VS Code theme as the charts need it: colors read from the workbench's CSS variables (the
// report page defines the same variables for light and dark), re-read when the body's theme
// class changes (vscode-light / vscode-dark / vscode-high-contrast[-light]).

export interface Theme {
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  fontFamily: string;
  fontSize: number;
  /** One color per series family (run, component, rank k). */
  palette: string[];
}

const css = (name: string, fallback: string) => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;

function themeKind(): Theme['kind'] {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-dark')) return 'dark';
  return 'light';
}

// Okabe & Ito's colour-blind-safe palette (Color Universal Design): eight hues (the light theme's eighth Tol's wine, for yellow) told apart under
// protanopia, deuteranopia and tritanopia, ordered so neighbours differ most, and per theme so each
// reads on its background (no yellow on white, no black on dark). Series families past eight
// differ by line style (charts/model.ts sourceDash, reducedRank's dashes).
export const OKABE_ITO_LIGHT = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#882255'];
export const OKABE_ITO_DARK = ['#56B4E9', '#E69F00', '#009E73', '#CC79A7', '#F0E442', '#D55E00', '#FFFFFF', '#0072B2'];

export function readTheme(): Theme {
  const kind = themeKind();
  const dark = kind === 'dark' || kind === 'high-contrast';
  const foreground = css('--vscode-editor-foreground', dark ? '#cccccc' : '#333333');
  const hc = kind.startsWith('high-contrast');
  return {
    kind,
    foreground,
    muted: hc ? foreground : css('--vscode-descriptionForeground', dark ? '#9d9d9d' : '#717171'),
    grid: hc ? css('--vscode-contrastBorder', foreground) : css('--vscode-charts-lines', dark ? 'rgba(204,204,204,0.25)' : 'rgba(0,0,0,0.15)'),
    background: css('--vscode-editor-background', dark ? '#1f1f1f' : '#ffffff'),
    fontFamily: css('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: parseFloat(css('--vscode-font-size', '13')) || 13,
    palette: dark ? OKABE_ITO_DARK : OKABE_ITO_LIGHT,
  };
}

/** Calls `onChange` whenever the workbench switches theme (the body's class changes). */
export function observeTheme(onChange: () => void): void {
  let last = document.body.className;
  new MutationObserver(() => {
    if (document.body.className === last) return;
    last = document.body.className;
    onChange();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
