// The one WebSocket of a page to GET /ws (docs/ws.md), used by the main page's live slates
// (live.js) and the admin page's live alerts (admin_alerts.js): connects (the browser sends the
// session cookie with the upgrade, so there is no auth message: the server answers "ready"),
// hands each message to the page, and reconnects with exponential backoff when the connection
// drops. What to subscribe to is the caller's business.

export const RETRY_FIRST_MS = 1000; // reconnects: 1 s, 2 s, 4 s ... (with jitter)
export const RETRY_MAX_MS = 30000;

/** The delay before reconnect number `failures` + 1: 1 s, 2 s, 4 s ... at most 30 s, ±20%. */
export function retryDelay(failures) {
  const base = RETRY_FIRST_MS * 2 ** Math.min(failures, 10);
  return Math.min(RETRY_MAX_MS, base * (0.8 + 0.4 * Math.random()));
}

/**
 * A socket to /ws, not yet open (start() opens it). Callbacks:
 *  - onStatus(mode): 'connecting', 'reconnecting', 'offline' (no WebSocket, the browser is
 *    offline, or the session was refused), or 'live' (authenticated: the server said ready);
 *  - onReady(): authenticated, on every (re)connection: subscribe here;
 *  - onMessage(msg): every other message, parsed (an object).
 * A {"type":"error","code":"unauthorized"} (a refused session) also goes to onMessage; the
 * server then closes the socket and it is not reopened until start() is called again.
 */
export function createSocket({ onStatus, onReady, onMessage }) {
  const s = {
    socket: null,
    ready: false, // authenticated on this socket
    refused: false, // the server refused the session: wait for start() (a new sign-in)
    stopped: true, // stop() was called, or start() not yet
    failures: 0, // connections lost in a row, for the backoff
    timer: null, // the reconnect waiting, if any
  };
  const status = (mode) => { if (onStatus) onStatus(mode); };

  function open(mode) {
    s.timer = null;
    if (typeof window.WebSocket !== 'function') {
      status('offline');
      return;
    }
    status(mode);
    const scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    let socket;
    try {
      socket = new window.WebSocket(scheme + window.location.host + '/ws');
    } catch (e) {
      retryLater();
      return;
    }
    s.socket = socket;
    s.ready = false;
    socket.addEventListener('message', (event) => {
      if (socket === s.socket) received(event.data);
    });
    socket.addEventListener('close', () => {
      if (socket !== s.socket) return;
      Object.assign(s, { socket: null, ready: false });
      if (s.refused) status('offline');
      else retryLater();
    });
  }

  function retryLater() {
    const delay = retryDelay(s.failures);
    s.failures++;
    status(navigator.onLine === false ? 'offline' : 'reconnecting');
    s.timer = window.setTimeout(() => open('reconnecting'), delay);
  }

  function received(data) {
    let msg;
    try {
      msg = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'ready') {
      Object.assign(s, { ready: true, failures: 0 });
      status('live');
      if (onReady) onReady();
      return;
    }
    if (msg.type === 'error' && msg.code === 'unauthorized') s.refused = true;
    if (onMessage) onMessage(msg);
  }

  /** Closes the socket (if open) and forgets any reconnect; nothing more is reported. */
  function stop() {
    const old = s.socket;
    s.socket = null;
    if (old) old.close(1000);
    window.clearTimeout(s.timer);
    Object.assign(s, { ready: false, stopped: true, timer: null });
  }

  window.addEventListener('offline', () => {
    if (!s.stopped) status('offline');
  });
  window.addEventListener('online', () => {
    if (s.stopped) return;
    if (s.ready) {
      status('live');
    } else if (s.timer !== null) { // waiting to retry: now is a good time
      window.clearTimeout(s.timer);
      s.failures = 0;
      open('reconnecting');
    }
  });

  return {
    /** (Re)connects: at start. */
    start() {
      stop();
      Object.assign(s, { refused: false, stopped: false, failures: 0 });
      open('connecting');
    },
    stop,
    /** Sends `message` (an object, or JSON text) when authenticated; returns whether it did. */
    send(message) {
      if (!s.ready || !s.socket) return false;
      s.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
      return true;
    },
    /** Authenticated now (messages can be sent). */
    get ready() {
      return s.ready;
    },
  };
}
