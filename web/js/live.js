// The main page's live slates over GET /ws (docs/ws.md): follows the view on screen with one
// subscription on the page's socket (socket.js, which reconnects with backoff), resubscribes
// with the last version seen after a reconnect, and hands each newer slate of the followed view
// to the page; the household's new watchlist alerts ({"type":"inbox"}) go to the page too.
// Also the "Live" indicator in the header.

import { $ } from './dom.js';
import { createSocket } from './socket.js';

/** The status line's words for a live slate's `reason`. */
export const REASONS = {
  subscribe: 'caught up with changes',
  rating: 'a rating changed',
  tag: 'a tag changed',
  note: 'a note changed',
  feedback: 'feedback on a show changed',
  watchlist: 'a watchlist changed',
  settings: 'the services changed',
  watched: 'a show was marked watched',
  availability: 'availability changed',
  model: 'the recommendations were retrained',
};
export const LIVE_TEXT = {
  connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline',
};

export function setLive(mode) {
  const box = $('live');
  box.dataset.state = mode;
  box.textContent = LIVE_TEXT[mode];
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

/**
 * The live slates of the page. `onSlate(msg, view)` gets each pushed slate of the followed
 * view that is newer than the last one (`msg.items`: the cards). A view is what the page
 * shows: `query` (the fields of a subscription), `seed` (digits, or null) and `key`.
 * `onRefused()`: the server refused the session (it ended); the socket stays closed.
 * `onProfiles()`: the household's profiles changed (created, renamed, deleted elsewhere).
 * `onInbox(msg)`: new watchlist alerts of the household (`msg.items`: [{show_id, text}]).
 * `onReconnected()`: live again after the connection was lost (pushes may have been missed).
 */
export function createLiveSlates({ onSlate, onRefused, onProfiles, onInbox, onReconnected }) {
  const live = {
    view: null, // the view followed
    subId: null, // its subscription's id on this socket: "v1", "v2", ...
    subs: 0,
    // The version of the last slate seen for `view` (0: none yet), sent when resubscribing
    // after a reconnect; and the last one on this subscription: older ones are dropped. (A
    // restarted server counts again from 1, so only the subscription's own versions compare.)
    version: 0,
    subVersion: 0,
    connections: 0, // authenticated connections since connect(): more than one is a reconnect
  };

  const socket = createSocket({
    onStatus: setLive,
    onReady: () => {
      if (live.view) subscribe(live.version); // after a reconnect: the last version seen
      if (++live.connections > 1 && onReconnected) onReconnected();
    },
    onMessage: (msg) => {
      if (msg.type === 'slate') received(msg);
      else if (msg.type === 'profiles' && onProfiles) onProfiles();
      else if (msg.type === 'inbox' && onInbox) onInbox(msg);
      else if (msg.type === 'error' && msg.code === 'unauthorized' && onRefused) onRefused();
    },
  });

  function subscribe(version) {
    live.subId = 'v' + ++live.subs;
    live.subVersion = 0;
    const message = Object.assign({ type: 'subscribe', id: live.subId }, live.view.query);
    if (version) message.version = version;
    let text = JSON.stringify(message);
    // The seed as written (up to 19 digits): a JavaScript number would round it.
    if (live.view.seed !== null) text = text.slice(0, -1) + ',"seed":' + live.view.seed + '}';
    socket.send(text);
  }

  /** A pushed slate: handed on when it is for the view followed and newer. */
  function received(msg) {
    const view = live.view;
    if (!view || msg.id !== live.subId || !Array.isArray(msg.items)) return;
    if (!(typeof msg.version === 'number' && msg.version > live.subVersion)) return;
    live.version = live.subVersion = msg.version;
    onSlate(msg, view);
  }

  return {
    /** (Re)connects, following nothing: at start. */
    connect() {
      Object.assign(live, { view: null, subId: null, version: 0, connections: 0 });
      socket.start();
    },
    /** Follows `view` from now on: unsubscribes what was followed, subscribes to it. */
    follow(view) {
      if (live.view && live.view.key === view.key) return;
      if (socket.ready && live.subId) socket.send({ type: 'unsubscribe', id: live.subId });
      Object.assign(live, { view, subId: null, version: 0 });
      if (socket.ready) subscribe(0);
    },
    /** Whether `view` (the object given to follow) is still the one followed. */
    follows(view) {
      return live.view === view;
    },
  };
}
