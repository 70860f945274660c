// The household's web page: profile switcher, slate, ratings, notes, tags and services, and
// the Family Mix (a slate for several profiles watching together, "we watched this",
// fairness), live over /ws. Plain ES modules against the REST API (docs/api.md), no build step.
// This file starts the page and wires its fixed controls (the forms of index.html) to the
// controller (js/controller.js), which owns the state and draws the views (js/*.js, each taking
// data and callbacks; no view imports another). All data is rendered with textContent or text
// nodes, never as HTML.

import { token } from './js/api.js';
import { DEFAULT_TOKEN, TOKEN_KEY } from './js/constants.js';
import {
  addTag, changeChoices, dialogClosed, readChoices, readSeed, saveNote, saveServices, start,
} from './js/controller.js';
import { $, setStatus, showError, storageSet } from './js/dom.js';
import { closeShowDialog } from './js/notes.js';

/** `?seed=` shown as a badge; the intent and "only our services" as chosen before. */
function readAddress() {
  const seed = readSeed();
  if (seed !== null) {
    const badge = $('seed-badge');
    badge.textContent = 'Seed: ' + seed;
    badge.hidden = false;
  }
  const { intent, onlyMine } = readChoices();
  $('intent').value = intent;
  $('only-mine').checked = onlyMine;
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

  const choicesChanged = () => changeChoices($('intent').value, $('only-mine').checked);
  $('slate-controls').addEventListener('submit', (event) => event.preventDefault());
  $('intent').addEventListener('change', choicesChanged);
  $('only-mine').addEventListener('change', choicesChanged);

  $('note-form').addEventListener('submit', (event) => {
    event.preventDefault();
    saveNote();
  });
  $('dialog-close').addEventListener('click', closeShowDialog);
  $('show-dialog').addEventListener('close', dialogClosed);
}

document.addEventListener('DOMContentLoaded', () => {
  readAddress();
  wire();
  start();
});
