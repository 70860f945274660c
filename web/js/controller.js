// The household page's controller for the slates: it owns their state, loads and saves through
// the REST API (docs/api.md), follows the slate on screen live (live.js), and draws the views
// (cards, slate, profiles, family, tags, notes, the PIN prompt) with their data and callbacks.
// Choosing a profile makes it this screen's (POST /me/profiles/{id}/select, with its PIN when it
// has one). The views know nothing of each other, nor of the state; app.js wires the page's
// forms to the functions exported here, and the settings page is js/account.js's.

import {
  forgetRequestedProfile, requestedIntent, requestedProfile, requestedSeed,
} from './address.js';
import { api } from './api.js';
import { intentLabel, renderCard, renderFamilyCard, showMeta, WANT_TO_WATCH } from './cards.js';
import {
  FAMILY, INTENT_KEY, INTENTS, NOT_WATCHING_KEY, ONLY_MINE_KEY, PROFILE_KEY,
  SLATE_LIMIT,
} from './constants.js';
import { askPin } from './dialogs.js';
import { namesList, reportError, setStatus, showError, storageGet, storageSet } from './dom.js';
import { renderFamilyWarning, renderLedger, renderWatching, showNote } from './family.js';
import { changeWords, createLiveSlates, REASONS } from './live.js';
import {
  closeShowDialog, dialogNote, focusAfterDialog, openShowDialog, renderDialogTags,
} from './notes.js';
import { renderHeadings, renderProfiles } from './profiles.js';
import { drawSlate, focusCardAt } from './slate.js';
import { clearTypedTag, renderTags, typedTag } from './tags.js';

const state = {
  profiles: [],
  profileId: null, // null while the Family Mix is showing
  screenId: null, // the profile this session's screen chose (select), null: none known
  family: false,
  notWatching: new Set(),
  slateTicket: 0, // bumped by every slate request; older answers are dropped
  warningTicket: 0, // the same for the Family Mix banner re-fetched after a live update
  // The same for the tags: loads overlap (a live push and the page's own change both ask), and
  // only the latest one's answer is drawn, so that an older list never replaces a newer one.
  tagsTicket: 0,
  pushes: 0, // live slates shown so far; a REST answer older than one is not drawn
  shown: null, // the slate on screen (slate.js drawSlate): {key: its view, items, cards}
  seed: null,
  seedWarning: '',
  intent: 'default', // the profile slate's intent (the <select>)
  onlyMine: false, // "Only on our services"
  tags: [], // the profile's tags, [{tag, liked}]
  notes: new Map(), // the profile's notes: show id -> text
  dialogItem: null, // the show whose note and tags the dialog edits
  dialogOpener: null, // the button that opened it, focused again when it closes
  busy: false,
  onProfileChosen: () => {}, // a profile or the Family Mix was chosen in the switcher
  onProfileChanged: () => {}, // ... and it is another than before (the state says which now)
  onProfilesPushed: () => {}, // the profiles changed elsewhere (and are loaded again)
  onInbox: () => {}, // new watchlist alerts were pushed ({"type":"inbox"})
  onReconnected: () => {}, // the live connection is back after a loss
  onSlateProfile: () => {}, // the slate shows a profile's (or, null, the Family Mix) now
};

// A refused socket (the session ended): GET /me answers 401 too, which signs the page out
// (api.js onUnauthorized).
const live = createLiveSlates({
  onSlate: onLiveSlate,
  onRefused: () => api('GET', '/me').catch(() => {}),
  onProfiles: () => reloadProfiles().then(() => state.onProfilesPushed()),
  onInbox: (msg) => state.onInbox(msg),
  onReconnected: () => state.onReconnected(),
});

// --- the address and the slate's controls ---------------------------------------------------

/** `?seed=` (digits, or null); a bad one is reported by start(). */
export function readSeed() {
  const { seed, warning } = requestedSeed();
  state.seed = seed;
  state.seedWarning = warning;
  return seed;
}

/** The intent and "only our services" as chosen before; `?intent=` wins for this visit. */
export function readChoices() {
  const asked = requestedIntent();
  const stored = storageGet(INTENT_KEY);
  state.intent = INTENTS.includes(asked) ? asked : INTENTS.includes(stored) ? stored : 'default';
  state.onlyMine = storageGet(ONLY_MINE_KEY) === 'true';
  return { intent: state.intent, onlyMine: state.onlyMine };
}

