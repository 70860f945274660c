// The admin page (admin.html): freshness and sync jobs, the actors with their controls, and
// the recent alerts, live. Same token as the household page (api.js, kept in localStorage);
// GET /me says whether it is an admin's (ADMIN_EMAILS). Anyone else sees "Admins only" and no
// admin endpoint is called. Plain ES modules, no build step; server text is drawn as text.

import { api } from './api.js';
import { $, setStatus } from './dom.js';
import { loadActors, loadCommands, wireActors } from './admin_actors.js';
import { connectAlerts, loadAlerts } from './admin_alerts.js';
import {
  loadFreshness, loadImportProfiles, loadJobs, wireFreshness,
} from './admin_freshness.js';
import { describeError } from './admin_util.js';

export const POLL_MS = 4000; // actors, commands and jobs while the page is visible
export const FRESHNESS_EVERY = 8; // polls between two freshness loads (about 30 s)

const poll = { timer: null, ticks: 0, running: false };

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

async function start() {
  setStatus('Loading…');
  let me;
  try {
    me = await api('GET', '/me');
  } catch (err) {
    if (err && err.status === 401) {
      return denied('The access token was refused (' + err.message + ').');
    }
    setStatus('');
    const box = $('error');
    box.textContent = describeError(err, 'Could not check who you are');
    box.hidden = false;
    return;
  }
  if (!me || me.admin !== true) {
    return denied('This page is for administrators only. You are signed in as ' +
      (me && typeof me.email === 'string' ? me.email : 'someone') + ', who is not an admin.');
  }
  const who = $('admin-who');
  who.textContent = typeof me.email === 'string' ? me.email : 'admin';
  who.hidden = false;
  $('admin-content').hidden = false;
  wireFreshness();
  wireActors();
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
