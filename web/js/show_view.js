// A show's page (a view, #show/<id>): its details, where to watch it in Australia, the buttons
// of the profile on screen (verdict, quieter feedback, watchlists, its tags), its note, who in
// the household rated it, and more like it. It draws what show_page.js hands it and calls back;
// all data goes in as text, never as HTML.

import { FEEDBACK_KINDS, VERDICTS } from './constants.js';
import { $, clear, daysAgo, el } from './dom.js';
import { renderTagChoices } from './notes.js';
import {
  dayMonth, leavingDate, offerType, showLink, whose, yearAndClass,
} from './show_text.js';

const TIME = { hour: 'numeric', minute: '2-digit' };

/** The page while `id` loads: nothing of the show before. */
export function resetShowView() {
  $('show-title').textContent = 'Loading…';
  $('show-body').hidden = true;
  showPageError('');
  showStatus('Loading…');
}

export function showStatus(text) {
  $('show-status').textContent = text || '';
}

export function showPageError(text) {
  $('show-error').textContent = text || '';
  $('show-error').hidden = !text;
}

/** The show's title and facts (GET /shows/{id}); the page's body shows. */
export function renderShowDetails(item) {
  $('show-title').textContent = item.title;
  const facts = $('show-facts');
  clear(facts);
  const fact = (name, value) => {
    if (value === undefined || value === null || value === '' || value === 0) return;
    facts.append(el('div', null, el('dt', { text: name }), el('dd', { text: String(value) })));
  };
  fact('Year', item.year);
  fact('Classification', item.classification);
  fact('Seasons', item.seasons);
  fact('Episodes', item.runtime ? 'about ' + item.runtime + ' min' : null);
  fact('Genres', (item.genres || []).join(', '));
  fact('Network', item.network);
  $('show-premise').textContent = item.premise || 'No premise known.';
  renderOffers(item.availability || []);
  $('show-body').hidden = false;
}

/**
 * Each offer: the service and how it is had; a verified one with how long ago it was checked,
 * an inferred one labelled so, with why it is thought to be there.
 */
function renderOffers(offers) {
  const list = $('show-offers');
  clear(list);
  if (!offers.length) {
    list.append(el('li', { class: 'offer-line muted', text: 'No known Australian offer.' }));
    return;
  }
  for (const offer of offers) {
    const inferred = offer.status === 'inferred';
    const leaving = leavingDate(offer);
    const type = offerType(offer);
    list.append(el('li', {
      class: 'offer-line' + (offer.on_my_services ? ' mine' : ''),
      dataset: { provider: offer.provider },
    },
      el('span', { class: 'provider', text: offer.name || offer.provider }),
      type ? el('span', { class: 'offer-type', text: ' · ' + type }) : null,
      offer.on_my_services ? el('span', { class: 'badge', text: 'one of your services' }) : null,
      el('span', { class: 'freshness', text: inferred ? 'inferred'
        : offer.last_checked_ts ? daysAgo(offer.last_checked_ts) : 'not checked yet' }),
      leaving ? el('span', { class: 'badge leaving-soon', text: 'leaving ' + dayMonth(leaving) })
        : null,
      inferred && offer.basis ? el('span', { class: 'basis', text: offer.basis }) : null,
      offer.url ? el('a', {
        class: 'offer-link', href: offer.url, rel: 'noopener noreferrer', target: '_blank',
        text: 'Open on ' + (offer.name || offer.provider),
      }) : null));
  }
}

/**
 * The buttons of the profile `who` (null: no profile is chosen, none shown): its verdict
 * (Bad/Good/Loved), the quieter feedback and the two watchlists, toggles all; `on.rate(v)`,
 * `on.feedback(kind)`, `on.list(which)` ('profile' or 'household') with the button pressed.
 */
