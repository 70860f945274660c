// The admin page's "Actors" section (a view): the actors table (GET /admin/actors), the controls
// (resize the scoring pool, flush the caches, retrain the model) and the recent admin commands
// (GET /admin/commands). admin.js loads the data and runs the commands.

import { $, el } from './dom.js';
import { count, redraw, text, timeNode } from './admin_util.js';

export const MIN_SCORERS = 1;
export const MAX_SCORERS = 64;

const CLOCK = { hour: '2-digit', minute: '2-digit', second: '2-digit' };

/**
 * The actors table for `list` (GET /admin/actors' `actors`), said to be updated now. The scorer
 * count field starts at the pool's size ("running, 2 scorers, 0 restarts") until `touched` (the
 * admin typed in it).
 */
export function renderActors(list, touched) {
  redraw($('actors'), list, () => {
    if (!list.length) return [el('tr', {}, el('td', { colspan: 5, text: 'No actors reported.' }))];
    return list.map((a) => el('tr', { dataset: { actor: text(a.name) } },
      el('th', { scope: 'row', text: text(a.name) }),
      el('td', { class: 'actor-state', text: text(a.state) }),
      el('td', { class: 'num', text: count(a.instances) }),
      el('td', { class: 'num', text: count(a.mailbox) }),
      el('td', { class: 'num', text: count(a.processed) })));
  });
  $('actors-updated').textContent = 'Updated ' + new Date().toLocaleTimeString('en-AU', CLOCK);
  const input = $('scorers-input');
  const pool = list.find((a) => a && a.name === 'scoring_pool');
  const found = pool && typeof pool.state === 'string' && /(\d+)\s+scorers?\b/.exec(pool.state);
  if (found && !touched && document.activeElement !== input) input.value = found[1];
}

function detailText(detail) {
  return detail && typeof detail === 'object' ? JSON.stringify(detail) : text(detail);
}

/** The recent admin commands table for `list` (GET /admin/commands' `commands`). */
export function renderCommands(list) {
  redraw($('commands'), list, () => {
    if (!list.length) {
      return [el('tr', {}, el('td', { colspan: 5, text: 'No admin commands yet.' }))];
    }
    return list.map((c) => el('tr', {},
      el('td', {}, timeNode(c.ts)),
      el('td', { text: text(c.admin) }),
      el('td', { text: text(c.command) }),
      el('td', { text: detailText(c.detail) }),
      el('td', { class: 'command-status', text: text(c.status) })));
  });
}

/**
 * Wires the controls: `onResize(scorers, button)` with the number typed, `onFlush(button)`,
 * `onRetrain(button)`, and `onScorersTyped()` when the admin types a scorer count.
 */
export function wireActors({ onResize, onFlush, onRetrain, onScorersTyped }) {
  const input = $('scorers-input');
  input.min = String(MIN_SCORERS);
  input.max = String(MAX_SCORERS);
  input.addEventListener('input', onScorersTyped);
  $('resize-form').addEventListener('submit', (event) => {
    event.preventDefault();
    onResize(Number(input.value), $('resize-button'));
  });
  $('flush-button').addEventListener('click', (event) => onFlush(event.currentTarget));
  $('retrain-button').addEventListener('click', (event) => onRetrain(event.currentTarget));
}

export function focusScorers() {
  $('scorers-input').focus();
}
