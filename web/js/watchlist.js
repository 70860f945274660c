// The watchlist page (#watchlist), a controller with its view: GET /watchlist (every list of
// the household: its own, then each profile's), each list under whose it is, each entry with its
// show's link, where to watch it and a Remove button (DELETE /watchlist).

import { api } from './api.js';
import { $, clear, el } from './dom.js';
import { dayOf, showLink, sourceWords, whereToWatch, whose, yearAndClass } from './show_text.js';

const page = {
  ticket: 0, // bumped by every load: an older answer is dropped
  profiles: [], // the household's
  busy: false,
};

function say(text) {
  $('watchlist-status').textContent = text || '';
}

function fail(text) {
  $('watchlist-error').textContent = text || '';
  $('watchlist-error').hidden = !text;
}

/** Loads and draws the household's watchlists (`profiles`: the household's profiles). */
export async function openWatchlists(profiles) {
  page.profiles = profiles;
  await reload();
}

async function reload(said) {
  const ticket = ++page.ticket;
  fail('');
  try {
    const answer = await api('GET', '/watchlist');
    if (ticket !== page.ticket) return;
    const items = answer && Array.isArray(answer.items) ? answer.items : [];
    draw(items);
    const n = items.length;
    say((said ? said + ' ' : '') + n + (n === 1 ? ' show' : ' shows') + ' on the watchlists.');
  } catch (err) {
    if (ticket === page.ticket) fail('Could not load the watchlists: ' + err.message);
  }
}

/** The household's list first, then each profile's (a profile with an empty list too). */
function draw(items) {
  const box = $('watchlist-lists');
  const focused = document.activeElement && box.contains(document.activeElement)
    ? document.activeElement.closest('.watch-entry') : null;
  const focusKey = focused ? focused.dataset.key : null;
  clear(box);
  box.append(renderList('household', "The household's watchlist", null,
    items.filter((e) => e.list === 'household')));
  for (const p of page.profiles) {
    box.append(renderList('profile-' + p.id, whose(p.name) + ' watchlist', p,
      items.filter((e) => e.list === 'profile' && e.profile_id === p.id)));
  }
  if (focusKey) {
    const again = box.querySelector('.watch-entry[data-key="' + CSS.escape(focusKey) + '"] button');
    (again || $('watchlist-heading')).focus();
  }
}

function renderList(key, title, profile, entries) {
  const headingId = 'watchlist-' + key;
  const list = el('ul', { class: 'setting-rows watch-entries', 'aria-labelledby': headingId });
  for (const entry of entries) list.append(renderEntry(entry, title, profile));
  if (!entries.length) list.append(el('li', { class: 'hint', text: 'Nothing on it yet.' }));
  return el('section', { class: 'panel watch-list', dataset: { list: key } },
    el('h3', { id: headingId, text: title }), list);
}

function renderEntry(entry, listTitle, profile) {
  const show = entry.show || { id: '', title: '?' };
  const meta = yearAndClass(show);
  const adder = entry.added_by ? page.profiles.find((p) => p.id === entry.added_by) : null;
  const details = [whereToWatch(show.availability), 'added ' + dayOf(entry.ts) +
    (adder ? ' by ' + adder.name : ''), entry.source && entry.source !== 'app'
    ? 'from ' + sourceWords(entry.source) : null].filter(Boolean).join(' · ');
  return el('li', {
    class: 'setting-row watch-entry',
    dataset: { key: listTitle + '|' + show.id, showId: show.id },
  },
    showLink(show, { class: 'watch-title' }),
    meta ? el('span', { class: 'meta', text: meta }) : null,
    el('span', { class: 'hint', text: details }),
    el('button', {
      type: 'button', text: 'Remove',
      'aria-label': 'Remove ' + show.title + ' from ' + listTitle,
      onclick: (event) => remove(show, profile, listTitle, event.currentTarget),
    }));
}

async function remove(show, profile, listTitle, button) {
  if (page.busy) return;
  page.busy = true;
  button.disabled = true;
  fail('');
  const params = new URLSearchParams({ show_id: show.id });
  if (profile) params.set('profile_id', String(profile.id));
  else params.set('list', 'household');
  try {
    await api('DELETE', '/watchlist?' + params.toString());
    page.busy = false;
    await reload('Removed ' + show.title + ' from ' + listTitle + '.');
  } catch (err) {
    fail('Could not remove ' + show.title + ': ' + err.message);
    if (button.isConnected) button.disabled = false;
  } finally {
    page.busy = false;
  }
}
