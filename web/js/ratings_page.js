// The ratings page (#ratings), a controller with its view: every rating of the profile on
// screen (GET /ratings?profile_id=, newest first) with its show's link, verdict, score, date and
// where it came from; a filter by verdict; changing a verdict (POST /ratings) or removing it
// (DELETE /ratings); and Undo of the last change, which puts back the rating as it was (a new
// one removed, a removed one added again, a changed one as before). The import form below the
// list is imports.js's.

import { api } from './api.js';
import { VERDICTS } from './constants.js';
import { $, clear, el } from './dom.js';
import { dayOf, showLink, sourceWords, verdictOf, whose } from './show_text.js';

const FILTERS = { all: null, loved: 2, good: 1, bad: 0 };

const page = {
  ticket: 0, // bumped by every load: an older answer is dropped
  who: null, // the profile whose ratings show
  list: [], // its ratings, newest first
  filter: 'all',
  // The last change, to undo: {show: {id, title}, before: the rating before (null: there was
  // none), after: the rating after (null: removed)}; null: nothing to undo.
  undo: null,
  busy: false,
};

/** Wires the page's fixed controls: the filter and Undo. */
export function wireRatingsPage() {
  $('ratings-filter').addEventListener('change', (event) => {
    if (!(event.target.value in FILTERS)) return;
    page.filter = event.target.value;
    draw();
  });
  $('ratings-undo').addEventListener('click', undoLast);
}

/** Shows the ratings of `profile` (null: none chosen); a change of profile forgets the Undo. */
export async function openRatings(profile) {
  if (!page.who || !profile || page.who.id !== profile.id) page.undo = null;
  page.who = profile;
  $('ratings-profile').textContent = profile ? profile.name : 'this profile';
  drawUndo();
  if (!profile) {
    page.list = [];
    draw();
    say('Choose a profile to see its ratings.');
    return;
  }
  await reload();
}

/** Loads the ratings again (after an import, or a change) and draws them. */
export async function reload() {
  const who = page.who;
  if (!who) return;
  const ticket = ++page.ticket;
  fail('');
  try {
    const list = await api('GET', '/ratings?profile_id=' + encodeURIComponent(who.id));
    if (ticket !== page.ticket) return;
    page.list = Array.isArray(list) ? list : [];
    draw();
  } catch (err) {
    if (ticket === page.ticket) fail('Could not load the ratings: ' + err.message);
  }
}

function say(text) {
  $('ratings-status').textContent = text || '';
}

function fail(text) {
  $('ratings-error').textContent = text || '';
  $('ratings-error').hidden = !text;
}

// --- the view ---------------------------------------------------------------------------------

function draw() {
  const list = $('ratings-list');
  const focus = focusedRow();
  clear(list);
  const wanted = FILTERS[page.filter];
  const shown = page.list.filter((r) => wanted === null || r.primary === wanted);
  for (const rating of shown) list.append(renderRow(rating));
  if (!shown.length) {
    list.append(el('li', {
      class: 'hint',
      text: page.list.length ? 'No ' + page.filter + ' ratings.'
        : 'No ratings yet: rate shows on the slates, find them with the search, or import ' +
          'them below.',
    }));
  }
  if (page.who) say(counts() + (wanted === null ? '' : ' Showing the ' + page.filter + ' ones.'));
  if (focus) restoreFocus(focus);
}

/** "12 ratings of Ross: 4 loved, 5 good, 3 bad." */
function counts() {
  const n = page.list.length;
  const of = (v) => page.list.filter((r) => r.primary === v.primary).length + ' ' + v.verb;
  return n + (n === 1 ? ' rating' : ' ratings') + ' of ' + page.who.name +
    (n ? ': ' + VERDICTS.slice().reverse().map(of).join(', ') : '') + '.';
}