/** The slate's controls changed: remembered, and the slate reloaded. */
export function changeChoices(intent, onlyMine) {
  state.intent = INTENTS.includes(intent) ? intent : 'default';
  state.onlyMine = onlyMine;
  storageSet(INTENT_KEY, state.intent === 'default' ? null : state.intent);
  storageSet(ONLY_MINE_KEY, state.onlyMine ? 'true' : null);
  showError('');
  loadSlate();
}

// --- start -------------------------------------------------------------------------------

/**
 * Starts the slates of a signed-in page: the live socket, the profiles, the profile asked for
 * (made this screen's, with its PIN if need be), its slate. `onProfileChosen(family)`: the
 * switcher was used (`family`: for the Family Mix). `onProfileChanged()`: what it chose is
 * another profile, or the Family Mix, than before (pageProfile() says which).
 * `onProfilesPushed()`: the household's profiles changed elsewhere, and the switcher shows them.
 * `onInbox(msg)`: the live socket delivered new watchlist alerts; `onReconnected()`: it is live
 * again after a loss (see live.js). `onSlateProfile(profile)`: the slate is (re)loaded for
 * `profile` after a start or a switch (null: the Family Mix).
 */
export async function start({
  onProfileChosen, onProfileChanged, onProfilesPushed, onInbox, onReconnected, onSlateProfile,
}) {
  state.onProfileChosen = onProfileChosen || (() => {});
  state.onProfileChanged = onProfileChanged || (() => {});
  state.onProfilesPushed = onProfilesPushed || (() => {});
  state.onInbox = onInbox || (() => {});
  state.onReconnected = onReconnected || (() => {});
  state.onSlateProfile = onSlateProfile || (() => {});
  state.shown = null;
  live.connect();
  try {
    await loadProfiles();
  } catch (err) {
    reportError(err, 'Could not load profiles');
    return;
  }
  await chooseAtStart();
  drawProfiles();
  await refreshProfileViews();
  if (state.seedWarning) showError(state.seedWarning);
}

// --- the slate ----------------------------------------------------------------------------

/**
 * What the page shows now: the query of GET /recommendations and of a live subscription (the
 * same fields: docs/ws.md), the seed, how its cards are drawn and its status texts; null before
 * the profiles are known.
 */
function currentView() {
  let view;
  if (state.family) {
    const members = watchingProfiles();
    const names = namesList(members);
    view = {
      query: { for: members.map((p) => p.id).join(','), intent: 'family_mix' },
      render: (item, index) => renderFamilyCard(item, index, { onWatched: watchedTogether }),
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
      render: (item, index) => renderCard(item, index, {
        note: state.notes.get(item.id), onRate: rate, onOpen: openDialog, onAside: setAside,
      }),
      what: 'recommendations for ' + who.name,
      count: (n) => n + ' recommendations for ' + who.name + mood,
      failed: 'Could not load recommendations',
    };
  }
  Object.assign(view.query, { limit: SLATE_LIMIT, only_my_services: state.onlyMine });
  view.seed = state.seed;
  view.key = JSON.stringify(view.query) + '|' + (state.seed || '0');
  return view;
}

/** The address of GET /recommendations for `view` (`explain`: the Family Mix's banner). */
function recommendationsPath(view, explain) {
  const params = new URLSearchParams(view.query);
  if (view.seed !== null) params.set('seed', view.seed);
  if (explain) params.set('explain', 'true');
  return '/recommendations?' + params.toString();
}

/** The cards of an answer: the array itself, or `.items` of a Family Mix explain answer. */
function answerItems(answer) {
  return Array.isArray(answer) ? answer
    : answer && Array.isArray(answer.items) ? answer.items : [];
}

/** The banner's warning in a Family Mix explain answer (null: none). */
function familyWarning(answer) {
  return answer && answer.family ? answer.family.warning : null;
}

/** Draws `items` as the cards of `view` (slate.js); returns whether anything changed. */
function showSlate(items, view) {
  const shown = drawSlate(items, view, state.shown);
  if (!shown) return false;
  state.shown = shown;
  return true;
}

/**
 * Loads and renders the slate (for the Family Mix with explain=true: `.family` is the banner);
 * `note` (e.g. "Saved.") prefixes the status line. Also makes the live connection follow it.
 */
async function loadSlate(note) {
  const view = currentView();
  if (!view) return;
  live.follow(view);
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

/** Loads the slate on screen again (e.g. after ratings made elsewhere on the page). */
export function reloadSlate() {
  return loadSlate();
}

async function rate(item, verdict, button, index) {
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
    focusCardAt(index, '.rate button');
  } catch (err) {
    reportError(err, 'Could not save the rating');
    button.disabled = false;
  } finally {
    state.busy = false;
  }
}

