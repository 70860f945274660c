// Importing another service's export into the profile on screen (docs/api.md, "Imports"), on
// the ratings page: a controller with its view. The file chosen is first checked with a dry run
// (POST /imports/{format}?profile=&dry_run=true, the file's bytes as the body), whose report
// says what would happen; then "Import" sends it for real and shows the final report. A file
// that cannot be read is a 400 whose message names the line.

import { api } from './api.js';
import { $, clear, el, whileBusy } from './dom.js';
import { showLink, whose } from './show_text.js';

const MAX_BYTES = 20 * 1024 * 1024; // the server takes bodies up to 20 MB for imports

const HINTS = {
  imdb: 'IMDb: "Your ratings" or your watchlist, exported from imdb.com as CSV. Series and ' +
    'mini-series come in; films and episodes are skipped.',
  trakt: 'Trakt: one JSON file of a data export (ratings-shows.json, watched-shows.json, ' +
    'watchlist-shows.json or history-episodes.json).',
  netflix: 'Netflix: your viewing activity (CSV). What was watched comes in as "seen", not as ' +
    'a rating.',
  serializd: 'Serializd: your diary (JSON).',
};

const imp = {
  profile: () => null, // the profile imported into (app.js)
  onImported: () => {}, // after a real import: the ratings are loaded again
  checked: null, // the last dry run: {path, body, who} of what it checked; null: none (or stale)
};

/** Wires the import form; `profile()` is who imports, `onImported()` runs after an import. */
export function wireImports({ profile, onImported }) {
  imp.profile = profile;
  imp.onImported = onImported;
  $('import-format').addEventListener('change', () => {
    formatChanged();
    forget();
  });
  $('import-file').addEventListener('change', forget);
  $('import-netflix-profile').addEventListener('input', forget);
  $('import-form').addEventListener('submit', (event) => {
    event.preventDefault();
    check($('import-check'));
  });
  $('import-run').addEventListener('click', (event) => runImport(event.currentTarget));
  formatChanged();
}

/** The page is shown again (or for another profile): a dry run of before no longer counts. */
export function resetImports() {
  forget();
  renderReport(null);
  fail('');
  say('');
}

function formatChanged() {
  const format = $('import-format').value;
  $('import-netflix-field').hidden = format !== 'netflix';
  $('import-hint').textContent = HINTS[format] || '';
}

function forget() {
  imp.checked = null;
  $('import-run').hidden = true;
}

function say(text) {
  $('import-status').textContent = text || '';
}

function fail(text) {
  $('import-error').textContent = text || '';
  $('import-error').hidden = !text;
}

/** What is about to be sent: the path (without dry_run) and the file; null (said why) if none. */
function chosen() {
  const who = imp.profile();
  const file = $('import-file').files[0];
  if (!who) {
    fail('Choose a profile to import into first.');
    return null;
  }
  if (!file) {
    fail('Choose the file to import.');
    return null;
  }
  if (file.size > MAX_BYTES) {
    fail('The file is ' + (file.size / 1048576).toFixed(1) +
      ' MB: the service takes at most 20 MB.');
    return null;
  }
  const format = $('import-format').value;
  const params = new URLSearchParams({ profile: String(who.id) });
  const netflixProfile = $('import-netflix-profile').value.trim();
  if (format === 'netflix' && netflixProfile) params.set('netflix_profile', netflixProfile);
  return { who, file, path: '/imports/' + encodeURIComponent(format) + '?' + params.toString() };
}

/** "Check the file": the dry run, and its report. */
async function check(button) {
  fail('');
  forget();
  const what = chosen();
  if (!what) return;
  renderReport(null);
  say('Checking ' + what.file.name + '…');
  try {
    const body = await what.file.arrayBuffer();
    const report = await whileBusy(button, () => api('POST', what.path + '&dry_run=true', body));
    imp.checked = { path: what.path, body, who: what.who };
    renderReport(report, what.who);
    say('Checked ' + what.file.name + ': nothing is written yet. ' + summary(report, true));
    $('import-run').hidden = false;
  } catch (err) {
    say('');
    fail(err.status === 400 ? 'The file cannot be imported: ' + err.message
      : 'Could not check the file: ' + err.message);
  }
}

/** "Import": the same file for real, then the final report. */
async function runImport(button) {
  const checked = imp.checked;
  const who = imp.profile();
  if (!checked || !who || who.id !== checked.who.id) {
    forget();
    fail('Check the file again first: the profile changed.');
    return;
  }
  fail('');
  say('Importing…');
  try {
    const report = await whileBusy(button, () => api('POST', checked.path, checked.body));
    forget();
    renderReport(report, who);
    say('Imported into ' + whose(who.name) + ' ratings. ' + summary(report, false));
    imp.onImported();
  } catch (err) {
    say('');
    fail('Could not import the file: ' + err.message);
  }
}

function summary(r, dry) {
  return r.shows + ' shows in the file, ' + r.matched + ' found; ' + r.added +
    (dry ? ' to add, ' : ' added, ') + r.updated + (dry ? ' to update.' : ' updated.');
}

// --- the report -------------------------------------------------------------------------------

/** The report of an import (null hides it); `who`: the profile it is for. */
function renderReport(report, who) {
  const box = $('import-report');
  clear(box);
  box.hidden = !report;
  if (!report) return;
  const dry = report.dry_run === true;
  box.append(el('h4', {
    text: dry ? 'What the import would do for ' + who.name + ' (nothing written yet)'
      : 'Imported for ' + who.name,
  }));
  const facts = el('dl', { class: 'facts import-counts' });
  const fact = (name, value) => facts.append(el('div', { dataset: { count: name } },
    el('dt', { text: name }), el('dd', { text: String(value === undefined ? 0 : value) })));
  fact('Shows in the file', report.shows);
  fact('Matched', report.matched);
  fact(dry ? 'Will add' : 'Added', report.added);
  fact('Already there', report.already);
  fact(dry ? 'Will update' : 'Updated', report.updated);
  fact('Skipped', report.skipped);
  fact('Not found', report.unmatched);
  fact('Ambiguous', report.ambiguous);
  box.append(facts);
  const unmatched = Array.isArray(report.unmatched_items) ? report.unmatched_items : [];
  if (unmatched.length) {
    box.append(el('h5', { text: 'Not found in the catalog' }),
      itemList('unmatched', unmatched, 'closest', 'nothing close'));
  }
  const ambiguous = Array.isArray(report.ambiguous_items) ? report.ambiguous_items : [];
  if (ambiguous.length) {
    box.append(el('h5', { text: 'More than one show fits (not imported)' }),
      itemList('ambiguous', ambiguous, 'could be', 'no candidates'));
  }
  const notes = Array.isArray(report.notes) ? report.notes : [];
  if (notes.length) {
    box.append(el('h5', { text: 'Notes' }),
      el('ul', { class: 'import-notes' }, ...notes.map((n) => el('li', { text: n }))));
  }
}

/** "line 11: The Allotment Diaries (2023); closest: Baby (2018), …" with links to candidates. */
function itemList(kind, items, lead, none) {
  const list = el('ul', { class: 'import-items ' + kind });
  for (const item of items) {
    const candidates = Array.isArray(item.candidates) ? item.candidates : [];
    const li = el('li', null, (item.line ? 'line ' + item.line + ': ' : '') + item.title +
      (item.year ? ' (' + item.year + ')' : '') + '; ' + (candidates.length ? lead + ': ' : none));
    candidates.forEach((c, i) => {
      if (i) li.append(', ');
      li.append(showLink(c), c.year ? ' (' + c.year + ')' : '');
    });
    list.append(li);
  }
  return list;
}
