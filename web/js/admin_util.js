// Helpers of the admin page (admin.html): error boxes, times, numbers, links, and tables that
// are redrawn only when their data changed (keeping the keyboard focus on a redrawn button).
// Server text always goes into the DOM as text (dom.js `el`), never as HTML.

import { $, clear } from './dom.js';

/** "What: message (HTTP 404 not_found)" for an ApiError (api.js) or any error. */
export function describeError(err, what) {
  const message = err && err.message ? err.message : String(err);
  const status = err && err.status
    ? ' (HTTP ' + err.status + (err.code ? ' ' + err.code : '') + ')' : '';
  return (what ? what + ': ' : '') + message + status;
}

/** Shows `text` in the error box `id` (hidden when empty). */
export function setError(id, text) {
  const box = $(id);
  if (!box) return;
  if (box.textContent !== (text || '')) box.textContent = text || '';
  box.hidden = !text;
}

/** Shows `text` in the status line `id` (a role="status" element). */
export function setResult(id, text) {
  const box = $(id);
  if (box) box.textContent = text || '';
}

/**
 * A Date from a unix time in seconds (or milliseconds, when it is that large) or an RFC 3339
 * string; null for null, junk and Go's zero time ("0001-01-01T00:00:00Z").
 */
export function toDate(value) {
  let ms = null;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    ms = value < 1e12 ? value * 1000 : value;
  } else if (typeof value === 'string' && value) {
    ms = Date.parse(value);
  }
  if (ms === null || !Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return date.getUTCFullYear() < 1971 ? null : date;
}

/** "3 min ago", "in 5 h", "just now". */
export function relative(date, now) {
  const seconds = Math.round(((now || Date.now()) - date.getTime()) / 1000);
  const abs = Math.abs(seconds);
  let words;
  if (abs < 45) return 'just now';
  if (abs < 3600) words = Math.round(abs / 60) + ' min';
  else if (abs < 86400) words = Math.round(abs / 3600) + ' h';
  else {
    const days = Math.round(abs / 86400);
    words = days + (days === 1 ? ' day' : ' days');
  }
  return seconds >= 0 ? words + ' ago' : 'in ' + words;
}

const DATE_FORMAT = {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
};

/** A <time> element ("24 Nov 2026, 05:06 pm (3 h ago)"), or the text `none` when no time. */
export function timeNode(value, none) {
  const date = toDate(value);
  if (!date) return document.createTextNode(none === undefined ? '—' : none);
  const node = document.createElement('time');
  node.dateTime = date.toISOString();
  node.textContent = date.toLocaleString('en-AU', DATE_FORMAT) + ' (' + relative(date) + ')';
  node.title = date.toISOString();
  return node;
}

/** A count with thousands separators; '—' when it is not a number. */
export function count(value) {
  return typeof value === 'number' && Number.isFinite(value)
    ? value.toLocaleString('en-AU') : '—';
}

/** The text of a server value: strings as they are, numbers and booleans as text, else '—'. */
export function text(value) {
  if (typeof value === 'string') return value || '—';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '—';
}

/** `raw` when it is an absolute http:// or https:// URL (what may become a link), else null. */
export function safeHttpUrl(raw) {
  if (typeof raw !== 'string' || !raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (e) {
    return null;
  }
}

const drawn = new WeakMap(); // container -> the JSON it was last drawn from

/**
 * Redraws `container` with the nodes `build()` returns, but only when `data` differs from what
 * it was last drawn from, so that a poll every few seconds neither flickers nor steals focus. A
 * focused element with a `data-key` is focused again in the new content.
 */
export function redraw(container, data, build) {
  const json = JSON.stringify(data);
  if (drawn.get(container) === json) return false;
  drawn.set(container, json);
  const active = document.activeElement;
  const key = active && container.contains(active) && active.dataset ? active.dataset.key : null;
  const nodes = build();
  clear(container);
  container.append(...nodes);
  labelCells(container);
  if (key) {
    const again = Array.from(container.querySelectorAll('[data-key]'))
      .find((node) => node.dataset.key === key);
    if (again) again.focus();
  }
  return true;
}

/**
 * Gives each data cell of a table body its column's heading as `data-label`: on a phone the
 * rows are drawn as stacked cards, and the stylesheet shows the label before each value.
 */
function labelCells(body) {
  const head = body.tagName === 'TBODY' && body.parentElement && body.parentElement.tHead;
  if (!head || !head.rows.length) return;
  const names = Array.from(head.rows[0].cells).map((cell) => cell.textContent.trim());
  for (const row of body.rows) {
    Array.from(row.cells).forEach((cell, i) => {
      if (cell.tagName === 'TD' && cell.colSpan === 1 && names[i]) cell.dataset.label = names[i];
    });
  }
}

/** Forgets what `container` was drawn from (the next redraw draws). */
export function forget(container) {
  drawn.delete(container);
}

/**
 * Runs `fn` (an async action of `button`) with the button disabled meanwhile; the button is
 * re-enabled even when it fails.
 */
export async function busy(button, fn) {
  const focused = button && document.activeElement === button;
  if (button) button.disabled = true;
  try {
    return await fn();
  } finally {
    if (button) {
      button.disabled = false;
      if (focused && button.isConnected) button.focus();
    }
  }
}
