// The empty state: what the panel is for and how to fill it.
import { el } from './dom';

export function emptyState(hosted: boolean, command: (c: 'openResults') => void): HTMLElement {
  const open = el('vscode-button', { 'data-command': 'openResults' }, 'Open Results…');
  open.addEventListener('click', () => command('openResults'));
  return el(
    'div',
    { class: 'empty' },
    el('h2', {}, 'LNN Lab'),
    el('p', {}, 'Nothing to show yet. This panel draws the gradient dynamics of linear networks next to the papers’ theory: the staircase of ‖W‖*, each component against its scalar theory, the losses, and the distances to the reduced-rank solutions.'),
    hosted
      ? el(
          'p',
          {},
          'Open an experiment (',
          el('code', {}, '*.lnn.json'),
          ') and run ',
          el('code', {}, 'LNN Lab: Open Lab'),
          ' (or click “Open Lab” above it) to run it and watch it live, or show a saved ',
          el('code', {}, 'NAME.results.json'),
          ' with ',
          el('code', {}, 'LNN Lab: Open Results…'),
          '. New here? ',
          el('code', {}, 'LNN Lab: New Experiment…'),
          ' writes a starter file.',
        )
      : el('p', {}, 'This page holds no results.'),
    hosted ? el('div', { class: 'actions' }, open) : null,
  );
}
