// The slate: what the page shows (the view), loading it, drawing it with visible moves, and
// rating a card.

import { api } from './api.js';
import { intentLabel, renderCard, renderFamilyCard } from './cards.js';
import { $, clear, el, namesList, reportError, setStatus, showError } from './dom.js';
import { renderFamilyWarning, watchingProfiles } from './family.js';
import { liveFollow } from './live.js';
import { currentProfile } from './profiles.js';
import { MARK_MS, SLATE_LIMIT, state } from './state.js';

/**
 * What the page shows now: the query of GET /recommendations and of a live subscription (the
 * same fields: docs/ws.md), how its cards are drawn and its status texts; null before the
 * profiles are known.
 */
export function currentView() {
  let view;
  if (state.family) {
    const members = watchingProfiles();
    const names = namesList(members);
    view = {
      query: { for: members.map((p) => p.id).join(','), intent: 'family_mix' },
      render: renderFamilyCard,
      what: 'the Family Mix for ' + names,
      count: (n) => n + (n === 1 ? ' pick' : ' picks') + ' in the Family Mix for ' + names,
      failed: 'Could not load the Family Mix',
    };
  } else {
    const who = currentProfile();
    if (!who) return null;
    const mood = state.intent === 'default' ? '' : ' (' + intentLabel(state.intent) + ')';
    view = {
      query: { for: String(who.id), intent: state.intent },
      render: renderCard,
      what: 'recommendations for ' + who.name,
      count: (n) => n + ' recommendations for ' + who.name + mood,
      failed: 'Could not load recommendations',
    };
  }
  Object.assign(view.query, { limit: SLATE_LIMIT, only_my_services: state.onlyMine });
  view.key = JSON.stringify(view.query) + '|' + (state.seed || '0');
  return view;
}

/** The address of GET /recommendations for `view` (`explain`: the Family Mix's banner). */
export function recommendationsPath(view, explain) {
  const params = new URLSearchParams(view.query);
  if (state.seed !== null) params.set('seed', state.seed);
  if (explain) params.set('explain', 'true');
  return '/recommendations?' + params.toString();
}

/** The cards of an answer: the array itself, or `.items` of a Family Mix explain answer. */
export function answerItems(answer) {
  return Array.isArray(answer) ? answer
    : answer && Array.isArray(answer.items) ? answer.items : [];
}

/** The banner's warning in a Family Mix explain answer (null: none). */
export function familyWarning(answer) {
  return answer && answer.family ? answer.family.warning : null;
}

/**
 * Loads and renders the slate (for the Family Mix with explain=true: `.family` is the banner);
 * `note` (e.g. "Saved.") prefixes the status line. Also makes the live connection follow it.
 */
export async function loadSlate(note) {
  const view = currentView();
  if (!view) return;
  liveFollow(view);
  const ticket = ++state.slateTicket;
  const pushes = state.pushes;
  setStatus('Loading ' + view.what + '…');
  try {
    const answer = await api('GET', recommendationsPath(view, state.family));
    // The user switched (or something reloaded the slate) meanwhile.
    if (ticket !== state.slateTicket) return;
    const items = answerItems(answer);
    // A live slate that arrived since the request was sent is at least as new: it stays
    // (and the banner fetched after it).
    if (pushes === state.pushes) {
      if (state.family) renderFamilyWarning(familyWarning(answer));
      showSlate(items, view);
    }
    setStatus((note ? note + ' ' : '') + view.count(items.length) + '.');
  } catch (err) {
    if (ticket === state.slateTicket) reportError(err, view.failed);
  }
}

/**
 * Shows `items` as the cards of `view`. Nothing changes when the cards would be the same as
 * shown (a live slate after the page's own reload); when the same view is re-ranked, moved
 * cards glide to their place and are marked, new ones too, and focus stays on its card.
 * Returns whether anything changed.
 */
export function showSlate(items, view) {
  const list = $('slate');
  const cards = items.map((item, index) => view.render(item, index));
  const prev = state.shown;
  const same = prev && prev.key === view.key;
  if (same && prev.cards.length === cards.length &&
      prev.cards.every((card, i) => card.isEqualNode(cards[i]))) {
    return false;
  }
  const focus = focusedInSlate();
  const before = same ? cardBoxes() : null;
  state.shown = { key: view.key, items, cards: cards.map((card) => card.cloneNode(true)) };
  clear(list);
  if (!cards.length) {
    list.append(el('li', { class: 'empty', text: 'Nothing to recommend right now.' }));
  }
  list.append(...cards);
  if (before) markMoves(prev.cards.map((card) => card.dataset.showId), cards, before);
  if (focus) restoreFocus(focus, cards);
  return true;
}

