// Slate cards (a view): a profile's and the Family Mix's, with offers, "leaving soon", notes,
// the rating buttons and the smaller actions (not interested, not tonight, seen it, want to
// watch); a card's title links to the show's page. Each render function takes the show and
// callbacks for its buttons; all data goes in as text, never as HTML.

import { FEEDBACK_KINDS, VERDICTS } from './constants.js';
import { daysAgo, el, percent } from './dom.js';
import { dayMonth, leavingDate, showHref } from './show_text.js';

export function showMeta(item) {
  return [item.year, item.classification, (item.genres || []).join(', ')]
    .filter((v) => v !== undefined && v !== null && v !== '' && v !== 0)
    .join(' · ');
}

/**
 * A profile's card; its title links to the show's page. `note`: the profile's note on the show
 * (undefined: none); `onRate(item, verdict, button, index)`, `onOpen(item, button)` (the note
 * and tags dialog) and `onAside(item, action, button, index)` (action: a FEEDBACK_KINDS entry,
 * or WANT_TO_WATCH) run when their buttons are pressed.
 */
export function renderCard(item, index, { note, onRate, onOpen, onAside }) {
  const titleId = 'show-' + index;
  const meta = showMeta(item);
  const fit = percent(item.fit);

  return el('li', { class: 'card', 'aria-labelledby': titleId, dataset: { showId: item.id } },
    el('div', { class: 'card-head' },
      el('h3', { id: titleId }, el('a', { href: showHref(item.id), text: item.title })),
      fit === null ? null : el('span', {
        class: 'fit', title: 'How well this fits the profile',
        text: 'Fit ' + fit + '%',
      })),
    renderLeavingFlag(item),
    meta ? el('p', { class: 'meta', text: meta }) : null,
    item.premise ? el('p', { class: 'premise', text: item.premise }) : null,
    renderAvailability(item.availability || []),
    item.rationale ? el('p', { class: 'rationale', text: item.rationale }) : null,
    renderUserNote(note),
    el('div', { class: 'actions' },
      renderRatingButtons(item, index, onRate),
      el('button', {
        type: 'button',
        class: 'more',
        'aria-label': 'Note and tags for ' + item.title,
        'aria-haspopup': 'dialog',
        text: note !== undefined ? 'Edit note · tags' : 'Note · tags',
        onclick: (event) => onOpen(item, event.currentTarget),
      }),
      renderAsideButtons(item, index, onAside)));
}

/** "Want to watch" among a card's smaller actions (the others are FEEDBACK_KINDS). */
export const WANT_TO_WATCH = { kind: 'watchlist', label: 'Want to watch' };

/** A card's smaller actions: Not interested, Not tonight, Seen it, Want to watch. */
function renderAsideButtons(item, index, onAside) {
  const group = el('div',
    { class: 'aside', role: 'group', 'aria-label': 'More about ' + item.title });
  for (const action of FEEDBACK_KINDS.concat([WANT_TO_WATCH])) {
    group.append(el('button', {
      type: 'button',
      class: 'aside-' + action.kind,
      'aria-label': action.label + ': ' + item.title,
      text: action.label,
      onclick: (event) => onAside(item, action, event.currentTarget, index),
    }));
  }
  return group;
}

/** A Family Mix card; `onWatched(item, button, index)` runs for "We watched this". */
export function renderFamilyCard(item, index, { onWatched }) {
  const titleId = 'show-' + index;
  const meta = showMeta(item);
  const fit = percent(item.fit);
  return el('li', {
    class: 'card family-card' + (item.family_locked ? ' locked' : ''),
    'aria-labelledby': titleId,
    dataset: { showId: item.id },
  },
    el('div', { class: 'card-head' },
      el('h3', { id: titleId }, el('a', { href: showHref(item.id), text: item.title })),
      fit === null ? null : el('span', {
        class: 'fit', title: 'The average fit for everyone watching',
        text: 'Fit ' + fit + '%',
      })),
    renderFamilyFlags(item),
    renderLeavingFlag(item),
    meta ? el('p', { class: 'meta', text: meta }) : null,
    item.premise ? el('p', { class: 'premise', text: item.premise }) : null,
    renderAvailability(item.availability || []),
    renderMembers(item),
    el('div', { class: 'watched-row' },
      el('button', {
        type: 'button',
        class: 'watched',
        'aria-label': 'We watched ' + item.title + ' together',
        text: 'We watched this',
        onclick: (event) => onWatched(item, event.currentTarget, index),
      })));
}