/**
 * A card's smaller action: feedback (POST /feedback: not interested, not tonight, seen) or
 * "Want to watch" (the profile's watchlist). The slate re-ranks (a card with feedback leaves
 * it); the server also pushes it to every page following it.
 */
async function setAside(item, action, button, index) {
  const who = currentProfile();
  if (!who || state.busy) return;
  state.busy = true;
  button.disabled = true;
  showError('');
  const watch = action === WANT_TO_WATCH;
  const done = watch ? item.title + ' is on ' + who.name + "'s watchlist."
    : 'Noted for ' + who.name + ': ' + action.label + ' (' + item.title + ').';
  setStatus('Saving: ' + action.label + ' (' + item.title + ')…');
  try {
    if (watch) await api('POST', '/watchlist', { show_id: item.id, profile_id: who.id });
    else {
      await api('POST', '/feedback',
        { profile_id: who.id, show_id: item.id, kind: action.kind });
    }
    await loadSlate(done);
    focusCardAt(index, '.aside button');
  } catch (err) {
    reportError(err, 'Could not save "' + action.label + '"');
  } finally {
    if (button.isConnected) button.disabled = false;
    state.busy = false;
  }
}

// --- live slates ---------------------------------------------------------------------------

/** A pushed slate of the view followed: drawn when different, and the status says why. */
function onLiveSlate(msg, view) {
  state.pushes++;
  // A tag or note changed, maybe on another page: the tags panel and the cards show them.
  if (msg.reason === 'tag' && !state.family) loadTags();
  if (msg.reason === 'note' && !state.family) {
    loadNotes().then(() => {
      if (live.follows(view) && state.shown && state.shown.key === view.key) {
        showSlate(state.shown.items, view);
      }
    });
  }
  const changes = changeWords(msg);
  if (!showSlate(msg.items, view) && !changes) return;
  setStatus('Updated: ' + (changes || REASONS[msg.reason] || 'the slate changed') + '. ' +
    view.count(msg.items.length) + '.');
  if (state.family) refreshFamilyWarning(view);
}

/** The Family Mix banner after a live update: only the explain answer carries it. */
async function refreshFamilyWarning(view) {
  const ticket = ++state.warningTicket;
  try {
    const answer = await api('GET', recommendationsPath(view, true));
    if (ticket !== state.warningTicket || !live.follows(view)) return;
    renderFamilyWarning(familyWarning(answer));
  } catch (err) {
    // The banner stays as it was; the next update fetches it again.
  }
}

// --- profiles ------------------------------------------------------------------------------

function currentProfile() {
  return state.profiles.find((p) => p.id === state.profileId) || null;
}

/**
 * The profile the other pages (a show's, the ratings) act for: the one chosen in the switcher,
 * or while the Family Mix shows, this screen's; null when neither is known.
 */
export function pageProfile() {
  return currentProfile() || screenProfile();
}

/** The household's profiles, as the switcher shows them. */
export function householdProfiles() {
  return state.profiles.slice();
}

/** The profile this screen chose (POST /me/profiles/{id}/select), or null when none is known. */
export function screenProfile() {
  return state.profiles.find((p) => p.id === state.screenId) || null;
}

/**
 * The profiles, and the choice asked for (the address, else the one stored, else the screen's,
 * else the first); not yet drawn.
 */
async function loadProfiles() {
  // GET /me has the profiles (as GET /me/profiles lists them) and this screen's choice.
  const me = await api('GET', '/me');
  state.profiles = me && Array.isArray(me.profiles) ? me.profiles : [];
  const screen = me && me.screen_profile_id;
  state.screenId = state.profiles.some((p) => p.id === screen) ? screen : null;
  const wanted = requestedProfile(state.profiles) || storageGet(PROFILE_KEY) ||
    (state.screenId !== null ? String(state.screenId) : null);
  state.family = wanted === FAMILY && state.profiles.length > 0;
  const found = state.profiles.find((p) => String(p.id) === wanted);
  state.profileId = state.family ? null
    : found ? found.id : state.profiles.length ? state.profiles[0].id : null;
  loadWatching();
}

/**
 * At start, a profile other than the screen's is made the screen's (its PIN asked for when it
 * has one). Refused or cancelled: the screen's profile shows, or else the Family Mix.
 */
async function chooseAtStart() {
  const who = currentProfile();
  if (!who || who.id === state.screenId) return;
  if (await makeScreen(who)) return;
  const screen = screenProfile();
  state.family = !screen && state.profiles.length > 0;
  state.profileId = screen ? screen.id : null;
}

