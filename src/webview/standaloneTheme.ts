// Outside VS Code (the report page, tests) nothing defines the workbench's CSS variables: this
// defines them as VS Code's Light Modern / Dark Modern themes do, for body.vscode-light and
// body.vscode-dark, and picks the class from prefers-color-scheme when the page set none.
const VARS = {
  light: {
    foreground: '#3b3b3b', 'editor-foreground': '#3b3b3b', 'editor-background': '#ffffff', descriptionForeground: '#5f5f5f',
    'panel-border': '#e5e5e5', 'editorWidget-background': '#f8f8f8', 'charts-lines': 'rgba(0,0,0,0.12)',
    'charts-blue': '#1a85ff', 'charts-orange': '#d18616', 'charts-green': '#388a34', 'charts-red': '#e51400', 'charts-purple': '#652d90', 'charts-yellow': '#bf8803',
    errorForeground: '#e51400', 'editorWarning-foreground': '#bf8803', 'editorInfo-foreground': '#1a85ff', 'testing-iconPassed': '#388a34',
    'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-hoverBackground': '#0258a8', 'button-secondaryHoverBackground': '#cccccc',
    'textCodeBlock-background': '#f2f2f2', 'focusBorder': '#005fb8', 'dropdown-background': '#ffffff', 'dropdown-border': '#cecece', 'dropdown-foreground': '#3b3b3b', 'checkbox-background': '#f8f8f8', 'checkbox-border': '#cecece', 'checkbox-foreground': '#3b3b3b',
    'settings-checkboxBackground': '#f8f8f8', 'settings-checkboxBorder': '#cecece', 'settings-checkboxForeground': '#3b3b3b', 'settings-dropdownBackground': '#ffffff', 'settings-dropdownBorder': '#cecece', 'settings-dropdownForeground': '#3b3b3b', 'settings-dropdownListBorder': '#c8c8c8',
    'list-activeSelectionBackground': '#e8e8e8', 'list-activeSelectionForeground': '#000000', 'list-hoverBackground': '#f2f2f2', 'list-focusOutline': '#005fb8', 'widget-shadow': 'rgba(0,0,0,0.16)',
  },
  dark: {
    foreground: '#cccccc', 'editor-foreground': '#cccccc', 'editor-background': '#1f1f1f', descriptionForeground: '#9d9d9d',
    'panel-border': '#2b2b2b', 'editorWidget-background': '#202020', 'charts-lines': 'rgba(204,204,204,0.16)',
    'charts-blue': '#3794ff', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-red': '#f14c4c', 'charts-purple': '#b180d7', 'charts-yellow': '#cca700',
    errorForeground: '#f85149', 'editorWarning-foreground': '#cca700', 'editorInfo-foreground': '#3794ff', 'testing-iconPassed': '#73c991',
    'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-hoverBackground': '#026ec1', 'button-secondaryHoverBackground': '#3c3c3c',
    'textCodeBlock-background': '#2b2b2b', 'focusBorder': '#0078d4', 'dropdown-background': '#313131', 'dropdown-border': '#3c3c3c', 'dropdown-foreground': '#cccccc', 'checkbox-background': '#313131', 'checkbox-border': '#3c3c3c', 'checkbox-foreground': '#cccccc',
    'settings-checkboxBackground': '#313131', 'settings-checkboxBorder': '#3c3c3c', 'settings-checkboxForeground': '#cccccc', 'settings-dropdownBackground': '#313131', 'settings-dropdownBorder': '#3c3c3c', 'settings-dropdownForeground': '#cccccc', 'settings-dropdownListBorder': '#454545',
    'list-activeSelectionBackground': '#04395e', 'list-activeSelectionForeground': '#ffffff', 'list-hoverBackground': '#2a2d2e', 'list-focusOutline': '#0078d4', 'widget-shadow': 'rgba(0,0,0,0.36)',
  },
};

const block = (sel: string, vars: Record<string, string>) =>
  `${sel} { ${Object.entries(vars).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ')} --vscode-font-family: system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: Menlo, Consolas, "DejaVu Sans Mono", monospace; }`;

export function applyStandaloneTheme(): void {
  if (getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim()) return;
  if (!/\bvscode-(light|dark|high-contrast)/.test(document.body.className)) {
    document.body.classList.add(matchMedia('(prefers-color-scheme: dark)').matches ? 'vscode-dark' : 'vscode-light');
  }
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`${block('body.vscode-light, body.vscode-high-contrast-light', VARS.light)}\n${block('body.vscode-dark, body.vscode-high-contrast', VARS.dark)}\nbody.vscode-high-contrast, body.vscode-high-contrast-light { --vscode-contrastBorder: #6fc3df; }`);
  document.adoptedStyleSheets = [sheet, ...document.adoptedStyleSheets];
}
