// The household's web page: profile switcher, slate, ratings, tags and services.
// Plain JS against the REST API (docs/api.md). All data is rendered with textContent or
// text nodes, never as HTML.
'use strict';

(function () {
  const DEFAULT_TOKEN = 'devtoken:demo@local.test';
  const TOKEN_KEY = 'recs.token';
  const PROFILE_KEY = 'recs.profile';
  const VERDICTS = [
    { primary: 0, label: 'Bad', verb: 'bad' },
    { primary: 1, label: 'Good', verb: 'good' },
    { primary: 2, label: 'Loved', verb: 'loved' },
  ];

  const state = {
    profiles: [],
    profileId: null,
    seed: null,
    seedWarning: '',
    busy: false,
  };

  const $ = (id) => document.getElementById(id);

  // --- small helpers -------------------------------------------------------------------------

  function storageGet(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function storageSet(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (e) {
      // Private mode or storage disabled: the page still works for this visit.
    }
  }

  function token() {
    return storageGet(TOKEN_KEY) || DEFAULT_TOKEN;
  }

  /** Creates an element; `props` sets properties/attributes, children are nodes or text. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function setStatus(text) {
    $('status').textContent = text || '';
  }

  function showError(text) {
    const box = $('error');
    box.textContent = text || '';
    box.hidden = !text;
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /** Calls the API; resolves to the parsed JSON (null for 204), rejects with ApiError. */
  async function api(method, path, body) {
    const headers = { Authorization: 'Bearer ' + token(), Accept: 'application/json' };
    const init = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, 'network', 'The server cannot be reached (' + e.message + ').');
    }
    if (response.status === 204) return null;
    let data = null;
    const text = await response.text();
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = null;
      }
    }
    if (!response.ok) {
      const message =
        data && typeof data.message === 'string' && data.message
          ? data.message
          : 'HTTP ' + response.status + ' ' + response.statusText;
      throw new ApiError(response.status, data && data.error, message);
    }
    return data;
  }

  function reportError(err, what) {
    const prefix = what ? what + ': ' : '';
    showError(prefix + (err && err.message ? err.message : String(err)));
    setStatus('');
    if (err && err.status === 401) {
      $('settings').open = true;
      $('token-input').focus();
    }
  }

  function currentProfile() {
    return state.profiles.find((p) => p.id === state.profileId) || null;
  }

  function daysAgo(ts) {
    const days = Math.floor((Date.now() / 1000 - ts) / 86400);
    if (days <= 0) return 'checked today';
    if (days === 1) return 'checked 1 day ago';
    return 'checked ' + days + ' days ago';
  }

  // --- profiles ------------------------------------------------------------------------------

  async function loadProfiles() {
    state.profiles = await api('GET', '/me/profiles');
    const wanted = Number(storageGet(PROFILE_KEY));
    const found = state.profiles.find((p) => p.id === wanted);
    state.profileId = found ? found.id : state.profiles.length ? state.profiles[0].id : null;
    renderProfiles();
  }

  function renderProfiles() {
    const box = $('profiles');
    clear(box);
    for (const p of state.profiles) {
      const selected = p.id === state.profileId;
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
    const who = currentProfile();
    $('slate-profile').textContent = who ? who.name : '…';
    $('tags-profile').textContent = who ? who.name : 'this profile';
  }

  function selectProfile(id) {
    if (id === state.profileId) return;
    state.profileId = id;
    storageSet(PROFILE_KEY, String(id));
    renderProfiles();
    refreshProfileViews();
  }

  async function refreshProfileViews() {
    showError('');
    await Promise.all([loadSlate(), loadTags()]);
  }

  // --- the slate -----------------------------------------------------------------------------

  /** Loads and renders the slate; `note` (e.g. "Saved.") prefixes the status line. */
  async function loadSlate(note) {
    const who = currentProfile();
    if (!who) return;
    const params = new URLSearchParams({ for: String(who.id), intent: 'default' });
    if (state.seed !== null) params.set('seed', state.seed);
    setStatus('Loading recommendations for ' + who.name + '…');
    try {
      const items = await api('GET', '/recommendations?' + params.toString());
      if (state.profileId !== who.id) return; // the user switched meanwhile
      renderSlate(Array.isArray(items) ? items : []);
      const count = Array.isArray(items) ? items.length : 0;
      setStatus((note ? note + ' ' : '') + count + ' recommendations for ' + who.name + '.');
    } catch (err) {
      reportError(err, 'Could not load recommendations');
    }
  }

  function renderSlate(items) {
    const list = $('slate');
    clear(list);
    if (!items.length) {
      list.append(el('li', { class: 'empty', text: 'Nothing to recommend right now.' }));
      return;
    }
    items.forEach((item, index) => list.append(renderCard(item, index)));
  }

  function renderCard(item, index) {
    const titleId = 'show-' + index;
    const meta = [item.year, item.classification, (item.genres || []).join(', ')]
      .filter((v) => v !== undefined && v !== null && v !== '' && v !== 0)
      .join(' · ');
    const fit = typeof item.fit === 'number' ? Math.round(item.fit * 100) : null;

    return el('li', { class: 'card', 'aria-labelledby': titleId },
      el('div', { class: 'card-head' },
        el('h3', { id: titleId, text: item.title }),
        fit === null ? null : el('span', {
          class: 'fit', title: 'How well this fits the profile',
          text: 'Fit ' + fit + '%',
        })),
      meta ? el('p', { class: 'meta', text: meta }) : null,
      item.premise ? el('p', { class: 'premise', text: item.premise }) : null,
      renderAvailability(item.availability || []),
      item.rationale ? el('p', { class: 'rationale', text: item.rationale }) : null,
      renderRatingButtons(item, index));
  }

  function renderAvailability(offers) {
    const list = el('ul', { class: 'offers', 'aria-label': 'Where to watch' });
    if (!offers.length) {
      list.append(el('li', { class: 'badge muted', text: 'No known Australian offer' }));
      return list;
    }
    for (const offer of offers) {
      const parts = [];
      if (offer.last_checked_ts) parts.push(daysAgo(offer.last_checked_ts));
      else if (offer.status === 'inferred') parts.push('inferred');
      const cls = 'badge offer' + (offer.on_my_services ? ' mine' : '');
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

  function renderRatingButtons(item, index) {
    const group = el('div', { class: 'rate', role: 'group', 'aria-label': 'Rate ' + item.title });
    for (const v of VERDICTS) {
      group.append(el('button', {
        type: 'button',
        class: 'rate-' + v.verb,
        'aria-label': 'Rate ' + item.title + ' ' + v.verb,
        text: v.label,
        onclick: (event) => rate(item, v, event.currentTarget, index),
      }));
    }
    return group;
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
      // Keep keyboard users where they were: the card now at the same position.
      const cards = document.querySelectorAll('#slate .card');
      const card = cards[Math.min(index, cards.length - 1)];
      const next = card && card.querySelector('.rate button');
      if (next) next.focus();
    } catch (err) {
      reportError(err, 'Could not save the rating');
      button.disabled = false;
    } finally {
      state.busy = false;
    }
  }

  // --- tags ----------------------------------------------------------------------------------

  async function loadTags() {
    const who = currentProfile();
    if (!who) return;
    try {
      const tags = await api('GET', '/tags?profile_id=' + encodeURIComponent(who.id));
      if (state.profileId !== who.id) return;
      renderTags(Array.isArray(tags) ? tags : []);
    } catch (err) {
      reportError(err, 'Could not load tags');
    }
  }

  function renderTags(tags) {
    const list = $('tags');
    clear(list);
    for (const t of tags) {
      const kind = t.liked ? 'liked' : 'disliked';
      list.append(el('li', { class: 'badge tag ' + kind },
        el('span', { text: (t.liked ? '+ ' : '− ') + t.tag }),
        el('button', {
          type: 'button',
          class: 'remove',
          'aria-label': 'Remove ' + kind + ' tag ' + t.tag,
          text: '×',
          onclick: () => removeTag(t.tag),
        })));
    }
  }

  async function addTag(liked) {
    const who = currentProfile();
    const input = $('tag-input');
    const tag = input.value.trim();
    if (!who || !tag) return;
    showError('');
    try {
      await api('POST', '/tags', { profile_id: who.id, tag, liked });
      input.value = '';
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

  // --- services ------------------------------------------------------------------------------

  async function loadServices() {
    const [providers, me] = await Promise.all([api('GET', '/providers'), api('GET', '/me')]);
    const mine = new Set((me && me.household && me.household.services) || []);
    const box = $('services');
    clear(box);
    for (const p of providers || []) {
      const id = 'svc-' + p.id;
      box.append(el('div', { class: 'service' },
        el('input', {
          type: 'checkbox', id, name: 'services', value: p.id,
          checked: mine.has(p.id),
        }),
        el('label', { for: id, text: p.name + (p.free_to_air ? ' (free to air)' : '') })));
    }
  }

  async function saveServices() {
    const services = Array.from(document.querySelectorAll('#services input:checked'))
      .map((input) => input.value);
    showError('');
    try {
      await api('PUT', '/me/services', { services });
      await Promise.all([loadServices(), loadSlate('Services saved.')]);
    } catch (err) {
      reportError(err, 'Could not save the services');
    }
  }

  // --- start-up ------------------------------------------------------------------------------

  function readSeed() {
    const raw = new URLSearchParams(window.location.search).get('seed');
    if (raw !== null && /^\d{1,19}$/.test(raw)) {
      state.seed = raw;
      const badge = $('seed-badge');
      badge.textContent = 'Seed: ' + raw;
      badge.hidden = false;
    } else if (raw !== null) {
      state.seedWarning = 'Ignoring seed "' + raw + '": it must be a whole number.';
    }
  }

  async function start() {
    try {
      await loadProfiles();
    } catch (err) {
      reportError(err, 'Could not load profiles');
      return;
    }
    await refreshProfileViews();
    try {
      await loadServices();
    } catch (err) {
      reportError(err, 'Could not load services');
      return;
    }
    if (state.seedWarning) showError(state.seedWarning);
  }

  function wire() {
    $('token-input').value = token();
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const value = $('token-input').value.trim();
      storageSet(TOKEN_KEY, value && value !== DEFAULT_TOKEN ? value : null);
      showError('');
      setStatus('Token saved.');
      start();
    });
    $('token-reset').addEventListener('click', () => {
      storageSet(TOKEN_KEY, null);
      $('token-input').value = DEFAULT_TOKEN;
      showError('');
      setStatus('Using the development token.');
      start();
    });

    $('tag-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const submitter = event.submitter;
      addTag(!(submitter && submitter.dataset.liked === 'false'));
    });

    $('services-form').addEventListener('submit', (event) => {
      event.preventDefault();
      saveServices();
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    readSeed();
    wire();
    start();
  });
})();