/**
 * POST /me/profiles/{id}/select: this screen acts as `profile` from now on; for a profile with
 * a PIN, the PIN prompt first (a wrong PIN says so and asks again). Resolves to whether it is
 * the screen's now.
 */
async function makeScreen(profile) {
  const path = '/me/profiles/' + encodeURIComponent(profile.id) + '/select';
  if (profile.has_pin) {
    const chosen = await askPin(profile.name, async (pin) => {
      try {
        await api('POST', path, { pin });
        return '';
      } catch (err) {
        return err.status === 403 ? 'Wrong PIN: try again.' : err.message;
      }
    });
    if (chosen) state.screenId = profile.id;
    return chosen;
  }
  try {
    await api('POST', path, {});
  } catch (err) {
    // 400: it has a PIN by now (set from another screen): ask for it.
    const now = err.status === 400 ? await freshProfile(profile.id) : null;
    if (now && now.has_pin) return makeScreen(now);
    reportError(err, 'Could not switch to ' + profile.name);
    return false;
  }
  state.screenId = profile.id;
  return true;
}

/** The profile `id` as the server has it now (the list is loaded again), or null. */
async function freshProfile(id) {
  try {
    const profiles = await api('GET', '/me/profiles');
    if (Array.isArray(profiles)) state.profiles = profiles;
  } catch (err) {
    return null;
  }
  return state.profiles.find((p) => p.id === id) || null;
}

/**
 * The profiles changed (the settings page): loaded again and the switcher redrawn; the choice
 * on screen stays unless its profile is gone.
 */
export async function reloadProfiles() {
  let profiles;
  try {
    profiles = await api('GET', '/me/profiles');
  } catch (err) {
    return;
  }
  state.profiles = Array.isArray(profiles) ? profiles : [];
  if (state.screenId !== null && !state.profiles.some((p) => p.id === state.screenId)) {
    state.screenId = null;
  }
  const gone = !state.family && !currentProfile();
  if (gone) {
    state.family = state.profiles.length > 0;
    state.profileId = null;
  }
  loadWatching();
  drawProfiles();
  if (gone) await refreshProfileViews();
}

/** The switcher, the panels of the choice, "Who's watching?" and the headings. */
function drawProfiles() {
  renderProfiles(state.profiles, { family: state.family, profileId: state.profileId },
    { onProfile: selectProfile, onFamily: selectFamily });
  if (!state.family) {
    renderFamilyWarning(null);
    showNote('');
  }
  renderWatching(state.family ? state.profiles : [], state.notWatching, toggleWatching);
  drawHeadings();
}

function drawHeadings() {
  const who = currentProfile();
  renderHeadings({
    family: state.family,
    slateFor: state.family ? namesList(watchingProfiles()) : who ? who.name : '…',
    profileName: who ? who.name : null,
  });
}

/** A profile's button: it becomes this screen's profile (PIN first, if it has one). */
async function selectProfile(id) {
  const profile = state.profiles.find((p) => p.id === id);
  if (!profile) return;
  showError('');
  if (id !== state.screenId && !(await makeScreen(profile))) return;
  state.onProfileChosen(false);
  if (!state.family && id === state.profileId) return;
  state.family = false;
  state.profileId = id;
  storageSet(PROFILE_KEY, String(id));
  forgetRequestedProfile();
  drawProfiles();
  state.onProfileChanged();
  refreshProfileViews();
}

function selectFamily() {
  state.onProfileChosen(true);
  if (state.family) return;
  state.family = true;
  state.profileId = null;
  storageSet(PROFILE_KEY, FAMILY);
  forgetRequestedProfile();
  drawProfiles();
  state.onProfileChanged();
  refreshProfileViews();
}

async function refreshProfileViews() {
  showError('');
  state.onSlateProfile(state.family ? null : currentProfile());
  if (state.family) await Promise.all([loadSlate(), loadLedger()]);
  else await Promise.all([loadNotes().then(() => loadSlate()), loadTags()]);
}

// --- the Family Mix ------------------------------------------------------------------------

/** Who is not watching, as stored (unknown profiles dropped; someone is always watching). */
function loadWatching() {
  let stored = [];
  try {
    stored = JSON.parse(storageGet(NOT_WATCHING_KEY) || '[]');
  } catch (e) {
    stored = [];
  }
  const known = new Set(state.profiles.map((p) => p.id));
  state.notWatching = new Set((Array.isArray(stored) ? stored : []).filter((id) => known.has(id)));
  if (!watchingProfiles().length) state.notWatching.clear();
}

