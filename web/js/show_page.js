// A show's page (#show/<id>), a controller: loads the show (GET /shows/{id}), more like it
// (GET /shows/{id}/similar; a 503 while the index is built says "not ready yet"), what the
// profile on screen said of it (its rating, note, feedback, watchlist, its tags of the show's
// genres) and every profile's rating of it (GET /ratings per profile of GET /me); changes them
// with the page's toggles (POST, or DELETE to take one back) and draws them with show_view.js.

import { api } from './api.js';
import { SIMILAR_LIMIT } from './constants.js';
import { $, whileBusy } from './dom.js';
import {
  renderHouseholdRatings, renderShowActions, renderShowDetails, renderShowTags, renderSimilar,
  resetShowView, showNoteText, showPageError, showStatus, syncShowActions, typedShowNote,
} from './show_view.js';
import { whose } from './show_text.js';

const page = {
  ticket: 0, // bumped by every load: an older one's answers are dropped
  item: null, // GET /shows/{id}, null while loading
  who: null, // the profile the toggles act for, or null
  profiles: [], // the household's
  ratings: new Map(), // profile id -> its rating of the show
  feedback: new Map(), // kind -> the profile's active feedback on the show
  listed: { profile: false, household: false },
  tags: [], // the profile's tags, [{tag, liked}] (GET /tags)
  busy: false,
};

/** Wires the page's fixed form (the note). */
export function wireShowPage() {
  $('show-note-form').addEventListener('submit', (event) => {
    event.preventDefault();
    saveNote($('show-note-save'));
  });
}

/** The show `id` in an address's hash `#show/<id>`, or null. */
export function showIdOf(hash) {
  const m = /^#show\/(.+)$/.exec(hash || '');
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch (e) {
    return null;
  }
}

/**
 * Loads and draws the page of show `id` for `profile` (the profile on screen, or null) in a
 * household of `profiles`; resolves when it is drawn (or failed).
 */
export async function openShow(id, { profile, profiles }) {
  const ticket = ++page.ticket;
  Object.assign(page, {
    item: null, who: profile, profiles, ratings: new Map(), feedback: new Map(),
    listed: { profile: false, household: false }, tags: [], busy: false,
  });
  resetShowView();
  const path = '/shows/' + encodeURIComponent(id);
  const similar = api('GET', path + '/similar?limit=' + SIMILAR_LIMIT)
    .then((items) => ({ items: Array.isArray(items) ? items : [] }),
      (err) => (err.status === 503 ? { notReady: true } : { failed: err.message }));
  const ratings = Promise.all(profiles.map((p) =>
    api('GET', '/ratings?profile_id=' + encodeURIComponent(p.id)).catch(() => null)));
  const own = profile ? loadOwn(id, profile) : Promise.resolve(null);
  let item;
  try {
    item = await api('GET', path);
  } catch (err) {
    if (ticket !== page.ticket) return;
    $('show-title').textContent = 'Show not found';
    showStatus('');
    showPageError(err.status === 404 ? 'No show is known by the id "' + id + '".'
      : 'Could not load the show: ' + err.message);
    return;
  }
  const [alike, lists, mine] = await Promise.all([similar, ratings, own]);
  if (ticket !== page.ticket) return;
  page.item = item;
  renderShowDetails(item);
  lists.forEach((list, i) => {
    const rating = (list || []).find((r) => r.show_id === id);
    if (rating) page.ratings.set(profiles[i].id, rating);
  });
  renderShowActions(item.title, profile, { rate, feedback: toggleFeedback, list: toggleList });
  if (mine) {
    mine.feedback.forEach((f) => page.feedback.set(f.kind, f));
    page.listed = mine.listed;
    page.tags = mine.tags;
    showNoteText(mine.note);
    syncActions();
  }
  drawHousehold(lists.some((l) => l === null));
  renderSimilar(alike.items || [], alike);
  showStatus(mine && mine.failed ? ''
    : 'Showing ' + item.title + (profile ? ' for ' + profile.name : '') + '.');
  if (mine && mine.failed) showPageError('Could not load what ' + profile.name + ' said of it: ' +
    mine.failed);
}

/** The profile's note, active feedback, watchlist places for show `id`, and its tags. */
async function loadOwn(id, profile) {
  const pid = encodeURIComponent(profile.id);
  try {
    const [notes, feedback, lists, tags] = await Promise.all([
      api('GET', '/notes?profile_id=' + pid),
      api('GET', '/feedback?profile_id=' + pid),
      api('GET', '/watchlist'),
      api('GET', '/tags?profile_id=' + pid),
    ]);
    const note = (Array.isArray(notes) ? notes : []).find((n) => n.show_id === id);
    const entries = lists && Array.isArray(lists.items) ? lists.items : [];
    const on = (e) => e.show && e.show.id === id;
    return {
      note: note ? note.text : '',
      feedback: (feedback && Array.isArray(feedback.items) ? feedback.items : [])
        .filter((f) => f.show_id === id && f.active !== false),
      listed: {
        profile: entries.some((e) => on(e) && e.list === 'profile' && e.profile_id === profile.id),
        household: entries.some((e) => on(e) && e.list === 'household'),
      },
      tags: Array.isArray(tags) ? tags : [],
    };
  } catch (err) {
    return { note: '', feedback: [], listed: { profile: false, household: false }, tags: [],
      failed: err.message };
  }
}

