// The profile switcher (and the Family Mix choice), `?profile=` in the address.

import { api } from './api.js';
import { $, clear, el, namesList, showError, storageGet, storageSet } from './dom.js';
import {
  loadLedger,
  loadWatching,
  renderFamilyWarning,
  renderWatching,
  showNote,
  watchingProfiles,
} from './family.js';
import { loadNotes } from './notes.js';
import { loadSlate } from './slate.js';
import { FAMILY, PROFILE_KEY, state } from './state.js';
import { loadTags } from './tags.js';

export function currentProfile() {
  return state.profiles.find((p) => p.id === state.profileId) || null;
}


/**
 * The choice asked for in the address: `?profile=family` opens the Family Mix and
 * `?profile=<id or name>` a profile, so links, screenshots and tests can open a view directly.
 * It wins over the stored choice for this visit; choosing something else on the page drops it.
 */
export function requestedProfile() {
  const raw = new URLSearchParams(window.location.search).get('profile');
  if (raw === null) return null;
  const wanted = raw.trim().toLowerCase();
  if (wanted === FAMILY) return FAMILY;
  const found = state.profiles.find(
    (p) => String(p.id) === wanted || String(p.name).toLowerCase() === wanted);
  return found ? String(found.id) : null;
}

export function forgetRequestedProfile() {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('profile')) return;
  params.delete('profile');
  const query = params.toString();
  try {
    window.history.replaceState(null, '',
      window.location.pathname + (query ? '?' + query : '') + window.location.hash);
  } catch (e) {
    // Not fatal: a reload would just open the address's choice again.
  }
}

export async function loadProfiles() {
  state.profiles = await api('GET', '/me/profiles');
  const wanted = requestedProfile() || storageGet(PROFILE_KEY);
  state.family = wanted === FAMILY && state.profiles.length > 0;
  const found = state.profiles.find((p) => String(p.id) === wanted);
  state.profileId = state.family ? null
    : found ? found.id : state.profiles.length ? state.profiles[0].id : null;
  loadWatching();
  renderProfiles();
}

export function renderProfiles() {
  const box = $('profiles');
  clear(box);
  for (const p of state.profiles) {
    const selected = !state.family && p.id === state.profileId;
    const label = 'Show recommendations for ' + p.name +
      (p.maturity_cap ? ' (up to ' + p.maturity_cap + ')' : '');
    box.append(el('button', {
      type: 'button',
      class: 'profile' + (selected ? ' selected' : ''),
      'aria-pressed': selected ? 'true' : 'false',
      'aria-label': label,
      text: p.name,
      onclick: () => selectProfile(p.id),
    }));
  }
  if (state.profiles.length) {
    box.append(el('button', {
      type: 'button',
      class: 'profile family-choice' + (state.family ? ' selected' : ''),
      'aria-pressed': state.family ? 'true' : 'false',
      'aria-label': 'Show a Family Mix for everyone watching',
      text: 'Family Mix',
      onclick: selectFamily,
    }));
  }
  $('family-panel').hidden = !state.family;
  $('fairness').hidden = !state.family;
  $('tags-panel').hidden = state.family;
  $('intent-field').hidden = state.family;
  if (!state.family) {
    renderFamilyWarning(null);
    showNote('');
  }
  renderWatching();
  renderHeadings();
}

export function renderHeadings() {
  const who = currentProfile();
  $('slate-prefix').textContent = state.family ? 'Family Mix for' : 'Recommended for';
  $('slate-profile').textContent =
    state.family ? namesList(watchingProfiles()) : who ? who.name : '…';
  $('tags-profile').textContent = who ? who.name : 'this profile';
}

export function selectProfile(id) {
  if (!state.family && id === state.profileId) return;
  state.family = false;
  state.profileId = id;
  storageSet(PROFILE_KEY, String(id));
  forgetRequestedProfile();
  renderProfiles();
  refreshProfileViews();
}

export function selectFamily() {
  if (state.family) return;
  state.family = true;
  state.profileId = null;
  storageSet(PROFILE_KEY, FAMILY);
  forgetRequestedProfile();
  renderProfiles();
  refreshProfileViews();
}

export async function refreshProfileViews() {
  showError('');
  if (state.family) await Promise.all([loadSlate(), loadLedger()]);
  else await Promise.all([loadNotes().then(() => loadSlate()), loadTags()]);
}
