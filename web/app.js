// The household's web page: profile switcher, slate, ratings, tags and services, and the
// Family Mix (a slate for several profiles watching together, "we watched this", fairness).
// Plain JS against the REST API (docs/api.md). All data is rendered with textContent or
// text nodes, never as HTML.
'use strict';

(function () {
  const DEFAULT_TOKEN = 'devtoken:demo@local.test';
  const TOKEN_KEY = 'recs.token';
  const PROFILE_KEY = 'recs.profile'; // a profile id, or FAMILY for the Family Mix
  // Profile ids unticked under "Who's watching?" (kept as the exceptions, so a new profile
  // starts ticked).
  const NOT_WATCHING_KEY = 'recs.notWatching';
  const FAMILY = 'family';
  const VERDICTS = [
    { primary: 0, label: 'Bad', verb: 'bad' },
    { primary: 1, label: 'Good', verb: 'good' },
    { primary: 2, label: 'Loved', verb: 'loved' },
  ];

  const state = {
    profiles: [],
    profileId: null, // null while the Family Mix is showing
    family: false,
    notWatching: new Set(),
    slateTicket: 0, // bumped by every slate request; older answers are dropped
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

  function percent(fit) {
    return typeof fit === 'number' ? Math.round(fit * 100) : null;
  }

  /** "Ross", "Ross and Son", "Ross, Wife and Son". */
  function namesList(profiles) {
    const names = profiles.map((p) => p.name);
    if (names.length <= 1) return names.join('');
    return names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
  }

  function daysAgo(ts) {
    const days = Math.floor((Date.now() / 1000 - ts) / 86400);
    if (days <= 0) return 'checked today';
    if (days === 1) return 'checked 1 day ago';
    return 'checked ' + days + ' days ago';
  }

  // --- profiles ------------------------------------------------------------------------------

  /**
   * The choice asked for in the address: `?profile=family` opens the Family Mix and
   * `?profile=<id or name>` a profile, so links, screenshots and tests can open a view directly.
   * It wins over the stored choice for this visit; choosing something else on the page drops it.
   */
  function requestedProfile() {
    const raw = new URLSearchParams(window.location.search).get('profile');
    if (raw === null) return null;
    const wanted = raw.trim().toLowerCase();
    if (wanted === FAMILY) return FAMILY;
    const found = state.profiles.find(
      (p) => String(p.id) === wanted || String(p.name).toLowerCase() === wanted);
    return found ? String(found.id) : null;
  }

  function forgetRequestedProfile() {
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

  async function loadProfiles() {
    state.profiles = await api('GET', '/me/profiles');
    const wanted = requestedProfile() || storageGet(PROFILE_KEY);
    state.family = wanted === FAMILY && state.profiles.length > 0;
    const found = state.profiles.find((p) => String(p.id) === wanted);
    state.profileId = state.family ? null
      : found ? found.id : state.profiles.length ? state.profiles[0].id : null;
    loadWatching();
    renderProfiles();
  }

  function renderProfiles() {
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
    if (!state.family) {
      renderFamilyWarning(null);
      showNote('');
    }
    renderWatching();
    renderHeadings();
  }

  function renderHeadings() {
    const who = currentProfile();
    $('slate-prefix').textContent = state.family ? 'Family Mix for' : 'Recommended for';
    $('slate-profile').textContent =
      state.family ? namesList(watchingProfiles()) : who ? who.name : '…';
    $('tags-profile').textContent = who ? who.name : 'this profile';
  }

  function selectProfile(id) {
    if (!state.family && id === state.profileId) return;
    state.family = false;
    state.profileId = id;
    storageSet(PROFILE_KEY, String(id));
    forgetRequestedProfile();
    renderProfiles();
    refreshProfileViews();
  }

  function selectFamily() {
    if (state.family) return;
    state.family = true;
    state.profileId = null;
    storageSet(PROFILE_KEY, FAMILY);
    forgetRequestedProfile();
    renderProfiles();
    refreshProfileViews();
  }

  async function refreshProfileViews() {
    showError('');
    if (state.family) await Promise.all([loadSlate(), loadLedger()]);
    else await Promise.all([loadSlate(), loadTags()]);
  }

  // --- who's watching (Family Mix) -----------------------------------------------------------

  function loadWatching() {
    let stored = [];
    try {
      stored = JSON.parse(storageGet(NOT_WATCHING_KEY) || '[]');
    } catch (e) {
      stored = [];
    }
    const known = new Set(state.profiles.map((p) => p.id));
    state.notWatching = new Set((Array.isArray(stored) ? stored : []).filter((id) => known.has(id)));
    if (!watchingProfiles().length) state.notWatching.clear(); // someone is always watching
  }

  function watchingProfiles() {
    return state.profiles.filter((p) => !state.notWatching.has(p.id));
  }

  function renderWatching() {
    const box = $('watching');
    clear(box);
    if (!state.family) return;
    for (const p of state.profiles) {
      const id = 'watching-' + p.id;
      box.append(el('div', { class: 'watcher' },
        el('input', {
          type: 'checkbox', id, value: p.id,
          checked: !state.notWatching.has(p.id),
          'aria-describedby': 'watching-hint',
          onchange: (event) => toggleWatching(p, event.currentTarget),
        }),
        el('label', { for: id, text: p.name })));
    }
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
    renderHeadings();
    loadSlate();
  }

  // --- the slate -----------------------------------------------------------------------------

  /** Loads and renders the slate; `note` (e.g. "Saved.") prefixes the status line. */
  async function loadSlate(note) {
    if (state.family) return loadFamilyMix(note);
    const who = currentProfile();
    if (!who) return;
    const ticket = ++state.slateTicket;
    const params = new URLSearchParams({ for: String(who.id), intent: 'default' });
    if (state.seed !== null) params.set('seed', state.seed);
    setStatus('Loading recommendations for ' + who.name + '…');
    try {
      const items = await api('GET', '/recommendations?' + params.toString());
      // The user switched (or something reloaded the slate) meanwhile.
      if (state.profileId !== who.id || ticket !== state.slateTicket) return;
      renderSlate(Array.isArray(items) ? items : []);
      const count = Array.isArray(items) ? items.length : 0;
      setStatus((note ? note + ' ' : '') + count + ' recommendations for ' + who.name + '.');
    } catch (err) {
      reportError(err, 'Could not load recommendations');
    }
  }

  /** Loads the Family Mix for who is watching; `.items` become cards, `.family` the banner. */
  async function loadFamilyMix(note) {
    const ticket = ++state.slateTicket;
    const members = watchingProfiles();
    const names = namesList(members);
    const params = new URLSearchParams({
      intent: 'family_mix',
      for: members.map((p) => p.id).join(','),
      explain: 'true',
    });
    if (state.seed !== null) params.set('seed', state.seed);
    setStatus('Loading the Family Mix for ' + names + '…');
    try {
      const answer = await api('GET', '/recommendations?' + params.toString());
      if (!state.family || ticket !== state.slateTicket) return;
      const items = Array.isArray(answer) ? answer
        : answer && Array.isArray(answer.items) ? answer.items : [];
      renderFamilyWarning(answer && answer.family ? answer.family.warning : null);
      renderSlate(items, renderFamilyCard);
      setStatus((note ? note + ' ' : '') + items.length +
        (items.length === 1 ? ' pick' : ' picks') + ' in the Family Mix for ' + names + '.');
    } catch (err) {
      if (ticket === state.slateTicket) reportError(err, 'Could not load the Family Mix');
    }
  }

  function renderSlate(items, render) {
    const list = $('slate');
    clear(list);
    if (!items.length) {
      list.append(el('li', { class: 'empty', text: 'Nothing to recommend right now.' }));
      return;
    }
    items.forEach((item, index) => list.append((render || renderCard)(item, index)));
  }

  function showMeta(item) {
    return [item.year, item.classification, (item.genres || []).join(', ')]
      .filter((v) => v !== undefined && v !== null && v !== '' && v !== 0)
      .join(' · ');
  }

  function renderCard(item, index) {
    const titleId = 'show-' + index;
    const meta = showMeta(item);
    const fit = percent(item.fit);

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

  function renderFamilyCard(item, index) {
    const titleId = 'show-' + index;
    const meta = showMeta(item);
    const fit = percent(item.fit);
    return el('li', {
      class: 'card family-card' + (item.family_locked ? ' locked' : ''),
      'aria-labelledby': titleId,
    },
      el('div', { class: 'card-head' },
        el('h3', { id: titleId, text: item.title }),
        fit === null ? null : el('span', {
          class: 'fit', title: 'The average fit for everyone watching',
          text: 'Fit ' + fit + '%',
        })),
      renderFamilyFlags(item),
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
          onclick: (event) => watchedTogether(item, event.currentTarget, index),
        })));
  }

  function renderFamilyFlags(item) {
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
  function renderMembers(item) {
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

  function renderFamilyWarning(warning) {
    const box = $('family-warning');
    const message = warning && typeof warning.message === 'string' ? warning.message : '';
    box.textContent = message;
    box.hidden = !message;
  }

  /** A short confirmation above the Family Mix (the status line says it too). */
  function showNote(text) {
    const note = $('family-note');
    note.textContent = text || '';
    note.hidden = !text;
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
      // Keep keyboard users where they were: the card now at the same position.
      const cards = document.querySelectorAll('#slate .card');
      const card = cards[Math.min(index, cards.length - 1)];
      const next = card && card.querySelector('button.watched');
      if (next) next.focus();
    } catch (err) {
      reportError(err, 'Could not note the watch');
      button.disabled = false;
    } finally {
      state.busy = false;
    }
  }

  // --- fairness ledger (Family Mix) ------------------------------------------------------------

  async function loadLedger() {
    try {
      const ledger = await api('GET', '/family/ledger');
      if (!state.family) return;
      renderLedger(ledger || {});
    } catch (err) {
      reportError(err, 'Could not load the fairness ledger');
    }
  }

  function creditText(credit) {
    const value = typeof credit === 'number' ? credit : 0;
    if (Math.abs(value) < 0.005) return { cls: 'even', value: '0.00', meaning: 'even so far' };
    if (value > 0) {
      return { cls: 'ahead', value: '+' + value.toFixed(2), meaning: 'past picks favoured them' };
    }
    return {
      cls: 'behind', value: '−' + Math.abs(value).toFixed(2),
      meaning: 'lost out; the Mix leans their way',
    };
  }

  function renderLedger(ledger) {
    const credits = $('fairness-credit');
    clear(credits);
    for (const c of Array.isArray(ledger.credit) ? ledger.credit : []) {
      const t = creditText(c.credit);
      credits.append(el('li', { class: 'credit-row ' + t.cls },
        el('span', { class: 'credit-name', text: c.name }),
        ' ',
        el('span', { class: 'credit-value', text: t.value }),
        ' ',
        el('span', { class: 'credit-meaning', text: t.meaning })));
    }
    const watches = (Array.isArray(ledger.watches) ? ledger.watches.slice() : [])
      .sort((a, b) => (b.ts || 0) - (a.ts || 0));
    const list = $('fairness-watches');
    clear(list);
    if (!watches.length) {
      list.append(el('li', { class: 'empty', text: 'Nothing yet: use "We watched this" on a card.' }));
      return;
    }
    for (const w of watches.slice(0, 10)) {
      const when = w.ts ? new Date(w.ts * 1000).toLocaleDateString('en-AU',
        { day: 'numeric', month: 'short', year: 'numeric' }) : '';
      const who = (w.fits || []).map((f) => f.name + ' ' + percent(f.fit) + '%').join(', ');
      list.append(el('li', null,
        el('span', { class: 'watch-title', text: w.title || w.show_id }),
        when ? ' · ' + when : null,
        who ? el('span', { class: 'watch-fits', text: ' (' + who + ')' }) : null));
    }
    if (watches.length > 10) {
      list.append(el('li', { class: 'empty', text: 'and ' + (watches.length - 10) + ' more' }));
    }
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
