// The Family Mix (a view): "Who's watching?", the warning banner, the confirmation note and
// the fairness ledger.

import { $, clear, el, percent } from './dom.js';

/**
 * "Who's watching?": a checkbox per profile in `profiles` (none outside the Family Mix),
 * ticked unless its id is in `notWatching`; `onToggle(profile, input)` when one changes.
 */
export function renderWatching(profiles, notWatching, onToggle) {
  const box = $('watching');
  clear(box);
  for (const p of profiles) {
    const id = 'watching-' + p.id;
    box.append(el('div', { class: 'watcher' },
      el('input', {
        type: 'checkbox', id, value: p.id,
        checked: !notWatching.has(p.id),
        'aria-describedby': 'watching-hint',
        onchange: (event) => onToggle(p, event.currentTarget),
      }),
      el('label', { for: id, text: p.name })));
  }
}

/** The banner above the Mix: the `message` of a Family Mix answer's warning (null: hidden). */
export function renderFamilyWarning(warning) {
  const box = $('family-warning');
  const message = warning && typeof warning.message === 'string' ? warning.message : '';
  box.textContent = message;
  box.hidden = !message;
}

/** A short confirmation above the Family Mix (the status line says it too). */
export function showNote(text) {
  const note = $('family-note');
  note.textContent = text || '';
  note.hidden = !text;
}

export function creditText(credit) {
  const value = typeof credit === 'number' ? credit : 0;
  if (Math.abs(value) < 0.005) return { cls: 'even', value: '0.00', meaning: 'even so far' };
  if (value > 0) {
    return { cls: 'ahead', value: '+' + value.toFixed(2), meaning: 'past picks favoured them' };
  }
  return {
    cls: 'behind', value: '−' + Math.abs(value).toFixed(2),
    meaning: 'lost out; the Mix leans their way',
  };
}

/** The fairness ledger (GET /family/ledger): each member's credit and the last watches. */
export function renderLedger(ledger) {
  const credits = $('fairness-credit');
  clear(credits);
  for (const c of Array.isArray(ledger.credit) ? ledger.credit : []) {
    const t = creditText(c.credit);
    credits.append(el('li', { class: 'credit-row ' + t.cls },
      el('span', { class: 'credit-name', text: c.name }),
      ' ',
      el('span', { class: 'credit-value', text: t.value }),
      ' ',
      el('span', { class: 'credit-meaning', text: t.meaning })));
  }
  const watches = (Array.isArray(ledger.watches) ? ledger.watches.slice() : [])
    .sort((a, b) => (b.ts || 0) - (a.ts || 0));
  const list = $('fairness-watches');
  clear(list);
  if (!watches.length) {
    list.append(el('li', { class: 'empty', text: 'Nothing yet: use "We watched this" on a card.' }));
    return;
  }
  for (const w of watches.slice(0, 10)) {
    const when = w.ts ? new Date(w.ts * 1000).toLocaleDateString('en-AU',
      { day: 'numeric', month: 'short', year: 'numeric' }) : '';
    const who = (w.fits || []).map((f) => f.name + ' ' + percent(f.fit) + '%').join(', ');
    list.append(el('li', null,
      el('span', { class: 'watch-title', text: w.title || w.show_id }),
      when ? ' · ' + when : null,
      who ? el('span', { class: 'watch-fits', text: ' (' + who + ')' }) : null));
  }
  if (watches.length > 10) {
    list.append(el('li', { class: 'empty', text: 'and ' + (watches.length - 10) + ' more' }));
  }
}
