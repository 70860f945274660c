// The slate (a view): draws the cards of what the page shows, with visible moves ("Moved up",
// "New", gliding cards) when the same view is re-ranked, keeping keyboard focus on its card.

import { MARK_MS } from './constants.js';
import { $, clear, el } from './dom.js';

/**
 * Draws `items` as the cards of `view` (`view.render(item, index)` makes a card, `view.key`
 * names the view); `prev` is what was drawn before (null: nothing). Nothing changes when the
 * cards would be the same as shown (a live slate after the page's own reload); when the same
 * view is re-ranked, moved cards glide to their place and are marked, new ones too, and focus
 * stays on its card. Returns what is shown now, to pass as `prev` next time ({key, items,
 * cards: pristine copies}), or null when nothing changed.
 */
export function drawSlate(items, view, prev) {
  const list = $('slate');
  const cards = items.map((item, index) => view.render(item, index));
  const same = prev && prev.key === view.key;
  if (same && prev.cards.length === cards.length &&
      prev.cards.every((card, i) => card.isEqualNode(cards[i]))) {
    return null;
  }
  const focus = focusedInSlate();
  const before = same ? cardBoxes() : null;
  const now = { key: view.key, items, cards: cards.map((card) => card.cloneNode(true)) };
  clear(list);
  if (!cards.length) {
    list.append(el('li', { class: 'empty', text: 'Nothing to recommend right now.' }));
  }
  list.append(...cards);
  if (before) markMoves(prev.cards.map((card) => card.dataset.showId), cards, before);
  if (focus) restoreFocus(focus, cards);
  return now;
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

/**
 * Keeps keyboard users where they were after the slate was redrawn: focus on the element
 * `selector` of the card now at position `index` (or the last card).
 */
export function focusCardAt(index, selector) {
  const cards = document.querySelectorAll('#slate .card');
  const card = cards[Math.min(index, cards.length - 1)];
  const next = card && card.querySelector(selector);
  if (next) next.focus();
}
