// The admin page (admin.html): freshness and sync jobs, the actors with their controls, and
// the recent alerts, live. Same session as the household page (the cookie it signed in with;
// api.js sends the session's CSRF token); GET /me says whether it is an admin's (ADMIN_EMAILS).
// Anyone else, or someone not signed in, sees "Admins only" and no admin endpoint is called.
// Plain ES modules, no build step; server text is drawn as text.
// This file starts the page and is its controller: it owns the page's state, loads the
// sections' data (polled while the page is visible), runs the admin commands and draws the
// section views (admin_actors.js, admin_freshness.js) with their data and callbacks; the live
// alerts are admin_alerts.js.

import { api, useSession } from './api.js';
import { $, setStatus } from './dom.js';
import {
  focusScorers, MAX_SCORERS, MIN_SCORERS, renderActors, renderCommands, wireActors,
} from './admin_actors.js';
import { connectAlerts, loadAlerts } from './admin_alerts.js';
import {
  jobName, renderFreshness, renderJobs, stateWords, wireFreshness,
} from './admin_freshness.js';
import { busy, describeError, setError, setResult } from './admin_util.js';

export const POLL_MS = 4000; // actors, commands and jobs while the page is visible
export const FRESHNESS_EVERY = 8; // polls between two freshness loads (about 30 s)

const poll = { timer: null, ticks: 0, running: false };

const admin = {
  actorsLoading: false,
  commandsLoading: false,
  scorersTouched: false, // the admin typed a scorer count: polls leave the field alone
  freshnessLoading: false,
  profiles: [], // the household's, for the Serializd import's "into which profile"
  importProfile: '', // the one chosen (an id, as text)
  jobsLoadFailed: false, // the jobs box shows a load error (a poll clears it, not an action's)
};

// --- actors and commands -------------------------------------------------------------------

/** GET /admin/actors into the table. */
async function loadActors() {
  if (admin.actorsLoading) return;
  admin.actorsLoading = true;
  try {
    const answer = await api('GET', '/admin/actors');
    const list = answer && Array.isArray(answer.actors) ? answer.actors : [];
    setError('actors-error', '');
    renderActors(list, admin.scorersTouched);
  } catch (err) {
    setError('actors-error', describeError(err, 'Could not load the actors'));
  } finally {
    admin.actorsLoading = false;
  }
}

