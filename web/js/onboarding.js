// Onboarding on the slates' page (a controller with its view): a profile with no ratings yet
// (GET /ratings?profile_id= answers []) is asked "Tell us what you've watched" above the slate,
// with the grid of GET /onboarding?profile_id=&limit=24 (docs/api.md, "Onboarding"). Each tile
// has four answers: Loved, Liked, Not for me (POST /ratings, primary 2, 1, 0) and Haven't seen
// (no request: the tile is only marked answered). After ANSWERS_WANTED answers, or "Show my
// recommendations", the panel closes and the slate is loaded again. The Family Mix never shows
// it; "Rate a few shows" (the ratings page) opens it for a profile that has ratings too.

import { api } from './api.js';
import { $, clear, el, whileBusy } from './dom.js';
import { showHref } from './show_text.js';

const ANSWERS_WANTED = 10;
const GRID_LIMIT = 24;

// The answers of a tile: `primary` is the rating posted (null: none, "Haven't seen").
const ANSWERS = [
  { key: 'loved', label: 'Loved', primary: 2 },
  { key: 'liked', label: 'Liked', primary: 1 },
  { key: 'not-for-me', label: 'Not for me', primary: 0 },
  { key: 'unseen', label: "Haven't seen", primary: null },
];

const panel = {
  ticket: 0, // bumped by every check or opening: an older answer is dropped
  who: null, // the profile asked, while the panel is open
  answers: new Map(), // show id -> the ANSWERS entry chosen
  dismissed: new Set(), // profiles whose panel was closed during this visit
  reloadSlate: () => Promise.resolve(),
};

/** Wires the panel's fixed button; `reloadSlate()` loads the slate again when it closes. */
export function wireOnboarding({ reloadSlate }) {
  panel.reloadSlate = reloadSlate || panel.reloadSlate;
  $('onboarding-done').addEventListener('click', () => close(true));
}

/**
 * The slate shows `profile` (null: the Family Mix): for a profile with no ratings that has not
 * closed the panel during this visit, the panel opens; otherwise it is hidden.
 */
export async function checkOnboarding(profile) {
  const ticket = ++panel.ticket;
  if (!profile || panel.dismissed.has(profile.id)) {
    hide();
    return;
  }
  if (panel.who && panel.who.id === profile.id) return; // already open for it
  hide();
  let ratings;
  try {
    ratings = await api('GET', '/ratings?profile_id=' + encodeURIComponent(profile.id));
  } catch (err) {
    return; // no panel: the slate works without it
  }
  if (ticket !== panel.ticket) return;
  if (Array.isArray(ratings) && ratings.length === 0) await load(profile, ticket, false);
}

/** "Rate a few shows": the panel opens for `profile` whatever its ratings. */
export async function openOnboarding(profile) {
  const ticket = ++panel.ticket;
  hide();
  if (!profile) return;
  panel.dismissed.delete(profile.id);
  await load(profile, ticket, true);
}

/** Loads the grid of `profile` and shows it (`focus`: its heading gets the focus). */
async function load(profile, ticket, focus) {
  let answer;
  try {
    answer = await api('GET', '/onboarding?profile_id=' + encodeURIComponent(profile.id) +
      '&limit=' + GRID_LIMIT);
  } catch (err) {
    if (ticket !== panel.ticket || !focus) return;
    answer = { items: [] };
    fail('Could not load shows to ask about: ' + err.message);
  }
  if (ticket !== panel.ticket) return;
  const items = answer && Array.isArray(answer.items) ? answer.items : [];
  if (!items.length && !focus) return;
  panel.who = profile;
  panel.answers = new Map();
  $('onboarding-profile').textContent = profile.name;
  const grid = $('onboarding-grid');
  clear(grid);
  items.forEach((item, index) => grid.append(renderTile(item, index)));
  if (!items.length) grid.append(el('li', { class: 'hint', text: 'No shows to ask about.' }));
  drawProgress();
  $('onboarding-panel').hidden = false;
  if (focus) $('onboarding-heading').focus();
}

function hide() {
  panel.who = null;
  panel.answers = new Map();
  $('onboarding-panel').hidden = true;
  clear($('onboarding-grid'));
  fail('');
}

function fail(text) {
  $('onboarding-error').textContent = text || '';
  $('onboarding-error').hidden = !text;
}

function drawProgress() {
  $('onboarding-progress').textContent =
    panel.answers.size + ' of about ' + ANSWERS_WANTED + ' answered';
}

/** "2019 · MA15+" */
function tileMeta(item) {
  return [item.year, item.classification].filter((v) => v !== undefined && v !== null &&
    v !== '' && v !== 0).join(' · ');
}

function renderTile(item, index) {
  const titleId = 'onboarding-show-' + index;
  const group = el('div',
    { class: 'answers', role: 'group', 'aria-label': 'Your answer for ' + item.title });
  for (const a of ANSWERS) {
    group.append(el('button', {
      type: 'button',
      class: 'answer-' + a.key,
      'aria-label': a.label + ': ' + item.title,
      'aria-pressed': 'false',
      text: a.label,
      onclick: (event) => choose(item, a, event.currentTarget),
    }));
  }
  const meta = tileMeta(item);
  return el('li', { class: 'onboard-tile', 'aria-labelledby': titleId, dataset: { showId: item.id } },
    el('h3', { id: titleId }, el('a', { href: showHref(item.id), text: item.title })),
    meta ? el('p', { class: 'meta', text: meta }) : null,
    group);
}

/** An answer pressed: posted (a rating; "Haven't seen" after a rating removes it), then shown. */
async function choose(item, answer, button) {
  const who = panel.who;
  const tile = button.closest('.onboard-tile');
  if (!who || !tile) return;
  const before = panel.answers.get(item.id);
  if (before === answer) return;
  const buttons = Array.from(tile.querySelectorAll('button'));
  fail('');
  try {
    await whileBusy(buttons, async () => {
      if (answer.primary !== null) {
        await api('POST', '/ratings',
          { profile_id: who.id, show_id: item.id, primary: answer.primary });
      } else if (before && before.primary !== null) {
        const params = new URLSearchParams({ profile_id: String(who.id), show_id: item.id });
        await api('DELETE', '/ratings?' + params.toString());
      }
    });
  } catch (err) {
    if (panel.who === who) fail('Could not save "' + answer.label + '" for ' + item.title + ': ' +
      err.message);
    return;
  }
  if (panel.who !== who) return; // closed or another profile meanwhile
  panel.answers.set(item.id, answer);
  tile.classList.add('answered');
  tile.classList.toggle('unseen', answer.primary === null);
  for (const b of buttons) {
    b.setAttribute('aria-pressed', b === button ? 'true' : 'false');
  }
  drawProgress();
  if (panel.answers.size >= ANSWERS_WANTED) close(true);
}

/** Closes the panel for this visit and loads the slate again (`focus`: on its heading). */
async function close(focus) {
  const who = panel.who;
  if (who) panel.dismissed.add(who.id);
  ++panel.ticket;
  hide();
  if (focus) $('slate-heading').focus();
  await panel.reloadSlate();
}