export function renderShowActions(title, who, on) {
  $('show-yours').hidden = !who;
  const box = $('show-actions');
  clear(box);
  if (!who) return;
  $('show-profile').textContent = who.name;
  $('show-note-who').textContent = who.name;
  const group = (label, ...buttons) =>
    el('div', { class: 'action-group', role: 'group', 'aria-label': label },
      el('span', { class: 'group-label', 'aria-hidden': 'true', text: label }), ...buttons);
  const toggle = (props, onclick) => el('button',
    Object.assign({ type: 'button', 'aria-pressed': 'false', onclick }, props));
  box.append(
    group(whose(who.name) + ' verdict', ...VERDICTS.map((v) => toggle({
      class: 'rate-' + v.verb, text: v.label, dataset: { primary: v.primary },
      'aria-label': 'Rate ' + title + ' ' + v.verb,
    }, (event) => on.rate(v, event.currentTarget)))),
    group('Tell the recommender', ...FEEDBACK_KINDS.map((f) => toggle({
      class: 'feedback', text: f.label, dataset: { kind: f.kind },
    }, (event) => on.feedback(f, event.currentTarget)))),
    group('Watchlists',
      toggle({ class: 'list', text: 'On ' + whose(who.name) + ' watchlist',
        dataset: { list: 'profile' } }, (event) => on.list('profile', event.currentTarget)),
      toggle({ class: 'list', text: "On the household's watchlist",
        dataset: { list: 'household' } }, (event) => on.list('household', event.currentTarget))),
    el('p', { id: 'show-tonight', class: 'hint', hidden: true }));
}

/**
 * Presses what is so: `rating` (the profile's, or null), `feedback` (Map kind -> its active
 * feedback), `listed` ({profile, household}: booleans).
 */
export function syncShowActions({ rating, feedback, listed }) {
  const box = $('show-actions');
  const press = (button, on) => button.setAttribute('aria-pressed', on ? 'true' : 'false');
  for (const b of box.querySelectorAll('button[data-primary]')) {
    press(b, rating !== null && Number(b.dataset.primary) === rating.primary);
  }
  for (const b of box.querySelectorAll('button[data-kind]')) press(b, feedback.has(b.dataset.kind));
  for (const b of box.querySelectorAll('button[data-list]')) press(b, listed[b.dataset.list]);
  const tonight = $('show-tonight');
  if (!tonight) return;
  const until = feedback.get('not_tonight') && feedback.get('not_tonight').until;
  tonight.hidden = !until;
  tonight.textContent = until ? 'Out of the slates until ' +
    new Date(until * 1000).toLocaleTimeString('en-AU', TIME) + '.' : '';
}

/**
 * "Your tags": the show's genres with Like/Dislike toggles pressed as the profile's `tags`
 * ([{tag, liked}]); `onTag(word, liked, current, button)` (notes.js renderTagChoices). The
 * focus stays on the toggle that had it.
 */
export function renderShowTags(item, tags, onTag) {
  const list = $('show-tag-list');
  const focused = list.contains(document.activeElement)
    ? document.activeElement.getAttribute('aria-label') : null;
  renderTagChoices(list, item, tags, onTag);
  const again = focused && Array.from(list.querySelectorAll('button'))
    .find((b) => b.getAttribute('aria-label') === focused);
  if (again) again.focus();
}

export function showNoteText(text) {
  $('show-note').value = text || '';
}

export function typedShowNote() {
  return $('show-note').value.trim();
}

/** "Wife: Loved" for each profile that rated the show (`rows`: [{profile, rating}]). */
export function renderHouseholdRatings(rows, failed) {
  const list = $('show-household');
  clear(list);
  for (const { profile, rating } of rows) {
    const verdict = VERDICTS.find((v) => v.primary === rating.primary);
    list.append(el('li', { class: 'household-rating', dataset: { profileId: profile.id } },
      el('span', { class: 'member-name', text: profile.name + ': ' }),
      el('span',
        { class: verdict ? 'rate-' + verdict.verb : '', text: verdict ? verdict.label : '?' }),
      typeof rating.score === 'number'
        ? el('span', { class: 'hint', text: ' (' + rating.score + '/10)' }) : null));
  }
  if (!rows.length) {
    list.append(el('li', { class: 'hint', text: failed ? 'Could not load the ratings.'
      : 'Nobody in the household has rated it yet.' }));
  }
}

/**
 * More like this: links to the shows' pages; `notReady`: the index is still being built (503);
 * `failed`: another error's message.
 */
export function renderSimilar(items, { notReady, failed } = {}) {
  const list = $('show-similar');
  clear(list);
  if (notReady || failed) {
    list.append(el('li', {
      class: 'hint',
      text: notReady ? 'More like this is not ready yet: the index is being built. Open the ' +
        'page again in a moment.' : 'Could not load more like this: ' + failed,
    }));
    return;
  }
  for (const item of items) {
    const meta = yearAndClass(item);
    list.append(el('li', { class: 'similar-show', dataset: { showId: item.id } },
      showLink(item), meta ? el('span', { class: 'meta', text: ' ' + meta }) : null));
  }
  if (!items.length) list.append(el('li', { class: 'hint', text: 'Nothing close enough.' }));
}
