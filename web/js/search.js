// Search as you type on the main page (a controller with its view): the box asks
// GET /shows?q=&limit=8 150 ms after the last key, and lists the shows found with where to
// watch them; from a result the profile on screen rates it (POST /ratings, or DELETE to take
// the verdict back), wants to watch it (its watchlist) or opens its page (#show/<id>).
// Keyboard: Down goes from the box into the results' titles, Up and Down move among them,
// Enter opens one (Enter in the box opens the first), Escape closes the list. A rating or a
// watchlist change re-ranks the slate by itself: the server pushes it (docs/ws.md).

import { api } from './api.js';
import { VERDICTS } from './constants.js';
import { $, clear, el } from './dom.js';
import { showLink, whereToWatch, whose, yearAndClass } from './show_text.js';

const SEARCH_DELAY_MS = 150;
const SEARCH_LIMIT = 8;

const search = {
  timer: 0,
  ticket: 0, // bumped by every search and by closing: older answers are dropped
  items: [], // the results shown
  profile: () => null, // the profile the buttons act for (app.js), or null
  // What the profile has said of shows, for the buttons' aria-pressed: loaded once while the
  // list is open, kept up to date by the buttons. {profileId, ratings: Map id -> primary,
  // listed: Set of ids on its watchlist} or its promise.
  known: null,
};

/** Wires the search form of index.html; `profile()` is the profile the results act for. */
export function wireSearch({ profile }) {
  search.profile = profile;
  const input = $('search-input');
  input.addEventListener('input', schedule);
  input.addEventListener('keydown', onBoxKey);
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const first = $('search-results').querySelector('.result-title');
    if (first) window.location.hash = first.getAttribute('href');
  });
  $('search-results').addEventListener('keydown', onResultsKey);
  document.addEventListener('click', (event) => {
    if (!$('search-panel').contains(event.target)) closeSearch();
  });
}

/** Closes the list (the text typed stays); answers still on their way are dropped. */
export function closeSearch() {
  window.clearTimeout(search.timer);
  search.ticket++;
  search.known = null;
  const list = $('search-results');
  if (list.hidden) return;
  list.hidden = true;
  clear(list);
  $('search-input').setAttribute('aria-expanded', 'false');
  $('search-status').textContent = '';
}

/** Another profile is on screen: an open list is searched again, its buttons acting for it. */
export function refreshSearch() {
  if ($('search-results').hidden) return;
  search.known = null;
  run();
}

function schedule() {
  window.clearTimeout(search.timer);
  if (!$('search-input').value.trim()) {
    closeSearch();
    return;
  }
  search.timer = window.setTimeout(run, SEARCH_DELAY_MS);
}

async function run() {
  const q = $('search-input').value.trim();
  if (!q) return;
  const ticket = ++search.ticket;
  const who = search.profile();
  const params = new URLSearchParams({ q, limit: String(SEARCH_LIMIT) });
  try {
    const [answer, known] = await Promise.all(
      [api('GET', '/shows?' + params.toString()), knownFor(who)]);
    if (ticket !== search.ticket) return;
    search.items = answer && Array.isArray(answer.items) ? answer.items : [];
    draw(q, who, known);
  } catch (err) {
    if (ticket !== search.ticket) return;
    search.known = null;
    $('search-status').textContent = 'Could not search: ' + err.message;
  }
}

/** The profile's ratings and watchlist (loaded once while the list is open), or null. */
function knownFor(who) {
  if (!who) return Promise.resolve(null);
  if (search.known && search.known.profileId === who.id) return search.known.promise;
  const id = encodeURIComponent(who.id);
  const promise = Promise.all([api('GET', '/ratings?profile_id=' + id),
    api('GET', '/watchlist?profile_id=' + id)]).then(([ratings, list]) => ({
    ratings: new Map((Array.isArray(ratings) ? ratings : []).map((r) => [r.show_id, r.primary])),
    listed: new Set((list && Array.isArray(list.items) ? list.items : [])
      .map((e) => e.show && e.show.id)),
  }));
  search.known = { profileId: who.id, promise };
  return promise;
}

function draw(q, who, known) {
  const list = $('search-results');
  clear(list);
  search.items.forEach((item, index) => list.append(renderResult(item, index, who, known)));
  list.hidden = false;
  $('search-input').setAttribute('aria-expanded', 'true');
  const n = search.items.length;
  $('search-status').textContent = n === 0 ? 'No show matches “' + q + '”.'
    : n + (n === 1 ? ' show' : ' shows') + ' found for “' + q + '”' +
      (who ? '; the buttons act for ' + who.name + '.' : '.');
}

