// The admin page's "Recent alerts": live over GET /ws (docs/ws.md: authenticate, then
// {"type":"subscribe_alerts"}; the server answers {"type":"alerts",...} at once and after every
// change) on the page's socket (socket.js, which reconnects with backoff), with GET
// /admin/alerts (the same object) loaded on open as a fallback. Firing alerts first, then by
// severity; resolved ones dimmed. Only http(s) generator URLs become links.

import { api } from './api.js';
import { $, el } from './dom.js';
import { describeError, redraw, safeHttpUrl, setError, text, timeNode } from './admin_util.js';
import { createSocket } from './socket.js';

const SEVERITY_RANK = { critical: 0, page: 0, error: 1, high: 1, warning: 2, warn: 2, info: 3 };
const LIVE_TEXT = {
  connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline',
  unavailable: 'Not live',
};
const LIVE_TITLE = 'Live: new and resolved alerts appear here without reloading';

const alerts = {
  socket: null, // socket.js, made by connectAlerts()
  subscribed: false, // alerts arrived on this connection: the page is live
  refused: false, // the server refused the session or the subscription: no retry
  pushed: false, // a live answer arrived: a late REST answer is older, so it is dropped
};

function setLive(mode, title) {
  const box = $('alerts-live');
  box.dataset.state = mode;
  box.textContent = LIVE_TEXT[mode];
  if (title) box.title = title;
}

/** GET /admin/alerts on open: what the page shows until (or unless) the socket answers. */
export async function loadAlerts() {
  try {
    const answer = await api('GET', '/admin/alerts');
    if (!alerts.pushed) renderAlerts(answer || {});
  } catch (err) {
    if (!alerts.pushed) setError('alerts-error', describeError(err, 'Could not load the alerts'));
  }
}

/** Firing before resolved, then the most severe, then the server's order (newest first). */
export function sortAlerts(list) {
  const rank = (a) => {
    const r = SEVERITY_RANK[String(a.severity || '').toLowerCase()];
    return r === undefined ? 4 : r;
  };
  return list
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.status === 'firing' ? 0 : 1) - (y.a.status === 'firing' ? 0 : 1) ||
      rank(x.a) - rank(y.a) || x.i - y.i)
    .map((x) => x.a);
}

function summaryText(answer, list) {
  const firing = typeof answer.firing === 'number' ? answer.firing
    : list.filter((a) => a.status === 'firing').length;
  const total = typeof answer.count === 'number' ? answer.count : list.length;
  if (!total) return 'No alerts received' +
    (typeof answer.capacity === 'number' ? ' (the last ' + answer.capacity + ' are kept).' : '.');
  return firing + ' firing of ' + total + ' recent ' + (total === 1 ? 'alert' : 'alerts') +
    (typeof answer.capacity === 'number' ? ' (the last ' + answer.capacity + ' are kept).' : '.');
}

function labelsText(labels) {
  if (!labels || typeof labels !== 'object') return '';
  return Object.entries(labels)
    .filter(([k]) => k !== 'alertname' && k !== 'severity')
    .map(([k, v]) => k + '=' + text(v))
    .join(', ');
}

/** "since <time>" for a firing alert; "<time> (firing since <time>)" for a resolved one. */
function whenNodes(a, firing) {
  if (firing) return ['Firing since ', timeNode(a.starts_at)];
  return ['Resolved ', timeNode(a.ends_at, 'at an unknown time'), ' (firing since ',
    timeNode(a.starts_at), ')'];
}

function alertItem(a) {
  const firing = a.status === 'firing';
  const severity = text(a.severity === '' ? null : a.severity);
  const link = safeHttpUrl(a.generator_url);
  const labels = labelsText(a.labels);
  const n = typeof a.notifications === 'number' ? a.notifications : null;
  const times = n === null ? '' : ' (' + n + (n === 1 ? ' notification' : ' notifications') + ')';
  const sev = 'sev-' + severity.toLowerCase().replace(/[^a-z]/g, '');
  return el('li', {
    class: 'alert ' + (firing ? 'firing' : 'resolved') + ' ' + sev,
    dataset: { fingerprint: text(a.fingerprint), status: firing ? 'firing' : 'resolved' },
  },
  el('div', { class: 'alert-head' },
    el('h3', { class: 'alert-name', text: text(a.name) }),
    el('span', { class: 'badge alert-status', text: firing ? 'Firing' : 'Resolved' }),
    el('span', { class: 'badge alert-severity', text: 'Severity: ' + severity })),
  el('p', { class: 'alert-summary', text: text(a.summary === '' ? 'No summary.' : a.summary) }),
  el('p', { class: 'meta' }, ...whenNodes(a, firing), '. Last notified ',
    timeNode(a.last_received_ts), times, a.receiver ? ', receiver ' + text(a.receiver) : '', '.'),
  labels ? el('p', { class: 'meta labels', text: 'Labels: ' + labels }) : null,
  link ? el('p', { class: 'meta' }, el('a', {
    href: link, target: '_blank', rel: 'noopener noreferrer',
    text: 'Open the source graph', 'aria-label': 'Open the source graph of ' + text(a.name),
  })) : null);
}

export function renderAlerts(answer) {
  const list = Array.isArray(answer.alerts)
    ? answer.alerts.filter((a) => a && typeof a === 'object') : [];
  if (!alerts.refused) setError('alerts-error', '');
  $('alerts-summary').textContent = summaryText(answer, list);
  redraw($('alerts'), list, () => sortAlerts(list).map(alertItem));
}

/** Opens the socket; it reconnects after a drop (1 s, 2 s, 4 s ... at most 30 s, each ±20%). */
export function connectAlerts() {
  if (!alerts.socket) {
    alerts.socket = createSocket({
      onStatus: (mode) => {
        // "Live" once the alerts arrived on this connection (onMessage), not at authentication.
        if (mode !== 'live') {
          alerts.subscribed = false;
          setLive(mode);
        } else if (alerts.subscribed) {
          setLive('live', LIVE_TITLE);
        }
      },
      onReady: () => alerts.socket.send({ type: 'subscribe_alerts' }),
      onMessage,
    });
  }
  alerts.refused = false;
  alerts.socket.start();
}

function onMessage(msg) {
  if (msg.type === 'alerts') {
    alerts.pushed = true;
    alerts.subscribed = true;
    setLive('live', LIVE_TITLE);
    renderAlerts(msg);
  } else if (msg.type === 'error') {
    // unauthorized closes the socket; any other error (e.g. a server without live alerts)
    // leaves what GET /admin/alerts gave, and says why it is not live.
    alerts.refused = true;
    alerts.socket.stop();
    const why = typeof msg.message === 'string' && msg.message ? msg.message : text(msg.code);
    setLive('unavailable', 'Live alerts are not available: ' + why);
    setError('alerts-error', 'Live alerts are not available: ' + why +
      (msg.code ? ' (' + text(msg.code) + ')' : '') + '. Reload the page to try again.');
  }
}
