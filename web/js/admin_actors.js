// The admin page's "Actors" section: the actors table (GET /admin/actors, polled while the page
// is visible), the controls (resize the scoring pool, flush the caches, retrain the model) and
// the recent admin commands (GET /admin/commands).

import { api } from './api.js';
import { $, el } from './dom.js';
import {
  busy, count, describeError, redraw, setError, setResult, text, timeNode,
} from './admin_util.js';

export const MIN_SCORERS = 1;
export const MAX_SCORERS = 64;

const CLOCK = { hour: '2-digit', minute: '2-digit', second: '2-digit' };

const actors = { loading: false, commandsLoading: false, scorersTouched: false };

/** GET /admin/actors into the table. */
export async function loadActors() {
  if (actors.loading) return;
  actors.loading = true;
  try {
    const answer = await api('GET', '/admin/actors');
    const list = answer && Array.isArray(answer.actors) ? answer.actors : [];
    setError('actors-error', '');
    renderActors(list);
    $('actors-updated').textContent = 'Updated ' + new Date().toLocaleTimeString('en-AU', CLOCK);
  } catch (err) {
    setError('actors-error', describeError(err, 'Could not load the actors'));
  } finally {
    actors.loading = false;
  }
}

function renderActors(list) {
  redraw($('actors'), list, () => {
    if (!list.length) return [el('tr', {}, el('td', { colspan: 5, text: 'No actors reported.' }))];
    return list.map((a) => el('tr', { dataset: { actor: text(a.name) } },
      el('th', { scope: 'row', text: text(a.name) }),
      el('td', { class: 'actor-state', text: text(a.state) }),
      el('td', { class: 'num', text: count(a.instances) }),
      el('td', { class: 'num', text: count(a.mailbox) }),
      el('td', { class: 'num', text: count(a.processed) })));
  });
  // The scorer count field starts at the pool's size ("running, 2 scorers, 0 restarts").
  const input = $('scorers-input');
  const pool = list.find((a) => a && a.name === 'scoring_pool');
  const found = pool && typeof pool.state === 'string' && /(\d+)\s+scorers?\b/.exec(pool.state);
  if (found && !actors.scorersTouched && document.activeElement !== input) input.value = found[1];
}

function detailText(detail) {
  return detail && typeof detail === 'object' ? JSON.stringify(detail) : text(detail);
}

/** GET /admin/commands into the table. */
export async function loadCommands() {
  if (actors.commandsLoading) return;
  actors.commandsLoading = true;
  try {
    const answer = await api('GET', '/admin/commands');
    const list = answer && Array.isArray(answer.commands) ? answer.commands : [];
    setError('commands-error', '');
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
  } catch (err) {
    setError('commands-error', describeError(err, 'Could not load the recent admin commands'));
  } finally {
    actors.commandsLoading = false;
  }
}

/** Runs one control command, shows its outcome, then reloads the actors and the commands. */
async function command(button, what, method, path, body, done) {
  setError('controls-error', '');
  setResult('controls-result', '');
  await busy(button, async () => {
    try {
      const answer = await api(method, path, body);
      setResult('controls-result', done(answer || {}));
    } catch (err) {
      setError('controls-error', describeError(err, 'Could not ' + what));
    }
  });
  await Promise.all([loadActors(), loadCommands()]);
}

function resize(event) {
  event.preventDefault();
  const input = $('scorers-input');
  const n = Number(input.value);
  if (!Number.isInteger(n) || n < MIN_SCORERS || n > MAX_SCORERS) {
    setError('controls-error', 'The scoring pool takes ' + MIN_SCORERS + ' to ' + MAX_SCORERS +
      ' scorers (a whole number).');
    input.focus();
    return;
  }
  command($('resize-button'), 'resize the scoring pool', 'POST', '/admin/scoring/resize',
    { scorers: n }, (a) => {
      const size = typeof a.scorers === 'number' ? a.scorers : n;
      return 'Scoring pool resized to ' + size + (size === 1 ? ' scorer.' : ' scorers.');
    });
}

export function wireActors() {
  const input = $('scorers-input');
  input.min = String(MIN_SCORERS);
  input.max = String(MAX_SCORERS);
  input.addEventListener('input', () => { actors.scorersTouched = true; });
  $('resize-form').addEventListener('submit', resize);
  $('flush-button').addEventListener('click', (event) =>
    command(event.currentTarget, 'flush the caches', 'POST', '/admin/cache/flush', undefined,
      (a) => 'Caches flushed' + (typeof a.dropped === 'number' ? ' (' + a.dropped +
        (a.dropped === 1 ? ' cached slate' : ' cached slates') + ' dropped).' : '.')));
  $('retrain-button').addEventListener('click', (event) =>
    command(event.currentTarget, 'start retraining the model', 'POST', '/admin/model/retrain',
      undefined, () => 'Retraining the model in the background.'));
}