function renderResult(item, index, who, known) {
  const meta = yearAndClass(item);
  return el('li', { class: 'result', dataset: { showId: item.id } },
    el('div', { class: 'result-head' },
      showLink(item, { class: 'result-title', id: 'search-result-' + index }),
      meta ? el('span', { class: 'meta', text: meta }) : null),
    el('p', { class: 'result-where', text: whereToWatch(item.availability) }),
    who && known ? renderActions(item, who, known) : null);
}

function renderActions(item, who, known) {
  const rated = known.ratings.get(item.id);
  const group = el('div', { class: 'rate', role: 'group', 'aria-label': 'Rate ' + item.title });
  for (const v of VERDICTS) {
    group.append(el('button', {
      type: 'button', class: 'rate-' + v.verb, text: v.label,
      'aria-label': 'Rate ' + item.title + ' ' + v.verb,
      'aria-pressed': rated === v.primary ? 'true' : 'false',
      onclick: (event) => rate(item, v, who, known, event.currentTarget),
    }));
  }
  const want = el('button', {
    type: 'button', class: 'want', text: 'Want to watch',
    'aria-label': 'Want to watch: ' + item.title,
    'aria-pressed': known.listed.has(item.id) ? 'true' : 'false',
    onclick: (event) => toggleWatchlist(item, who, known, event.currentTarget),
  });
  return el('div', { class: 'result-actions' }, group, want);
}

/** A verdict button: sets it, or (pressed already) takes the rating back. */
async function rate(item, verdict, who, known, button) {
  const undo = known.ratings.get(item.id) === verdict.primary;
  const group = button.parentNode;
  const buttons = Array.from(group.querySelectorAll('button'));
  buttons.forEach((b) => { b.disabled = true; });
  try {
    if (undo) {
      const params = new URLSearchParams({ profile_id: String(who.id), show_id: item.id });
      await api('DELETE', '/ratings?' + params.toString());
      known.ratings.delete(item.id);
      say('Removed ' + whose(who.name) + ' rating of ' + item.title + '.');
    } else {
      await api('POST', '/ratings',
        { profile_id: who.id, show_id: item.id, primary: verdict.primary });
      known.ratings.set(item.id, verdict.primary);
      say('Saved: ' + item.title + ' is ' + verdict.verb + ' for ' + who.name + '.');
    }
    buttons.forEach((b, i) => {
      b.setAttribute('aria-pressed',
        known.ratings.get(item.id) === VERDICTS[i].primary ? 'true' : 'false');
    });
  } catch (err) {
    say('Could not save the rating: ' + err.message);
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

/** "Want to watch": on the profile's watchlist, or (pressed already) off it. */
async function toggleWatchlist(item, who, known, button) {
  const listed = known.listed.has(item.id);
  button.disabled = true;
  try {
    if (listed) {
      const params = new URLSearchParams({ show_id: item.id, profile_id: String(who.id) });
      await api('DELETE', '/watchlist?' + params.toString());
      known.listed.delete(item.id);
      say(item.title + ' is off ' + whose(who.name) + ' watchlist.');
    } else {
      await api('POST', '/watchlist', { show_id: item.id, profile_id: who.id });
      known.listed.add(item.id);
      say(item.title + ' is on ' + whose(who.name) + ' watchlist.');
    }
    button.setAttribute('aria-pressed', known.listed.has(item.id) ? 'true' : 'false');
  } catch (err) {
    say('Could not change the watchlist: ' + err.message);
  } finally {
    button.disabled = false;
  }
}

function say(text) {
  $('search-status').textContent = text;
}

// --- the keyboard -----------------------------------------------------------------------------

function titles() {
  return Array.from($('search-results').querySelectorAll('.result-title'));
}

function onBoxKey(event) {
  if (event.key === 'ArrowDown') {
    const first = titles()[0];
    if (first) {
      event.preventDefault();
      first.focus();
    }
  } else if (event.key === 'Escape') {
    if ($('search-results').hidden) $('search-input').value = '';
    closeSearch();
  }
}

function onResultsKey(event) {
  if (event.key === 'Escape') {
    event.preventDefault();
    closeSearch();
    $('search-input').focus();
    return;
  }
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const list = titles();
  const result = event.target.closest('.result');
  const at = result ? list.indexOf(result.querySelector('.result-title')) : -1;
  if (at < 0) return;
  event.preventDefault();
  const next = at + (event.key === 'ArrowDown' ? 1 : -1);
  if (next < 0) $('search-input').focus();
  else if (next < list.length) list[next].focus();
}