/** GET /admin/commands into the table. */
async function loadCommands() {
  if (admin.commandsLoading) return;
  admin.commandsLoading = true;
  try {
    const answer = await api('GET', '/admin/commands');
    const list = answer && Array.isArray(answer.commands) ? answer.commands : [];
    setError('commands-error', '');
    renderCommands(list);
  } catch (err) {
    setError('commands-error', describeError(err, 'Could not load the recent admin commands'));
  } finally {
    admin.commandsLoading = false;
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

function resize(n, button) {
  if (!Number.isInteger(n) || n < MIN_SCORERS || n > MAX_SCORERS) {
    setError('controls-error', 'The scoring pool takes ' + MIN_SCORERS + ' to ' + MAX_SCORERS +
      ' scorers (a whole number).');
    focusScorers();
    return;
  }
  command(button, 'resize the scoring pool', 'POST', '/admin/scoring/resize',
    { scorers: n }, (a) => {
      const size = typeof a.scorers === 'number' ? a.scorers : n;
      return 'Scoring pool resized to ' + size + (size === 1 ? ' scorer.' : ' scorers.');
    });
}

function flush(button) {
  command(button, 'flush the caches', 'POST', '/admin/cache/flush', undefined,
    (a) => 'Caches flushed' + (typeof a.dropped === 'number' ? ' (' + a.dropped +
      (a.dropped === 1 ? ' cached slate' : ' cached slates') + ' dropped).' : '.'));
}

function retrain(button) {
  command(button, 'start retraining the model', 'POST', '/admin/model/retrain',
    undefined, () => 'Retraining the model in the background.');
}

// --- freshness and sync jobs ---------------------------------------------------------------

/** GET /admin/freshness into the facts list. */
async function loadFreshness() {
  if (admin.freshnessLoading) return;
  admin.freshnessLoading = true;
  try {
    const f = await api('GET', '/admin/freshness');
    setError('freshness-error', '');
    renderFreshness(f || {});
  } catch (err) {
    setError('freshness-error', describeError(err, 'Could not load the freshness'));
  } finally {
    admin.freshnessLoading = false;
  }
}

/** The household's profiles, for the Serializd import's "into which profile". */
async function loadImportProfiles() {
  try {
    const profiles = await api('GET', '/me/profiles');
    admin.profiles = Array.isArray(profiles) ? profiles : [];
    if (!admin.importProfile && admin.profiles.length) {
      admin.importProfile = String(admin.profiles[0].id);
    }
  } catch (err) {
    admin.profiles = [];
  }
}

/** GET /admin/jobs into the jobs table. */
async function loadJobs() {
  try {
    const answer = await api('GET', '/admin/jobs');
    if (admin.jobsLoadFailed) setError('jobs-error', '');
    admin.jobsLoadFailed = false;
    renderJobs((answer && Array.isArray(answer.jobs)) ? answer.jobs : [],
      { profiles: admin.profiles, chosen: admin.importProfile },
      {
        onSync: controlSync,
        onRun: runJob,
        onChoose: (id) => { admin.importProfile = id; },
      });
  } catch (err) {
    admin.jobsLoadFailed = true;
    setError('jobs-error', describeError(err, 'Could not load the sync jobs'));
  }
}

/** An action's outcome: its error stays until the next action. */
function actionError(message) {
  admin.jobsLoadFailed = false;
  setError('jobs-error', message);
  setResult('jobs-result', '');
}

/** Pauses or resumes (`command`) the sync of `source`. */
async function controlSync(button, source, command) {
  actionError('');
  await busy(button, async () => {
    try {
      const job = await api('POST',
        '/admin/sync/' + encodeURIComponent(source) + '/' + encodeURIComponent(command));
      setResult('jobs-result', 'The ' + source + ' sync is now ' +
        stateWords(job && job.state).toLowerCase() + '.');
    } catch (err) {
      actionError(describeError(err, 'Could not ' + command + ' the ' + source + ' sync'));
    }
  });
  await loadJobs();
}

/** "Run now": POST /admin/jobs/{job} (409 when the job is off, running or paused). */
async function runJob(button, job) {
  actionError('');
  let path = '/admin/jobs/' + encodeURIComponent(job);
  if (job === 'serializd_import') {
    path += '?profile=' + encodeURIComponent(admin.importProfile || '');
  }
  await busy(button, async () => {
    try {
      await api('POST', path);
      setResult('jobs-result', jobName(job) + ' started.');
    } catch (err) {
      // 409: off, running or paused; the server's message says which.
      actionError(describeError(err, 'Could not start ' + jobName(job)));
    }
  });
  await loadJobs();
}

// --- the page ------------------------------------------------------------------------------

function denied(message) {
  $('denied-text').textContent = message;
  $('admin-denied').hidden = false;
  $('admin-content').hidden = true;
  setStatus('');
}

async function tick() {
  window.clearTimeout(poll.timer);
  poll.timer = null;
  if (poll.running) return;
  poll.running = true;
  try {
    const loads = [loadActors(), loadCommands(), loadJobs()];
    if (++poll.ticks % FRESHNESS_EVERY === 0) loads.push(loadFreshness());
    await Promise.all(loads);
  } finally {
    poll.running = false;
    schedule();
  }
}

/** The next poll, only while the page is visible (a hidden tab asks nothing). */
function schedule() {
  window.clearTimeout(poll.timer);
  poll.timer = document.visibilityState === 'visible' ? window.setTimeout(tick, POLL_MS) : null;
}

function wire() {
  wireFreshness({
    onRefresh: (button) => busy(button, () => Promise.all([loadFreshness(), loadJobs()])),
  });
  wireActors({
    onResize: resize,
    onFlush: flush,
    onRetrain: retrain,
    onScorersTyped: () => { admin.scorersTouched = true; },
  });
}

async function start() {
  setStatus('Loading…');
  let me;
  try {
    me = await api('GET', '/me');
  } catch (err) {
    if (err && err.status === 401) {
      return denied('You are not signed in (' + err.message + '): sign in on the main page ' +
        'first.');
    }
    setStatus('');
    const box = $('error');
    box.textContent = describeError(err, 'Could not check who you are');
    box.hidden = false;
    return;
  }
  useSession(me);
  if (!me || me.admin !== true) {
    return denied('This page is for administrators only. You are signed in as ' +
      (me && typeof me.email === 'string' ? me.email : 'someone') + ', who is not an admin.');
  }
  const who = $('admin-who');
  who.textContent = typeof me.email === 'string' ? me.email : 'admin';
  who.hidden = false;
  $('admin-content').hidden = false;
  wire();
  connectAlerts();
  await loadImportProfiles();
  await Promise.all([loadFreshness(), loadJobs(), loadActors(), loadCommands(), loadAlerts()]);
  setStatus('');
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') tick();
    else schedule();
  });
  schedule();
}

document.addEventListener('DOMContentLoaded', start);
