// Live updates over GET /ws (docs/ws.md): one socket following the view on screen,
// reconnecting with backoff.

import { api, token } from './api.js';
import { $, setStatus } from './dom.js';
import { renderFamilyWarning } from './family.js';
import { loadNotes } from './notes.js';
import { familyWarning, recommendationsPath, showSlate } from './slate.js';
import { RETRY_FIRST_MS, RETRY_MAX_MS, state } from './state.js';
import { loadTags } from './tags.js';

/** The status line's words for a live slate's `reason`. */
export const REASONS = {
  subscribe: 'caught up with changes',
  rating: 'a rating changed',
  tag: 'a tag changed',
  note: 'a note changed',
  settings: 'the services changed',
  watched: 'a show was marked watched',
  availability: 'availability changed',
  model: 'the recommendations were retrained',
};
export const LIVE_TEXT = {
  connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline',
};

/** One WebSocket following the view on screen; rebuilt with backoff when it drops. */
export const live = {
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

export function setLive(mode) {
  const box = $('live');
  box.dataset.state = mode;
  box.textContent = LIVE_TEXT[mode];
}

/** (Re)connects with the current token: at start and when the token changes. */
export function liveConnect() {
  const old = live.socket;
  live.socket = null;
  if (old) old.close(1000);
  window.clearTimeout(live.timer);
  Object.assign(live,
    { ready: false, refused: false, failures: 0, view: null, subId: null, version: 0 });
  openSocket('connecting');
}

export function openSocket(mode) {
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
export function retryLater() {
  const base = RETRY_FIRST_MS * 2 ** Math.min(live.failures, 10);
  const delay = Math.min(RETRY_MAX_MS, base * (0.8 + 0.4 * Math.random()));
  live.failures++;
  setLive(navigator.onLine === false ? 'offline' : 'reconnecting');
  live.timer = window.setTimeout(() => openSocket('reconnecting'), delay);
}

export function onLiveMessage(data) {
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
export function liveFollow(view) {
  if (live.view && live.view.key === view.key) return;
  if (live.ready && live.subId) {
    live.socket.send(JSON.stringify({ type: 'unsubscribe', id: live.subId }));
  }
  Object.assign(live, { view, subId: null, version: 0 });
  if (live.ready) subscribe(0);
}

export function subscribe(version) {
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
export function onLiveSlate(msg) {
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
  const changes = changeWords(msg);
  if (!showSlate(msg.items, view) && !changes) return;
  setStatus('Updated: ' + (changes || REASONS[msg.reason] || 'the slate changed') + '. ' +
    view.count(msg.items.length) + '.');
  if (state.family) refreshFamilyWarning(view);
}

/**
 * What an availability push says changed for shows of this slate ("Bluey is now on Stan"), or
 * '' when it carries no `changes`.
 */
export function changeWords(msg) {
  if (!Array.isArray(msg.changes) || msg.changes.length === 0) return '';
  const titles = new Map(msg.items.map((it) => [it.id, it.title]));
  return msg.changes
    .filter((c) => c && typeof c.text === 'string')
    .map((c) => (titles.get(c.id) || c.id) + ' is ' + c.text)
    .join('; ');
}

/** The Family Mix banner after a live update: only the explain answer carries it. */
export async function refreshFamilyWarning(view) {
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