/** Where keyboard focus is in the slate: its card's show id and position, and which button. */
export function focusedInSlate() {
  const active = document.activeElement;
  const card = active && active.closest ? active.closest('#slate .card') : null;
  if (!card) return null;
  return {
    id: card.dataset.showId,
    index: Array.from(card.parentNode.children).indexOf(card),
    button: Array.from(card.querySelectorAll('button')).indexOf(active),
  };
}

/** Focus back on the same card (or, if it left, the one now at its place), same button. */
export function restoreFocus(focus, cards) {
  const card = cards.find((c) => c.dataset.showId === focus.id) ||
    cards[Math.min(focus.index, cards.length - 1)];
  const buttons = card ? Array.from(card.querySelectorAll('button')) : [];
  const target = buttons[Math.max(focus.button, 0)] || buttons[0] || $('slate-heading');
  target.focus();
}

/** Each card's box on screen, by show id (where a moved card glides from). */
export function cardBoxes() {
  const boxes = new Map();
  for (const card of document.querySelectorAll('#slate .card')) {
    boxes.set(card.dataset.showId, card.getBoundingClientRect());
  }
  return boxes;
}

export function reducedMotion() {
  return Boolean(window.matchMedia &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches);
}

/**
 * Marks what an update changed: "New" on a card that was not there, "Moved up/down N" on a
 * card whose place among the cards that stayed changed (a card leaving above does not count),
 * and, unless reduced motion is asked for, glides each card from where it was (FLIP).
 */
export function markMoves(oldIds, cards, before) {
  const ids = cards.map((card) => card.dataset.showId);
  const kept = ids.filter((id) => oldIds.includes(id));
  const keptBefore = oldIds.filter((id) => kept.includes(id));
  const glide = !reducedMotion() && typeof Element.prototype.animate === 'function';
  cards.forEach((card, i) => {
    const was = keptBefore.indexOf(ids[i]);
    const now = kept.indexOf(ids[i]);
    const from = before.get(ids[i]);
    if (glide && from) {
      const to = card.getBoundingClientRect();
      const dx = from.left - to.left;
      const dy = from.top - to.top;
      if (dx || dy) {
        card.animate([{ transform: 'translate(' + dx + 'px, ' + dy + 'px)' },
          { transform: 'none' }], { duration: 350, easing: 'ease-out' });
      }
    }
    const mark = was < 0 ? { kind: 'new', arrow: '★', text: 'New' }
      : now < was ? { kind: 'up', arrow: '▲', text: 'Moved up ' + (was - now) }
        : now > was ? { kind: 'down', arrow: '▼', text: 'Moved down ' + (now - was) } : null;
    if (!mark) return;
    card.classList.add('moved', 'moved-' + mark.kind);
    card.prepend(el('p', { class: 'move-mark' },
      el('span', { 'aria-hidden': 'true', text: mark.arrow + ' ' }), mark.text));
  });
  window.setTimeout(() => {
    for (const card of cards) {
      card.classList.remove('moved', 'moved-new', 'moved-up', 'moved-down');
      for (const mark of card.querySelectorAll('.move-mark')) mark.remove();
    }
  }, MARK_MS);
}


export async function rate(item, verdict, button, index) {
  const who = currentProfile();
  if (!who || state.busy) return;
  state.busy = true;
  button.disabled = true;
  showError('');
  setStatus('Saving: ' + item.title + ' is ' + verdict.verb + '…');
  try {
    await api('POST', '/ratings',
      { profile_id: who.id, show_id: item.id, primary: verdict.primary });
    await loadSlate('Saved: ' + item.title + ' is ' + verdict.verb + '.');
    // Keep keyboard users where they were: the card now at the same position.
    const cards = document.querySelectorAll('#slate .card');
    const card = cards[Math.min(index, cards.length - 1)];
    const next = card && card.querySelector('.rate button');
    if (next) next.focus();
  } catch (err) {
    reportError(err, 'Could not save the rating');
    button.disabled = false;
  } finally {
    state.busy = false;
  }
}
