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

// Beyond the workbench's six chart colors: more hues that stay readable on both backgrounds.
const EXTRA_DARK = ['#4ec9b0', '#ce9178', '#c586c0', '#9cdcfe', '#d7ba7d', '#f48771'];
const EXTRA_LIGHT = ['#008080', '#a31515', '#af00db', '#0451a5', '#795e26', '#e51400'];

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
    palette: [
      css('--vscode-charts-blue', dark ? '#3794ff' : '#1a85ff'),
      css('--vscode-charts-orange', dark ? '#d18616' : '#d18616'),
      css('--vscode-charts-green', dark ? '#89d185' : '#388a34'),
      css('--vscode-charts-red', dark ? '#f14c4c' : '#e51400'),
      css('--vscode-charts-purple', dark ? '#b180d7' : '#652d90'),
      css('--vscode-charts-yellow', dark ? '#cca700' : '#bf8803'),
      ...(dark ? EXTRA_DARK : EXTRA_LIGHT),
    ],
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
