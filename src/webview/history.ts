// History in the panel (issue 13): the results that runs of the experiment shown replaced (the host
// lists .lnn-lab/history/NAME/, src/extension/panelHistory.ts), newest first, with their time and
// the fields that changed since; Compare overlays one. Below, for every result overlaid, the
// experiment fields that differ from the lead's (shared/experimentDiff.ts).
import { changeText, experimentDiff } from '../shared/experimentDiff';
import type { HistoryMessage } from '../shared/messages';
import type { Shown } from './charts/model';
import { el } from './dom';

/** How many changed fields an entry lists before "+n more". */
const SHOWN_CHANGES = 4;

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
};

function changes(list: ReturnType<typeof experimentDiff>, none: string): HTMLElement {
  if (list.length === 0) return el('span', { class: 'note' }, none);
  const items = list.slice(0, SHOWN_CHANGES).map((c) => el('code', { 'data-field': c.path }, changeText(c)));
  const more = list.length > SHOWN_CHANGES ? el('span', { class: 'note', title: list.slice(SHOWN_CHANGES).map(changeText).join('\n') }, ` +${list.length - SHOWN_CHANGES} more`) : null;
  return el('span', { class: 'changes' }, ...items, more);
}

/** The history card of `history` (for the lead experiment), or null when there is nothing to list or compare. */
export function historyCard(history: HistoryMessage | null, shown: Shown[], compare: (file: string) => void): HTMLElement | null {
  const lead = shown[0];
  const entries = history && lead && history.experiment === lead.source.path ? history.entries : [];
  const overlays = shown.slice(1);
  if (entries.length === 0 && overlays.length === 0) return null;
  const card = el('section', { class: 'card wide history', 'data-card': 'history' }, el('h3', {}, 'History'));
  if (entries.length) {
    const rows = entries.map((e) => {
      const b = el('vscode-button', { secondary: '', 'data-history': e.file, title: 'overlay these results on the charts' }, 'Compare');
      b.addEventListener('click', () => compare(e.file));
      const compared = shown.some((s) => s.source.path === e.file);
      if (compared) b.setAttribute('disabled', '');
      return el('tr', { 'data-entry': e.file }, el('td', {}, when(e.time)), el('td', {}, e.complete === false ? 'partial' : 'complete'), el('td', {}, changes(e.changed, 'same experiment')), el('td', {}, b));
    });
    card.append(
      el('p', { class: 'note' }, `The results earlier runs of this file saved, which a later run replaced (newest first; the last 20 are kept). Changed: the kept run's value → now.`),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'saved'), el('th', {}, ''), el('th', {}, 'changed since'), el('th', {}, ''))), el('tbody', {}, ...rows)),
    );
  }
  for (const o of overlays) {
    const diff = experimentDiff(lead.results.experiment, o.results.experiment);
    card.append(el('div', { class: 'differs', 'data-differs': o.source.path }, el('h4', {}, `${o.source.name} against ${lead.source.name}`), changes(diff, 'the same experiment')));
  }
  return card;
}