function renderRow(rating) {
  const show = { id: rating.show_id, title: rating.title || rating.show_id };
  const verdict = verdictOf(rating.primary);
  const group = el('div',
    { class: 'rate', role: 'group', 'aria-label': 'Verdict on ' + show.title });
  for (const v of VERDICTS) {
    group.append(el('button', {
      type: 'button', class: 'rate-' + v.verb, text: v.label,
      'aria-label': 'Rate ' + show.title + ' ' + v.verb,
      'aria-pressed': v.primary === rating.primary ? 'true' : 'false',
      onclick: () => (v.primary === rating.primary ? remove(show, rating)
        : change(show, rating, v)),
    }));
  }
  return el('li', { class: 'rating-row', dataset: { showId: show.id } },
    el('div', { class: 'rating-head' },
      showLink(show, { class: 'rating-title' }),
      el('span', { class: 'verdict' + (verdict ? ' rate-' + verdict.verb : ''),
        text: verdict ? verdict.label : '?' }),
      typeof rating.score === 'number'
        ? el('span', { class: 'score', text: rating.score + '/10' }) : null),
    el('p', { class: 'rating-when hint' },
      el('span', { class: 'date', text: dayOf(rating.ts) }),
      ' · ',
      el('span', { class: 'source', text: sourceWords(rating.source) })),
    el('div', { class: 'rating-actions' },
      group,
      el('button', {
        type: 'button', class: 'danger-button remove', text: 'Remove',
        'aria-label': 'Remove the rating of ' + show.title,
        onclick: () => remove(show, rating),
      })));
}

function drawUndo() {
  const button = $('ratings-undo');
  const u = page.undo;
  button.disabled = !u || page.busy;
  button.textContent = u ? 'Undo: ' + undoWords(u) : 'Undo';
}

function undoWords(u) {
  if (!u.after) return u.show.title + ' removed';
  if (!u.before) return u.show.title + ' rated';
  return u.show.title + ' changed to ' + verdictOf(u.after.primary).verb;
}

/** Where keyboard focus is in the list: its row's show id and which of its controls. */
function focusedRow() {
  const active = document.activeElement;
  const row = active && active.closest ? active.closest('#ratings-list .rating-row') : null;
  if (!row) return null;
  const controls = Array.from(row.querySelectorAll('a, button'));
  return { id: row.dataset.showId, index: controls.indexOf(active) };
}

function restoreFocus(focus) {
  const row = $('ratings-list')
    .querySelector('.rating-row[data-show-id="' + CSS.escape(focus.id) + '"]');
  const controls = row ? Array.from(row.querySelectorAll('a, button')) : [];
  const target = controls[Math.max(focus.index, 0)] || $('ratings-heading');
  target.focus();
}

// --- changes ----------------------------------------------------------------------------------

/**
 * Runs `fn` (a change; resolves to the status line's words), then loads the list again; `undo`
 * is what Undo will put back afterwards (null: nothing).
 */
async function run(what, fn, undo) {
  if (page.busy || !page.who) return;
  page.busy = true;
  drawUndo();
  fail('');
  let said = '';
  try {
    said = await fn(page.who);
    page.undo = undo;
  } catch (err) {
    fail('Could not ' + what + ': ' + err.message);
  } finally {
    page.busy = false;
    drawUndo();
  }
  await reload();
  if (said) say(said + ' ' + $('ratings-status').textContent);
}

function post(who, show, primary, score) {
  const body = { profile_id: who.id, show_id: show.id, primary };
  if (typeof score === 'number') body.score = score;
  return api('POST', '/ratings', body);
}

function del(who, show) {
  const params = new URLSearchParams({ profile_id: String(who.id), show_id: show.id });
  return api('DELETE', '/ratings?' + params.toString());
}

function change(show, rating, verdict) {
  return run('change the rating', async (who) => {
    await post(who, show, verdict.primary);
    return show.title + ' is ' + verdict.verb + ' now.';
  }, { show, before: rating, after: { primary: verdict.primary } });
}

function remove(show, rating) {
  return run('remove the rating', async (who) => {
    await del(who, show);
    return 'Removed the rating of ' + show.title + '.';
  }, { show, before: rating, after: null });
}

/** Undo: the rating as it was before the last change (the last change is then forgotten). */
function undoLast() {
  const u = page.undo;
  if (!u) return;
  return run('undo', async (who) => {
    if (u.before) {
      await post(who, u.show, u.before.primary, u.before.score);
      return 'Undone: ' + u.show.title + ' is ' + verdictOf(u.before.primary).verb + ' again.';
    }
    await del(who, u.show);
    return 'Undone: ' + whose(who.name) + ' rating of ' + u.show.title + ' is gone again.';
  }, null);
}
