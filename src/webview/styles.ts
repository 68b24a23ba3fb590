// The lab's stylesheet, adopted as a constructable stylesheet (no inline <style>, so the CSP needs
// no 'unsafe-inline'). Every color is a VS Code theme variable; the report page defines them.
export const LAB_CSS = `
:root { color-scheme: light dark; }
body { margin: 0; padding: 0 16px 24px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
.top { position: sticky; top: 0; z-index: 2; background: var(--vscode-editor-background); padding: 10px 0 8px;
  border-bottom: 1px solid var(--vscode-panel-border, transparent); }
h2 { margin: 0 0 2px; font-size: 1.25em; font-weight: 600; }
.source { margin: 0; color: var(--vscode-descriptionForeground); font-size: .92em; word-break: break-all; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; margin-top: 8px; }
.toolbar label { display: inline-flex; gap: 6px; align-items: center; }
.status { margin: 8px 0 0; min-height: 1.3em; }
.title-row { display: flex; gap: 10px; align-items: baseline; }
.preview-mark { font-size: .85em; padding: 0 6px; border-radius: 8px; border: 1px solid var(--vscode-editorInfo-foreground, currentColor);
  color: var(--vscode-editorInfo-foreground, inherit); }
.stale { display: flex; gap: 12px; align-items: center; margin-top: 8px; padding: 6px 10px; border-radius: 4px;
  border: 1px solid var(--vscode-inputValidation-warningBorder, var(--vscode-editorWarning-foreground));
  background: var(--vscode-inputValidation-warningBackground, transparent); color: var(--vscode-foreground); }
.stale-text { flex: 1; }
.controls { margin-top: 14px; border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, rgba(128,128,128,.35)));
  border-radius: 4px; padding: 8px 10px 10px; }
.controls h3 { margin: 0; font-size: 1em; font-weight: 600; display: inline; }
.controls .note { display: inline; margin-left: 10px; }
.sliders { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 6px 22px; margin-top: 6px; }
.slider label { display: flex; justify-content: space-between; gap: 8px; font-size: .92em; }
.slider-value { font-variant-numeric: tabular-nums; color: var(--vscode-descriptionForeground); }
.slider .track { position: relative; }
.slider.has-marks .track { padding-bottom: 26px; }
.slider input[type=range] { width: 100%; margin: 2px 0; accent-color: var(--vscode-button-background); }
.slider-marks { position: absolute; left: 8px; right: 8px; bottom: 0; height: 24px; pointer-events: none; }
.slider-mark { position: absolute; font-size: .75em; line-height: 1; white-space: nowrap;
  border-left: 1px solid currentColor; padding-left: 2px; height: 11px; }
.mark-stability { color: var(--vscode-editorWarning-foreground); }
.mark-eigengap { color: var(--vscode-editorInfo-foreground); }
.mark-diverges { color: var(--vscode-errorForeground); }
.history table { border-collapse: collapse; margin: 6px 0; font-variant-numeric: tabular-nums; }
.history td, .history th { padding: 2px 12px 2px 0; text-align: left; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.25)); }
.history th { color: var(--vscode-descriptionForeground); font-weight: 600; }
.history .changes { display: inline-flex; flex-wrap: wrap; gap: 2px 10px; }
.history code { font-family: var(--vscode-editor-font-family); font-size: .92em; }
.history h4 { margin: 10px 0 4px; }
.top.is-stale ~ .grid .card { opacity: .7; }
.top.bare { border: none; position: static; }
.status.warning { color: var(--vscode-editorWarning-foreground); }
.status.error { color: var(--vscode-errorForeground); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 520px), 1fr)); gap: 14px; margin-top: 14px; }
.card { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, rgba(128,128,128,.35)));
  border-radius: 4px; padding: 8px 10px 10px; background: var(--vscode-editorWidget-background, transparent); min-width: 0; }
.card.wide { grid-column: 1 / -1; }
.drill { display: flex; gap: 12px; align-items: center; margin-top: 10px; padding: 6px 10px; border-radius: 4px;
  border: 1px solid var(--vscode-focusBorder, currentColor); }
.heatmap-controls { display: inline-flex; gap: 6px; align-items: center; }
.card canvas:focus-visible { outline: 1px solid var(--vscode-focusBorder, currentColor); outline-offset: 2px; }
.card header { display: flex; flex-wrap: wrap; gap: 6px; justify-content: space-between; align-items: center; }
.card h3 { margin: 0; font-size: 1em; font-weight: 600; }
.tools { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.tools vscode-button { --vscode-button-padding-horizontal: 6px; }
.canvas-wrap { position: relative; height: 300px; margin-top: 6px; }
.card.wide .canvas-wrap { height: 360px; }
.note { color: var(--vscode-descriptionForeground); margin: 6px 0 0; }
.empty { max-width: 640px; margin: 48px auto; line-height: 1.6; }
.empty h2 { font-size: 1.4em; margin-bottom: 10px; }
.empty code, .theory code { font-family: var(--vscode-editor-font-family); font-size: .95em;
  background: var(--vscode-textCodeBlock-background, rgba(128,128,128,.15)); padding: 0 3px; border-radius: 3px; }
.empty .actions { display: flex; gap: 8px; margin-top: 14px; }
.theory table { border-collapse: collapse; margin: 10px 0; font-variant-numeric: tabular-nums; }
.theory caption { text-align: left; font-weight: 600; padding-bottom: 4px; white-space: nowrap; }
.theory .tables { display: flex; flex-wrap: wrap; gap: 0 36px; align-items: flex-start; }
.theory th, .theory td { padding: 2px 10px 2px 0; text-align: left; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.25)); }
.theory th { color: var(--vscode-descriptionForeground); font-weight: 600; }
.theory ul { margin: 6px 0; padding-left: 18px; }
.theory .measures { display: flex; flex-wrap: wrap; gap: 4px 22px; list-style: none; padding: 0; }
.theory .bad .verdict { color: var(--vscode-errorForeground); font-weight: 600; }
.theory .ok .verdict { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.theory h4 { margin: 10px 0 4px; }
.sev { display: inline-block; min-width: 4.5em; font-weight: 600; }
.sev-error .sev { color: var(--vscode-errorForeground); }
.sev-warning .sev { color: var(--vscode-editorWarning-foreground); }
.sev-info .sev { color: var(--vscode-editorInfo-foreground); }
[hidden] { display: none !important; }
`;

export function adoptStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LAB_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
