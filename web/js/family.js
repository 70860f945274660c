// The Family Mix: who's watching, the warning banner, "we watched this", the fairness
// ledger.

import { api } from './api.js';
import {
  $,
  clear,
  el,
  namesList,
  percent,
  reportError,
  setStatus,
  showError,
  storageGet,
  storageSet,
} from './dom.js';
import { renderHeadings } from './profiles.js';
import { loadSlate } from './slate.js';
import { NOT_WATCHING_KEY, state } from './state.js';

// --- who's watching (Family Mix) -----------------------------------------------------------

export function loadWatching() {
  let stored = [];
  try {
    stored = JSON.parse(storageGet(NOT_WATCHING_KEY) || '[]');
  } catch (e) {
    stored = [];
  }
  const known = new Set(state.profiles.map((p) => p.id));
  state.notWatching = new Set((Array.isArray(stored) ? stored : []).filter((id) => known.has(id)));
  if (!watchingProfiles().length) state.notWatching.clear(); // someone is always watching
}

export function watchingProfiles() {
  return state.profiles.filter((p) => !state.notWatching.has(p.id));
}

export function renderWatching() {
  const box = $('watching');
  clear(box);
  if (!state.family) return;
  for (const p of state.profiles) {
    const id = 'watching-' + p.id;
    box.append(el('div', { class: 'watcher' },
      el('input', {
        type: 'checkbox', id, value: p.id,
        checked: !state.notWatching.has(p.id),
        'aria-describedby': 'watching-hint',
        onchange: (event) => toggleWatching(p, event.currentTarget),
      }),
      el('label', { for: id, text: p.name })));
  }
}

export function toggleWatching(profile, input) {
  if (input.checked) {
    state.notWatching.delete(profile.id);
  } else if (watchingProfiles().length <= 1) {
    input.checked = true;
    setStatus('At least one person must be watching: ' + profile.name + ' stays ticked.');
    return;
  } else {
    state.notWatching.add(profile.id);
  }
  storageSet(NOT_WATCHING_KEY,
    state.notWatching.size ? JSON.stringify(Array.from(state.notWatching)) : null);
  showNote('');
  renderHeadings();
  loadSlate();
}


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

export async function watchedTogether(item, button, index) {
  if (!state.family || state.busy) return;
  const members = watchingProfiles();
  const names = namesList(members);
  state.busy = true;
  button.disabled = true;
  showError('');
  setStatus('Noting that ' + names + ' watched ' + item.title + '…');
  try {
    await api('POST', '/family/watched',
      { show_id: item.id, profile_ids: members.map((p) => p.id) });
    const note = 'Noted: ' + names + ' watched ' + item.title + ' together.';
    showNote(note + ' It is out of the Mix now.');
    await Promise.all([loadSlate(note), loadLedger()]);
    // Keep keyboard users where they were: the card now at the same position.
    const cards = document.querySelectorAll('#slate .card');
    const card = cards[Math.min(index, cards.length - 1)];
    const next = card && card.querySelector('button.watched');
    if (next) next.focus();
  } catch (err) {
    reportError(err, 'Could not note the watch');
    button.disabled = false;
  } finally {
    state.busy = false;
  }
}

// --- fairness ledger (Family Mix) ------------------------------------------------------------

export async function loadLedger() {
  try {
    const ledger = await api('GET', '/family/ledger');
    if (!state.family) return;
    renderLedger(ledger || {});
  } catch (err) {
    reportError(err, 'Could not load the fairness ledger');
  }
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
