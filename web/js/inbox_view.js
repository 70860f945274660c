// The views of the household's inbox (js/inbox.js owns the state): the header link's unread
// count, the alerts of the inbox page (#inbox) and the short notice of alerts pushed live. Each
// takes data and callbacks; everything goes in as text.

import { $, clear, el } from './dom.js';
import { dayOf, showHref } from './show_text.js';

const EVENTS = { arrived: 'Arrived', leaving: 'Leaving soon', new_season: 'New season' };
const NOTICE_TEXTS = 3; // a notice names at most this many alerts, then "and N more"

/** The header's "Inbox" link: the count of unread alerts, in its name too ("Inbox (2 unread)"). */
export function renderBadge(unread) {
  const count = $('inbox-count');
  const link = $('inbox-link');
  const n = Number.isInteger(unread) && unread > 0 ? unread : 0;
  count.textContent = n > 99 ? '99+' : String(n);
  count.hidden = n === 0;
  if (n) link.setAttribute('aria-label', 'Inbox (' + n + ' unread)');
  else link.removeAttribute('aria-label');
}

/** "just now", "5 minutes ago", "yesterday", "3 days ago"; after a week the day ("7 Dec 2026"). */
export function relativeWhen(ts, nowMs) {
  if (typeof ts !== 'number' || ts <= 0) return '';
  const seconds = Math.max(0, Math.floor((nowMs === undefined ? Date.now() : nowMs) / 1000 - ts));
  if (seconds < 60) return 'just now';
  const words = new Intl.RelativeTimeFormat('en-AU', { numeric: 'auto' });
  if (seconds < 3600) return words.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86400) return words.format(-Math.floor(seconds / 3600), 'hour');
  const days = Math.floor(seconds / 86400);
  return days < 7 ? words.format(-days, 'day') : dayOf(ts);
}

/**
 * Draws the alerts (newest first, as GET /inbox gives them) into the inbox page, or its empty
 * state. `onRead(item, button)`: "Mark read" of an unread alert was pressed.
 */
export function renderAlerts(items, { onRead }) {
  const list = $('inbox-list');
  clear(list);
  for (const item of items) list.append(renderAlert(item, onRead));
  list.hidden = items.length === 0;
  $('inbox-empty').hidden = items.length !== 0;
  $('inbox-mark-all').disabled = !items.some((i) => !i.read);
}

function renderAlert(item, onRead) {
  const read = item.read === true;
  const text = typeof item.text === 'string' && item.text ? item.text : item.title || item.show_id;
  const at = typeof item.ts === 'number' && item.ts > 0 ? new Date(item.ts * 1000) : null;
  const when = el('time', {
    text: relativeWhen(item.ts),
    datetime: at ? at.toISOString() : null,
    title: at ? at.toLocaleString('en-AU', { dateStyle: 'medium', timeStyle: 'short' }) : null,
  });
  const meta = [EVENTS[item.event] || null, item.title && !text.includes(item.title)
    ? item.title : null].filter(Boolean).join(' · ');
  return el('li', {
    class: 'setting-row inbox-item' + (read ? ' read' : ' unread'),
    dataset: { id: String(item.id), showId: item.show_id || '', read: String(read) },
  },
    el('span', { class: read ? 'badge muted inbox-state' : 'badge inbox-state unread-mark',
      text: read ? 'Read' : 'Unread' }),
    el('span', { class: 'inbox-body' },
      el('a', { class: 'inbox-text', href: showHref(item.show_id || ''), text }),
      el('span', { class: 'meta' }, meta ? meta + ' · ' : '', when)),
    read ? null : el('button', {
      type: 'button', class: 'inbox-read', text: 'Mark read', 'aria-label': 'Mark read: ' + text,
      onclick: (event) => onRead(item, event.currentTarget),
    }));
}

/** The words of a notice of `texts` (the pushed alerts): "New alert: Fargo is now on Stan". */
export function noticeWords(texts) {
  if (texts.length === 1) return 'New alert: ' + texts[0];
  const named = texts.slice(0, NOTICE_TEXTS).join('; ');
  const more = texts.length - NOTICE_TEXTS;
  return texts.length + ' new alerts: ' + named + (more > 0 ? '; and ' + more + ' more' : '');
}

/** Shows the notice saying `words` ('' hides it). Its region is polite: it takes no focus. */
export function renderNotice(words) {
  const box = $('inbox-notice');
  $('inbox-notice-text').textContent = words || '';
  box.dataset.shown = words ? 'true' : 'false';
  $('inbox-notice-actions').hidden = !words;
}