function syncActions() {
  syncShowActions({
    rating: page.ratings.get(page.who.id) || null, feedback: page.feedback, listed: page.listed,
  });
  renderShowTags(page.item, page.tags, toggleTag);
}

function drawHousehold(failed) {
  const rows = page.profiles.filter((p) => page.ratings.has(p.id))
    .map((p) => ({ profile: p, rating: page.ratings.get(p.id) }));
  renderHouseholdRatings(rows, failed && !rows.length);
}

/**
 * Runs the change `fn` (resolving to the status line's text) with `button` busy; the toggles
 * are pressed as the state says afterwards, and a failure is shown as `what` failed.
 */
async function change(button, what, fn) {
  if (!page.item || !page.who || page.busy) return;
  const ticket = page.ticket;
  page.busy = true;
  showPageError('');
  try {
    const said = await whileBusy(button, fn);
    if (ticket !== page.ticket) return;
    syncActions();
    showStatus(said);
  } catch (err) {
    if (ticket === page.ticket) showPageError('Could not ' + what + ': ' + err.message);
  } finally {
    if (ticket === page.ticket) page.busy = false;
  }
}

/** A verdict button: sets it, or (pressed already) takes the profile's rating back. */
function rate(verdict, button) {
  const { item, who } = page;
  return change(button, 'save the rating', async () => {
    const current = page.ratings.get(who.id);
    if (current && current.primary === verdict.primary) {
      const params = new URLSearchParams({ profile_id: String(who.id), show_id: item.id });
      await api('DELETE', '/ratings?' + params.toString());
      page.ratings.delete(who.id);
      drawHousehold(false);
      return 'Removed ' + whose(who.name) + ' rating of ' + item.title + '.';
    }
    const saved = await api('POST', '/ratings',
      { profile_id: who.id, show_id: item.id, primary: verdict.primary });
    page.ratings.set(who.id, saved || { primary: verdict.primary, score: null });
    drawHousehold(false);
    return 'Saved: ' + item.title + ' is ' + verdict.verb + ' for ' + who.name + '.';
  });
}

/** A feedback button (FEEDBACK_KINDS): says it, or (pressed already) takes it back. */
function toggleFeedback(kind, button) {
  const { item, who } = page;
  return change(button, 'save "' + kind.label + '"', async () => {
    if (page.feedback.has(kind.kind)) {
      const params = new URLSearchParams(
        { profile_id: String(who.id), show_id: item.id, kind: kind.kind });
      await api('DELETE', '/feedback?' + params.toString());
      page.feedback.delete(kind.kind);
      return 'Taken back: ' + kind.label + ' (' + item.title + ', ' + who.name + ').';
    }
    const saved = await api('POST', '/feedback',
      { profile_id: who.id, show_id: item.id, kind: kind.kind });
    page.feedback.set(kind.kind, saved || { kind: kind.kind });
    return 'Noted for ' + who.name + ': ' + kind.label + ' (' + item.title + ').';
  });
}

/** A watchlist button ('profile': the profile's list, 'household'): on it, or off it. */
function toggleList(which, button) {
  const { item, who } = page;
  const name = which === 'household' ? "the household's watchlist"
    : whose(who.name) + ' watchlist';
  return change(button, 'change ' + name, async () => {
    const target = which === 'household' ? { list: 'household' } : { profile_id: who.id };
    if (page.listed[which]) {
      const params = new URLSearchParams(Object.assign({ show_id: item.id }, target));
      await api('DELETE', '/watchlist?' + params.toString());
      page.listed[which] = false;
      return item.title + ' is off ' + name + '.';
    }
    await api('POST', '/watchlist', Object.assign({ show_id: item.id }, target));
    page.listed[which] = true;
    return item.title + ' is on ' + name + '.';
  });
}

/**
 * A tag toggle (notes.js renderTagChoices): likes or dislikes `word`; pressing the choice made
 * already (`current`) removes the tag. As the show dialog's (controller.js toggleTag) does.
 */
function toggleTag(word, liked, current, button) {
  const { who } = page;
  const others = () => page.tags.filter((t) => t.tag.toLowerCase() !== word);
  return change(button, 'save the tag "' + word + '"', async () => {
    if (current === liked) {
      const params = new URLSearchParams({ profile_id: String(who.id), tag: word });
      // 404: it was gone already (removed elsewhere meanwhile).
      await api('DELETE', '/tags?' + params.toString())
        .catch((err) => { if (err.status !== 404) throw err; });
      page.tags = others();
      return 'Removed ' + whose(who.name) + ' tag "' + word + '".';
    }
    const saved = await api('POST', '/tags', { profile_id: who.id, tag: word, liked });
    page.tags = others().concat([{ tag: (saved && saved.tag) || word, liked }]);
    return (liked ? 'Liked' : 'Disliked') + ' tag "' + word + '" for ' + who.name + '.';
  });
}

function saveNote(button) {
  const { item, who } = page;
  const text = typedShowNote();
  return change(button, 'save the note', async () => {
    await api('POST', '/notes', { profile_id: who.id, show_id: item.id, text });
    return text ? 'Note saved for ' + item.title + '.' : 'Note removed from ' + item.title + '.';
  });
}