export function renderFamilyFlags(item) {
  if (!item.family_strong && !item.family_locked) return null;
  const list = el('ul', { class: 'flags', 'aria-label': 'Family Mix notes' });
  if (item.family_strong) {
    list.append(el('li', {
      class: 'badge strong', text: 'Strong pick',
      title: 'Everyone watching is likely to enjoy this',
    }));
  }
  if (item.family_locked) {
    list.append(el('li', {
      class: 'badge locked', text: 'Locked at the top',
      title: 'A strong pick, kept at the top of the Mix',
    }));
  }
  return list;
}

/** Each member's name, fit and (when there is one) reason; the rationale if no members. */
export function renderMembers(item) {
  const members = Array.isArray(item.members) ? item.members : [];
  if (!members.length) {
    return item.rationale ? el('p', { class: 'rationale', text: item.rationale }) : null;
  }
  const list = el('ul', { class: 'members', 'aria-label': 'How it fits each of you' });
  for (const m of members) {
    const fit = percent(m.fit);
    list.append(el('li', { class: 'member' },
      el('span', { class: 'member-name', text: m.name }),
      ' ',
      el('span', { class: 'member-fit', text: fit === null ? '–' : fit + '%' }),
      m.reason ? el('span', { class: 'member-reason', text: ' · ' + m.reason }) : null));
  }
  return list;
}


export function renderAvailability(offers) {
  const list = el('ul', { class: 'offers', 'aria-label': 'Where to watch' });
  if (!offers.length) {
    list.append(el('li', { class: 'badge muted', text: 'No known Australian offer' }));
    return list;
  }
  for (const offer of offers) {
    const parts = [];
    if (offer.last_checked_ts) parts.push(daysAgo(offer.last_checked_ts));
    else if (offer.status === 'inferred') parts.push('inferred');
    const leaving = leavingDate(offer);
    if (leaving) parts.push('leaving ' + dayMonth(leaving));
    const cls = 'badge offer' + (offer.on_my_services ? ' mine' : '') +
      (leaving ? ' leaving' : '');
    const label = (offer.name || offer.provider) +
      (offer.monetization ? ' (' + offer.monetization + ')' : '') +
      (offer.on_my_services ? ', one of our services' : '') +
      (parts.length ? ', ' + parts.join(', ') : '');
    list.append(el('li', { class: cls, title: offer.basis || null, 'aria-label': label },
      el('span', { class: 'provider', text: offer.name || offer.provider }),
      parts.length ? el('span', { class: 'freshness', text: parts.join(', ') }) : null));
  }
  return list;
}

/** The words of an intent, as in the <select>. */
export function intentLabel(intent) {
  const option = document.querySelector('#intent option[value="' + intent + '"]');
  return option ? option.textContent : intent;
}

/** "Leaving Netflix on 30 Apr" above a card whose offer ends soon (the earliest one). */
export function renderLeavingFlag(item) {
  let first = null;
  for (const offer of item.availability || []) {
    const date = leavingDate(offer);
    if (date && (!first || date < first.date)) first = { offer, date };
  }
  if (!first) return null;
  return el('p', {
    class: 'badge leaving-soon',
    text: 'Leaving ' + (first.offer.name || first.offer.provider) + ' on ' + dayMonth(first.date),
  });
}

/** The profile's own note on a show, when it has one. */
export function renderUserNote(text) {
  if (!text) return null;
  return el('p', { class: 'user-note' }, el('span', { class: 'label', text: 'Your note: ' }), text);
}

export function renderRatingButtons(item, index, onRate) {
  const group = el('div', { class: 'rate', role: 'group', 'aria-label': 'Rate ' + item.title });
  for (const v of VERDICTS) {
    group.append(el('button', {
      type: 'button',
      class: 'rate-' + v.verb,
      'aria-label': 'Rate ' + item.title + ' ' + v.verb,
      text: v.label,
      onclick: (event) => onRate(item, v, event.currentTarget, index),
    }));
  }
  return group;
}
