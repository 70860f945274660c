// The household's inbox of watchlist alerts (docs/api.md, "Feedback and watchlists"), a
// controller with its views in inbox_view.js: the unread count on the header's "Inbox" link
// from GET /inbox (when the page starts, after a push, after a reconnect), the inbox page
// (#inbox: the alerts newest first, "Mark read" and "Mark all read" with POST /inbox/read), and
// a short notice when alerts are pushed live ({"type":"inbox"} over /ws, docs/ws.md).

import { api } from './api.js';
import { $, whileBusy } from './dom.js';
import { noticeWords, renderAlerts, renderBadge, renderNotice } from './inbox_view.js';

const PAGE_LIMIT = 100; // GET /inbox's most: the page lists the newest 100
const NOTICE_MS = 15000; // how long a notice stays (longer while it has the focus or the pointer)

const state = {
  asked: 0, // GET /inbox requests made; each answer keeps its number
  counted: 0, // the number of the answer the badge shows: an older one is not drawn
  listTicket: 0, // bumped by every load of the page's list: an older answer is dropped
  busy: false, // a POST /inbox/read is on its way
  noticeTimer: null,
};

/** Whether the inbox page is showing. */
const onPage = () => !$('inbox-view').hidden;

function say(text) {
  $('inbox-status').textContent = text || '';
}

function fail(text) {
  $('inbox-error').textContent = text || '';
  $('inbox-error').hidden = !text;
}

/** GET /inbox?limit=`limit`; the badge follows its `unread` unless a later answer came first. */
async function fetchInbox(limit) {
  const number = ++state.asked;
  const answer = await api('GET', '/inbox?limit=' + limit);
  if (number > state.counted && answer && Number.isInteger(answer.unread)) {
    state.counted = number;
    renderBadge(answer.unread);
  }
  return answer;
}

/** The unread count again (and the list, when the inbox page shows). */
export async function refreshInbox() {
  if (onPage()) {
    await reload();
    return;
  }
  try {
    await fetchInbox(1);
  } catch (err) {
    // The count stays as it was; the inbox page says what went wrong when opened.
  }
}

/** Loads and draws the inbox page. */
export async function openInbox() {
  fail('');
  await reload();
}

/** Loads the list; `said` (e.g. "Marked read.") goes before the count in the status line. */
async function reload(said) {
  const ticket = ++state.listTicket;
  if (!said) say('Loading…');
  try {
    const answer = await fetchInbox(PAGE_LIMIT);
    if (ticket !== state.listTicket) return false;
    const items = answer && Array.isArray(answer.items) ? answer.items : [];
    renderAlerts(items, { onRead: markRead });
    const unread = items.filter((i) => !i.read).length;
    const count = items.length ? items.length + (items.length === 1 ? ' alert, ' : ' alerts, ') +
      unread + ' unread.' : '';
    say([said, count].filter(Boolean).join(' '));
    fail('');
    return true;
  } catch (err) {
    if (ticket === state.listTicket) {
      say('');
      fail('Could not load the inbox: ' + err.message);
    }
    return false;
  }
}

/** "Mark read" of one alert; the focus moves to the next unread alert's button. */
async function markRead(item, button) {
  if (state.busy) return;
  state.busy = true;
  const rows = Array.from($('inbox-list').children);
  const at = rows.findIndex((row) => row.dataset.id === String(item.id));
  fail('');
  try {
    await whileBusy(button, () => api('POST', '/inbox/read', { ids: [item.id] }));
  } catch (err) {
    fail('Could not mark the alert read: ' + err.message);
    return;
  } finally {
    state.busy = false;
  }
  if (await reload('Marked read.')) focusUnreadFrom(at);
}

/** "Mark all read". */
async function markAll(button) {
  if (state.busy) return;
  state.busy = true;
  fail('');
  let marked;
  try {
    marked = await whileBusy(button, () => api('POST', '/inbox/read', { all: true }));
  } catch (err) {
    fail('Could not mark the alerts read: ' + err.message);
    return;
  } finally {
    state.busy = false;
  }
  const n = marked && Number.isInteger(marked.marked) ? marked.marked : 0;
  await reload('Marked ' + n + (n === 1 ? ' alert' : ' alerts') + ' read.');
  if (button.disabled) $('inbox-heading').focus();
}

/** Focuses the first unread alert's "Mark read" from row `at` on (else any, else the heading). */
function focusUnreadFrom(at) {
  const rows = Array.from($('inbox-list').children);
  const after = rows.slice(Math.max(at, 0)).concat(rows.slice(0, Math.max(at, 0)));
  const next = after.map((row) => row.querySelector('.inbox-read')).find(Boolean);
  (next || $('inbox-heading')).focus();
}

// --- live ------------------------------------------------------------------------------------

/**
 * New alerts pushed over the page's socket ({"type":"inbox","items":[{show_id, text}]}): a
 * notice names them, the count is asked again, and an open inbox page loads its list again.
 */
export function inboxPushed(msg) {
  const texts = (Array.isArray(msg && msg.items) ? msg.items : [])
    .map((i) => i && typeof i.text === 'string' ? i.text : '')
    .filter(Boolean);
  if (texts.length) showNotice(noticeWords(texts));
  refreshInbox();
}

function showNotice(words) {
  renderNotice(words);
  window.clearTimeout(state.noticeTimer);
  state.noticeTimer = window.setTimeout(fadeNotice, NOTICE_MS);
}

/** The notice's time is up: it goes, unless it is being used (then a little later). */
function fadeNotice() {
  const box = $('inbox-notice');
  if (box.contains(document.activeElement) || box.matches(':hover')) {
    state.noticeTimer = window.setTimeout(fadeNotice, NOTICE_MS / 3);
    return;
  }
  hideNotice(false);
}

function hideNotice(keepFocus) {
  const box = $('inbox-notice');
  const hadFocus = box.contains(document.activeElement);
  window.clearTimeout(state.noticeTimer);
  state.noticeTimer = null;
  renderNotice('');
  // The focus was on the notice's button or link, which are gone: back to the page's top.
  if (hadFocus && !keepFocus) $('inbox-link').focus();
}

/** The inbox page's button and the notice's controls. */
export function wireInbox() {
  $('inbox-mark-all').addEventListener('click', (event) => markAll(event.currentTarget));
  $('inbox-notice-dismiss').addEventListener('click', () => hideNotice(false));
  // Opening the inbox from the notice: its heading takes the focus (app.js route does when the
  // address changes; here when the inbox is already open).
  $('inbox-notice-open').addEventListener('click', () => {
    hideNotice(true);
    if (onPage()) $('inbox-heading').focus();
  });
  $('inbox-notice').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hideNotice(false);
  });
}