function watchingProfiles() {
  return state.profiles.filter((p) => !state.notWatching.has(p.id));
}

function toggleWatching(profile, input) {
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
  drawHeadings();
  loadSlate();
}

async function watchedTogether(item, button, index) {
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
    focusCardAt(index, 'button.watched');
  } catch (err) {
    reportError(err, 'Could not note the watch');
    button.disabled = false;
  } finally {
    state.busy = false;
  }
}

async function loadLedger() {
  try {
    const ledger = await api('GET', '/family/ledger');
    if (!state.family) return;
    renderLedger(ledger || {});
  } catch (err) {
    reportError(err, 'Could not load the fairness ledger');
  }
}

// --- notes and the show dialog -------------------------------------------------------------

async function loadNotes() {
  const who = currentProfile();
  if (!who) return;
  try {
    const notes = await api('GET', '/notes?profile_id=' + encodeURIComponent(who.id));
    if (state.profileId !== who.id) return;
    state.notes = new Map((Array.isArray(notes) ? notes : []).map((n) => [n.show_id, n.text]));
  } catch (err) {
    state.notes = new Map();
    reportError(err, 'Could not load notes');
  }
}

function openDialog(item, opener) {
  const who = currentProfile();
  if (!who) return;
  const opened = openShowDialog(item, {
    profileName: who.name,
    note: state.notes.get(item.id),
    meta: showMeta(item),
    tags: state.tags,
    onTag: toggleTag,
  });
  if (opened) {
    state.dialogItem = item;
    state.dialogOpener = opener;
  }
}

/** After the dialog closes: focus back on its button (on the re-drawn card if need be). */
export function dialogClosed() {
  const item = state.dialogItem;
  const opener = state.dialogOpener;
  state.dialogItem = state.dialogOpener = null;
  focusAfterDialog(item, opener);
}

function drawDialogTags() {
  renderDialogTags(state.dialogItem, state.tags, toggleTag);
}

/** Sets `word` liked or disliked; pressing the choice already made removes the tag. */
async function toggleTag(word, liked, current) {
  if (current === liked) await removeTag(word);
  else await addTag(liked, word);
  drawDialogTags();
}

export async function saveNote() {
  const who = currentProfile();
  const item = state.dialogItem;
  if (!who || !item) return;
  const text = dialogNote();
  showError('');
  try {
    await api('POST', '/notes', { profile_id: who.id, show_id: item.id, text });
    if (text) state.notes.set(item.id, text);
    else state.notes.delete(item.id);
    closeShowDialog();
    await loadSlate(text ? 'Note saved for ' + item.title + '.'
      : 'Note removed from ' + item.title + '.');
  } catch (err) {
    reportError(err, 'Could not save the note');
  }
}

// --- tags ----------------------------------------------------------------------------------

async function loadTags() {
  const who = currentProfile();
  if (!who) return;
  const ticket = ++state.tagsTicket;
  try {
    const tags = await api('GET', '/tags?profile_id=' + encodeURIComponent(who.id));
    if (state.profileId !== who.id || ticket !== state.tagsTicket) return;
    drawTags(Array.isArray(tags) ? tags : []);
  } catch (err) {
    reportError(err, 'Could not load tags');
  }
}

function drawTags(tags) {
  state.tags = tags;
  // An open show dialog shows the same tags: whichever load is drawn last updates both.
  if (state.dialogItem) drawDialogTags();
  renderTags(tags, removeTag);
}

/** Likes or dislikes `word`, or what the tag form's box holds. */
export async function addTag(liked, word) {
  const who = currentProfile();
  const tag = word === undefined ? typedTag() : word.trim();
  if (!who || !tag) return;
  showError('');
  try {
    await api('POST', '/tags', { profile_id: who.id, tag, liked });
    if (word === undefined) clearTypedTag();
    await Promise.all(
      [loadTags(), loadSlate((liked ? 'Liked' : 'Disliked') + ' tag "' + tag + '".')]);
  } catch (err) {
    reportError(err, 'Could not save the tag');
  }
}

async function removeTag(tag) {
  const who = currentProfile();
  if (!who) return;
  showError('');
  const params = new URLSearchParams({ profile_id: String(who.id), tag });
  try {
    await api('DELETE', '/tags?' + params.toString());
    await Promise.all([loadTags(), loadSlate('Removed tag "' + tag + '".')]);
  } catch (err) {
    reportError(err, 'Could not remove the tag');
  }
}
