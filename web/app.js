// The household's web page: profile switcher, slate, ratings, notes, tags and services, and
// the Family Mix (a slate for several profiles watching together, "we watched this",
// fairness), live over /ws. Plain ES modules against the REST API (docs/api.md), no build step;
// this file starts the page. All data is rendered with textContent or text nodes, never as HTML.

import { token } from './js/api.js';
import { $, reportError, setStatus, showError, storageGet, storageSet } from './js/dom.js';
import { liveConnect } from './js/live.js';
import { onShowDialogClosed, saveNote } from './js/notes.js';
import { loadProfiles, refreshProfileViews } from './js/profiles.js';
import { loadServices, saveServices } from './js/services.js';
import { loadSlate } from './js/slate.js';
import { DEFAULT_TOKEN, INTENT_KEY, INTENTS, ONLY_MINE_KEY, state, TOKEN_KEY } from './js/state.js';
import { addTag } from './js/tags.js';

/** The intent and "only our services" as chosen before; `?intent=` wins for this visit. */
function readChoices() {
  const asked = new URLSearchParams(window.location.search).get('intent');
  const stored = storageGet(INTENT_KEY);
  state.intent = INTENTS.includes(asked) ? asked : INTENTS.includes(stored) ? stored : 'default';
  state.onlyMine = storageGet(ONLY_MINE_KEY) === 'true';
  $('intent').value = state.intent;
  $('only-mine').checked = state.onlyMine;
}

function onChoicesChanged() {
  state.intent = INTENTS.includes($('intent').value) ? $('intent').value : 'default';
  state.onlyMine = $('only-mine').checked;
  storageSet(INTENT_KEY, state.intent === 'default' ? null : state.intent);
  storageSet(ONLY_MINE_KEY, state.onlyMine ? 'true' : null);
  showError('');
  loadSlate();
}

function readSeed() {
  const raw = new URLSearchParams(window.location.search).get('seed');
  if (raw !== null && /^\d{1,19}$/.test(raw)) {
    state.seed = raw;
    const badge = $('seed-badge');
    badge.textContent = 'Seed: ' + raw;
    badge.hidden = false;
  } else if (raw !== null) {
    state.seedWarning = 'Ignoring seed "' + raw + '": it must be a whole number.';
  }
}

async function start() {
  state.shown = null;
  liveConnect();
  try {
    await loadProfiles();
  } catch (err) {
    reportError(err, 'Could not load profiles');
    return;
  }
  await refreshProfileViews();
  try {
    await loadServices();
  } catch (err) {
    reportError(err, 'Could not load services');
    return;
  }
  if (state.seedWarning) showError(state.seedWarning);
}

function wire() {
  $('token-input').value = token();
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('token-input').value.trim();
    storageSet(TOKEN_KEY, value && value !== DEFAULT_TOKEN ? value : null);
    showError('');
    setStatus('Token saved.');
    start();
  });
  $('token-reset').addEventListener('click', () => {
    storageSet(TOKEN_KEY, null);
    $('token-input').value = DEFAULT_TOKEN;
    showError('');
    setStatus('Using the development token.');
    start();
  });

  $('tag-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const submitter = event.submitter;
    addTag(!(submitter && submitter.dataset.liked === 'false'));
  });

  $('services-form').addEventListener('submit', (event) => {
    event.preventDefault();
    saveServices();
  });

  $('slate-controls').addEventListener('submit', (event) => event.preventDefault());
  $('intent').addEventListener('change', onChoicesChanged);
  $('only-mine').addEventListener('change', onChoicesChanged);

  $('note-form').addEventListener('submit', (event) => {
    event.preventDefault();
    saveNote();
  });
  $('dialog-close').addEventListener('click', () => $('show-dialog').close());
  $('show-dialog').addEventListener('close', onShowDialogClosed);
}

document.addEventListener('DOMContentLoaded', () => {
  readSeed();
  readChoices();
  wire();
  start();
});
