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
  const INTENT_KEY = 'recs.intent';
  const ONLY_MINE_KEY = 'recs.onlyMine';
  // The intents of GET /recommendations a profile's slate can use (the Family Mix has its own);
  // the words are the <select>'s.
  const INTENTS = ['default', 'quick', 'binge', 'new', 'comfort', 'surprise'];
  const LEAVING_SOON_DAYS = 30; // an offer ending within this many days is "leaving soon"
  const FAMILY = 'family';
  const VERDICTS = [
    { primary: 0, label: 'Bad', verb: 'bad' },
    { primary: 1, label: 'Good', verb: 'good' },
    { primary: 2, label: 'Loved', verb: 'loved' },
  ];
  const SLATE_LIMIT = 20; // the API's default, sent explicitly so REST and live slates agree
  const MARK_MS = 6000; // how long "Moved up", "New" and the highlight stay after an update
  const RETRY_FIRST_MS = 1000; // live reconnects: 1 s, 2 s, 4 s ... (with jitter)
  const RETRY_MAX_MS = 30000;

  const state = {
    profiles: [],
    profileId: null, // null while the Family Mix is showing
    family: false,
    notWatching: new Set(),
    slateTicket: 0, // bumped by every slate request; older answers are dropped
    warningTicket: 0, // the same for the Family Mix banner re-fetched after a live update
    pushes: 0, // live slates shown so far; a REST answer older than one is not drawn
    shown: null, // the slate on screen: {key: its view, cards: pristine copies of its cards}
    seed: null,
    seedWarning: '',
    intent: 'default', // the profile slate's intent (the <select>)
    onlyMine: false, // "Only on our services"
    tags: [], // the profile's tags, [{tag, liked}]
    notes: new Map(), // the profile's notes: show id -> text
    dialogItem: null, // the show whose note and tags the dialog edits
    dialogOpener: null, // the button that opened it, focused again when it closes
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
    $('intent-field').hidden = state.family;
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
    else await Promise.all([loadNotes().then(() => loadSlate()), loadTags()]);
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

  /**
   * What the page shows now: the query of GET /recommendations and of a live subscription (the
   * same fields: docs/ws.md), how its cards are drawn and its status texts; null before the
   * profiles are known.
   */
  function currentView() {
    let view;
    if (state.family) {
      const members = watchingProfiles();
      const names = namesList(members);
      view = {
        query: { for: members.map((p) => p.id).join(','), intent: 'family_mix' },
        render: renderFamilyCard,
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
        render: renderCard,
        what: 'recommendations for ' + who.name,
        count: (n) => n + ' recommendations for ' + who.name + mood,
        failed: 'Could not load recommendations',
      };
    }
    Object.assign(view.query, { limit: SLATE_LIMIT, only_my_services: state.onlyMine });
    view.key = JSON.stringify(view.query) + '|' + (state.seed || '0');
    return view;
  }

  /** The address of GET /recommendations for `view` (`explain`: the Family Mix's banner). */
  function recommendationsPath(view, explain) {
    const params = new URLSearchParams(view.query);
    if (state.seed !== null) params.set('seed', state.seed);
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

  /**
   * Loads and renders the slate (for the Family Mix with explain=true: `.family` is the banner);
   * `note` (e.g. "Saved.") prefixes the status line. Also makes the live connection follow it.
   */
  async function loadSlate(note) {
    const view = currentView();
    if (!view) return;
    liveFollow(view);
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

  /**
   * Shows `items` as the cards of `view`. Nothing changes when the cards would be the same as
   * shown (a live slate after the page's own reload); when the same view is re-ranked, moved
   * cards glide to their place and are marked, new ones too, and focus stays on its card.
   * Returns whether anything changed.
   */
  function showSlate(items, view) {
    const list = $('slate');
    const cards = items.map((item, index) => view.render(item, index));
    const prev = state.shown;
    const same = prev && prev.key === view.key;
    if (same && prev.cards.length === cards.length &&
        prev.cards.every((card, i) => card.isEqualNode(cards[i]))) {
      return false;
    }
    const focus = focusedInSlate();
    const before = same ? cardBoxes() : null;
    state.shown = { key: view.key, items, cards: cards.map((card) => card.cloneNode(true)) };
    clear(list);
    if (!cards.length) {
      list.append(el('li', { class: 'empty', text: 'Nothing to recommend right now.' }));
    }
    list.append(...cards);
    if (before) markMoves(prev.cards.map((card) => card.dataset.showId), cards, before);
    if (focus) restoreFocus(focus, cards);
    return true;
  }

  /** Where keyboard focus is in the slate: its card's show id and position, and which button. */
  function focusedInSlate() {
    const active = document.activeElement;
    const card = active && active.closest ? active.closest('#slate .card') : null;
    if (!card) return null;
    return {
      id: card.dataset.showId,
      index: Array.from(card.parentNode.children).indexOf(card),
      button: Array.from(card.querySelectorAll('button')).indexOf(active),
    };
  }

  /** Focus back on the same card (or, if it left, the one now at its place), same button. */
  function restoreFocus(focus, cards) {
    const card = cards.find((c) => c.dataset.showId === focus.id) ||
      cards[Math.min(focus.index, cards.length - 1)];
    const buttons = card ? Array.from(card.querySelectorAll('button')) : [];
    const target = buttons[Math.max(focus.button, 0)] || buttons[0] || $('slate-heading');
    target.focus();
  }

  /** Each card's box on screen, by show id (where a moved card glides from). */
  function cardBoxes() {
    const boxes = new Map();
    for (const card of document.querySelectorAll('#slate .card')) {
      boxes.set(card.dataset.showId, card.getBoundingClientRect());
    }
    return boxes;
  }

  function reducedMotion() {
    return Boolean(window.matchMedia &&
      window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  }

  /**
   * Marks what an update changed: "New" on a card that was not there, "Moved up/down N" on a
   * card whose place among the cards that stayed changed (a card leaving above does not count),
   * and, unless reduced motion is asked for, glides each card from where it was (FLIP).
   */
  function markMoves(oldIds, cards, before) {
    const ids = cards.map((card) => card.dataset.showId);
    const kept = ids.filter((id) => oldIds.includes(id));
    const keptBefore = oldIds.filter((id) => kept.includes(id));
    const glide = !reducedMotion() && typeof Element.prototype.animate === 'function';
    cards.forEach((card, i) => {
      const was = keptBefore.indexOf(ids[i]);
      const now = kept.indexOf(ids[i]);
      const from = before.get(ids[i]);
      if (glide && from) {
        const to = card.getBoundingClientRect();
        const dx = from.left - to.left;
        const dy = from.top - to.top;
        if (dx || dy) {
          card.animate([{ transform: 'translate(' + dx + 'px, ' + dy + 'px)' },
            { transform: 'none' }], { duration: 350, easing: 'ease-out' });
        }
      }
      const mark = was < 0 ? { kind: 'new', arrow: '★', text: 'New' }
        : now < was ? { kind: 'up', arrow: '▲', text: 'Moved up ' + (was - now) }
          : now > was ? { kind: 'down', arrow: '▼', text: 'Moved down ' + (now - was) } : null;
      if (!mark) return;
      card.classList.add('moved', 'moved-' + mark.kind);
      card.prepend(el('p', { class: 'move-mark' },
        el('span', { 'aria-hidden': 'true', text: mark.arrow + ' ' }), mark.text));
    });
    window.setTimeout(() => {
      for (const card of cards) {
        card.classList.remove('moved', 'moved-new', 'moved-up', 'moved-down');
        for (const mark of card.querySelectorAll('.move-mark')) mark.remove();
      }
    }, MARK_MS);
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

    return el('li', { class: 'card', 'aria-labelledby': titleId, dataset: { showId: item.id } },
      el('div', { class: 'card-head' },
        el('h3', { id: titleId, text: item.title }),
        fit === null ? null : el('span', {
          class: 'fit', title: 'How well this fits the profile',
          text: 'Fit ' + fit + '%',
        })),
      renderLeavingFlag(item),
      meta ? el('p', { class: 'meta', text: meta }) : null,
      item.premise ? el('p', { class: 'premise', text: item.premise }) : null,
      renderAvailability(item.availability || []),
      item.rationale ? el('p', { class: 'rationale', text: item.rationale }) : null,
      renderUserNote(item),
      el('div', { class: 'actions' },
        renderRatingButtons(item, index),
        el('button', {
          type: 'button',
          class: 'more',
          'aria-label': 'Note and tags for ' + item.title,
          'aria-haspopup': 'dialog',
          text: state.notes.has(item.id) ? 'Edit note · tags' : 'Note · tags',
          onclick: (event) => openShowDialog(item, event.currentTarget),
        })));
  }

  function renderFamilyCard(item, index) {
    const titleId = 'show-' + index;
    const meta = showMeta(item);
    const fit = percent(item.fit);
    return el('li', {
      class: 'card family-card' + (item.family_locked ? ' locked' : ''),
      'aria-labelledby': titleId,
      dataset: { showId: item.id },
    },
      el('div', { class: 'card-head' },
        el('h3', { id: titleId, text: item.title }),
        fit === null ? null : el('span', {
          class: 'fit', title: 'The average fit for everyone watching',
          text: 'Fit ' + fit + '%',
        })),
      renderFamilyFlags(item),
      renderLeavingFlag(item),
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
      const leaving = leavingDate(offer);
      if (leaving) parts.push('leaving ' + dayMonth(leaving));
      const cls = 'badge offer' + (offer.on_my_services ? ' mine' : '') +
        (leaving ? ' leaving' : '');
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

  /** The words of an intent, as in the <select>. */
  function intentLabel(intent) {
    const option = document.querySelector('#intent option[value="' + intent + '"]');
    return option ? option.textContent : intent;
  }

  /**
   * When an offer ends, if that is within LEAVING_SOON_DAYS (a Date, end of that day here);
   * null when unknown, further away or past.
   */
  function leavingDate(offer) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(offer && offer.available_to || '');
    if (!m) return null;
    const end = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
    const days = (end.getTime() - Date.now()) / 86400000;
    return days >= 0 && days <= LEAVING_SOON_DAYS ? end : null;
  }

  /** "30 Apr" (this year) or "30 Apr 2027". */
  function dayMonth(date) {
    const options = { day: 'numeric', month: 'short' };
    if (date.getFullYear() !== new Date().getFullYear()) options.year = 'numeric';
    return date.toLocaleDateString('en-AU', options);
  }

  /** "Leaving Netflix on 30 Apr" above a card whose offer ends soon (the earliest one). */
  function renderLeavingFlag(item) {
    let first = null;
    for (const offer of item.availability || []) {
      const date = leavingDate(offer);
      if (date && (!first || date < first.date)) first = { offer, date };
    }
    if (!first) return null;
    return el('p', {
      class: 'badge leaving-soon',
      text: 'Leaving ' + (first.offer.name || first.offer.provider) + ' on ' + dayMonth(first.date),
    });
  }

  /** The profile's own note on a show, when it has one. */
  function renderUserNote(item) {
    const text = state.notes.get(item.id);
    if (!text) return null;
    return el('p', { class: 'user-note' }, el('span', { class: 'label', text: 'Your note: ' }), text);
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

  // --- live updates (GET /ws, docs/ws.md) ----------------------------------------------------

  /** The status line's words for a live slate's `reason`. */
  const REASONS = {
    subscribe: 'caught up with changes',
    rating: 'a rating changed',
    tag: 'a tag changed',
    note: 'a note changed',
    settings: 'the services changed',
    watched: 'a show was marked watched',
    availability: 'availability changed',
    model: 'the recommendations were retrained',
  };
  const LIVE_TEXT = {
    connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline',
  };

  /** One WebSocket following the view on screen; rebuilt with backoff when it drops. */
  const live = {
    socket: null,
    ready: false, // authenticated on this socket
    refused: false, // the server refused the token: wait for another one (Settings)
    failures: 0, // connections lost in a row, for the backoff
    timer: null,
    view: null, // the view followed (see currentView)
    subId: null, // its subscription's id on this socket: "v1", "v2", ...
    subs: 0,
    // The version of the last slate seen for `view` (0: none yet), sent when resubscribing
    // after a reconnect; and the last one on this subscription: older ones are dropped. (A
    // restarted server counts again from 1, so only the subscription's own versions compare.)
    version: 0,
    subVersion: 0,
  };

  function setLive(mode) {
    const box = $('live');
    box.dataset.state = mode;
    box.textContent = LIVE_TEXT[mode];
  }

  /** (Re)connects with the current token: at start and when the token changes. */
  function liveConnect() {
    const old = live.socket;
    live.socket = null;
    if (old) old.close(1000);
    window.clearTimeout(live.timer);
    Object.assign(live,
      { ready: false, refused: false, failures: 0, view: null, subId: null, version: 0 });
    openSocket('connecting');
  }

  function openSocket(mode) {
    live.timer = null;
    if (typeof window.WebSocket !== 'function') return setLive('offline');
    setLive(mode);
    const scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    let socket;
    try {
      socket = new window.WebSocket(scheme + window.location.host + '/ws');
    } catch (e) {
      return retryLater();
    }
    live.socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ type: 'auth', token: token() }));
    });
    socket.addEventListener('message', (event) => {
      if (socket === live.socket) onLiveMessage(event.data);
    });
    socket.addEventListener('close', () => {
      if (socket !== live.socket) return;
      Object.assign(live, { socket: null, ready: false, subId: null });
      if (live.refused) setLive('offline');
      else retryLater();
    });
  }

  /** The next attempt after 1 s, 2 s, 4 s ... at most 30 s, each ±20% so pages spread out. */
  function retryLater() {
    const base = RETRY_FIRST_MS * 2 ** Math.min(live.failures, 10);
    const delay = Math.min(RETRY_MAX_MS, base * (0.8 + 0.4 * Math.random()));
    live.failures++;
    setLive(navigator.onLine === false ? 'offline' : 'reconnecting');
    live.timer = window.setTimeout(() => openSocket('reconnecting'), delay);
  }

  function onLiveMessage(data) {
    let msg;
    try {
      msg = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'ready') {
      Object.assign(live, { ready: true, failures: 0 });
      setLive('live');
      if (live.view) subscribe(live.version); // after a reconnect: the last version seen
    } else if (msg.type === 'slate') {
      onLiveSlate(msg);
    } else if (msg.type === 'error' && msg.code === 'unauthorized') {
      live.refused = true;
    }
  }

  /** Follows `view` from now on: unsubscribes what was followed, subscribes to it. */
  function liveFollow(view) {
    if (live.view && live.view.key === view.key) return;
    if (live.ready && live.subId) {
      live.socket.send(JSON.stringify({ type: 'unsubscribe', id: live.subId }));
    }
    Object.assign(live, { view, subId: null, version: 0 });
    if (live.ready) subscribe(0);
  }

  function subscribe(version) {
    live.subId = 'v' + ++live.subs;
    live.subVersion = 0;
    const message = Object.assign({ type: 'subscribe', id: live.subId }, live.view.query);
    if (version) message.version = version;
    let text = JSON.stringify(message);
    // The seed as written (up to 19 digits): a JavaScript number would round it.
    if (state.seed !== null) text = text.slice(0, -1) + ',"seed":' + state.seed + '}';
    live.socket.send(text);
  }

  /** A pushed slate: drawn when it is for the view on screen, newer, and different. */
  function onLiveSlate(msg) {
    const view = live.view;
    if (!view || msg.id !== live.subId || !Array.isArray(msg.items)) return;
    if (!(typeof msg.version === 'number' && msg.version > live.subVersion)) return;
    live.version = live.subVersion = msg.version;
    state.pushes++;
    // A tag or note changed, maybe on another page: the tags panel and the cards show them.
    if (msg.reason === 'tag' && !state.family) loadTags();
    if (msg.reason === 'note' && !state.family) {
      loadNotes().then(() => {
        if (live.view === view && state.shown && state.shown.key === view.key) {
          showSlate(state.shown.items, view);
        }
      });
    }
    if (!showSlate(msg.items, view)) return;
    setStatus('Updated: ' + (REASONS[msg.reason] || 'the slate changed') + '. ' +
      view.count(msg.items.length) + '.');
    if (state.family) refreshFamilyWarning(view);
  }

  /** The Family Mix banner after a live update: only the explain answer carries it. */
  async function refreshFamilyWarning(view) {
    const ticket = ++state.warningTicket;
    try {
      const answer = await api('GET', recommendationsPath(view, true));
      if (ticket !== state.warningTicket || live.view !== view) return;
      renderFamilyWarning(familyWarning(answer));
    } catch (err) {
      // The banner stays as it was; the next update fetches it again.
    }
  }

  window.addEventListener('offline', () => setLive('offline'));
  window.addEventListener('online', () => {
    if (live.ready) {
      setLive('live');
    } else if (live.timer !== null) { // waiting to retry: now is a good time
      window.clearTimeout(live.timer);
      live.failures = 0;
      openSocket('reconnecting');
    }
  });

  // --- notes, and the show dialog (a note and tags for one show) ------------------------------

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

  function openShowDialog(item, opener) {
    const who = currentProfile();
    const dialog = $('show-dialog');
    if (!who || dialog.open) return;
    state.dialogItem = item;
    state.dialogOpener = opener;
    $('dialog-title').textContent = item.title;
    $('dialog-meta').textContent = showMeta(item);
    $('dialog-profile').textContent = who.name;
    $('note-input').value = state.notes.get(item.id) || '';
    renderDialogTags();
    dialog.showModal();
    $('note-input').focus();
  }

  /** After the dialog closes: focus back on its button (on the re-drawn card if need be). */
  function onShowDialogClosed() {
    const item = state.dialogItem;
    const opener = state.dialogOpener;
    state.dialogItem = state.dialogOpener = null;
    if (opener && opener.isConnected) {
      opener.focus();
    } else if (item) {
      const card = document.querySelector('#slate .card[data-show-id="' + CSS.escape(item.id) + '"]');
      const button = card && card.querySelector('button.more');
      if (button) button.focus();
    }
  }

  /** The show's genres, each with Like and Dislike toggles showing the profile's current tags. */
  function renderDialogTags() {
    const item = state.dialogItem;
    const list = $('dialog-tag-list');
    clear(list);
    if (!item) return;
    const current = new Map(state.tags.map((t) => [t.tag.toLowerCase(), t.liked]));
    const words = Array.from(new Set((item.genres || []).map((g) => String(g).toLowerCase())));
    if (!words.length) {
      list.append(el('li', { class: 'hint', text: 'No genres known for this show.' }));
    }
    for (const word of words) {
      const liked = current.get(word);
      list.append(el('li', { class: 'tag-choice' },
        el('span', { class: 'tag-word', text: word }),
        el('button', {
          type: 'button', class: 'tag-like', 'aria-pressed': liked === true ? 'true' : 'false',
          'aria-label': 'Like tag ' + word, text: 'Like',
          onclick: () => toggleTag(word, true, liked),
        }),
        el('button', {
          type: 'button', class: 'tag-dislike',
          'aria-pressed': liked === false ? 'true' : 'false',
          'aria-label': 'Dislike tag ' + word, text: 'Dislike',
          onclick: () => toggleTag(word, false, liked),
        })));
    }
  }

  /** Sets `word` liked or disliked; pressing the choice already made removes the tag. */
  async function toggleTag(word, liked, current) {
    if (current === liked) await removeTag(word);
    else await addTag(liked, word);
    renderDialogTags();
  }

  async function saveNote() {
    const who = currentProfile();
    const item = state.dialogItem;
    if (!who || !item) return;
    const text = $('note-input').value.trim();
    showError('');
    try {
      await api('POST', '/notes', { profile_id: who.id, show_id: item.id, text });
      if (text) state.notes.set(item.id, text);
      else state.notes.delete(item.id);
      $('show-dialog').close();
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
    try {
      const tags = await api('GET', '/tags?profile_id=' + encodeURIComponent(who.id));
      if (state.profileId !== who.id) return;
      renderTags(Array.isArray(tags) ? tags : []);
    } catch (err) {
      reportError(err, 'Could not load tags');
    }
  }

  function renderTags(tags) {
    state.tags = tags;
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

  /** Likes or dislikes `word`, or what the tag form's box holds. */
  async function addTag(liked, word) {
    const who = currentProfile();
    const input = $('tag-input');
    const tag = (word === undefined ? input.value : word).trim();
    if (!who || !tag) return;
    showError('');
    try {
      await api('POST', '/tags', { profile_id: who.id, tag, liked });
      if (word === undefined) input.value = '';
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

  /** The intent and "only our services" as chosen before; `?intent=` wins for this visit. */
  function readChoices() {
    const asked = new URLSearchParams(window.location.search).get('intent');
    const stored = storageGet(INTENT_KEY);
    state.intent = INTENTS.includes(asked) ? asked : INTENTS.includes(stored) ? stored : 'default';
    state.onlyMine = storageGet(ONLY_MINE_KEY) === 'true';
    $('intent').value = state.intent;
    $('only-mine').checked = state.onlyMine;
  }

  function onChoicesChanged() {
    state.intent = INTENTS.includes($('intent').value) ? $('intent').value : 'default';
    state.onlyMine = $('only-mine').checked;
    storageSet(INTENT_KEY, state.intent === 'default' ? null : state.intent);
    storageSet(ONLY_MINE_KEY, state.onlyMine ? 'true' : null);
    showError('');
    loadSlate();
  }

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
    state.shown = null;
    liveConnect();
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

    $('slate-controls').addEventListener('submit', (event) => event.preventDefault());
    $('intent').addEventListener('change', onChoicesChanged);
    $('only-mine').addEventListener('change', onChoicesChanged);

    $('note-form').addEventListener('submit', (event) => {
      event.preventDefault();
      saveNote();
    });
    $('dialog-close').addEventListener('click', () => $('show-dialog').close());
    $('show-dialog').addEventListener('close', onShowDialogClosed);
  }

  document.addEventListener('DOMContentLoaded', () => {
    readSeed();
    readChoices();
    wire();
    start();
  });
})();
