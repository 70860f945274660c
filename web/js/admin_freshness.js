// The admin page's "Freshness" section (a view): the facts of GET /admin/freshness (how fresh
// the offers are) and the sync jobs of GET /admin/jobs with their buttons: pause/resume and
// "run now". admin.js loads the data and runs the commands.

import { $, el } from './dom.js';
import { count, redraw, text, timeNode } from './admin_util.js';

const JOB_NAMES = {
  daily_refresh: 'JustWatch offers (daily refresh)',
  metadata_refresh: 'TVmaze metadata',
  index_walk: 'TVmaze show index walk',
  serializd_import: 'Serializd ratings import',
};
// What "run now" can start per source (POST /admin/jobs/{job}): [job, button text].
const RUNNABLE = {
  justwatch: [['daily_refresh', 'Run now']],
  tvmaze: [['metadata_refresh', 'Run now'], ['index_walk', 'Walk index']],
  serializd: [['serializd_import', 'Run now']],
};
const STATE_WORDS = {
  off: 'Off (its USE_REAL_* setting is false)',
  idle: 'Idle',
  running: 'Running',
  stopping: 'Pausing after the current title',
  paused: 'Paused',
};

/** The facts of GET /admin/freshness (how fresh the offers are). */
export function renderFreshness(f) {
  const shows = f.shows || {};
  const stale = typeof f.stale_after_days === 'number' ? f.stale_after_days : null;
  const facts = [
    ['Offers last checked', 'offers-last-checked', timeNode(f.offers_last_checked, 'never')],
    ['Serializd last seen', 'serializd-last-seen', timeNode(f.serializd_last_seen, 'never')],
    ['Stale after', 'stale-after-days',
      stale === null ? '—' : stale + (stale === 1 ? ' day' : ' days')],
    ['Shows', 'shows-total', count(shows.total)],
    ['Verified', 'shows-verified', count(shows.verified)],
    ['Stale', 'shows-stale', count(shows.stale)],
    ['Never checked', 'shows-never-checked', count(shows.never_checked)],
    ['Next daily refresh', 'next-daily-refresh',
      timeNode(f.next_daily_refresh, 'none scheduled (the JustWatch sync is off)')],
  ];
  redraw($('freshness'), f, () => facts.map(([label, key, value]) => el('div', { class: 'fact' },
    el('dt', { text: label }),
    el('dd', { dataset: { fact: key } }, value))));
}

function progressText(job) {
  const p = job.progress || {};
  if (job.state !== 'running' && job.state !== 'stopping' && !(p.total > 0)) return '—';
  let words = count(p.done) + ' of ' + count(p.total);
  if (p.changed) words += ', ' + count(p.changed) + ' changed';
  if (p.failed) words += ', ' + count(p.failed) + ' failed';
  if (p.current) words += ' (now: ' + p.current + ')';
  return words;
}

function lastRunCell(job) {
  const last = job.last_run || {};
  if (!last.status) return el('td', { text: 'none yet' });
  return el('td', {},
    el('span', { class: 'run-status run-' + last.status, text: text(last.status) }), ' ',
    timeNode(last.finished_ts, ''),
    last.message ? el('div', { class: 'hint run-message', text: last.message }) : null);
}

/**
 * The sync jobs table for `jobs` (GET /admin/jobs' `jobs`). The Serializd import offers the
 * household's `profiles` with `chosen` (an id, as text) selected. Callbacks:
 * `onSync(button, source, command)` (command: pause or resume), `onRun(button, job)` and
 * `onChoose(id)` (another profile for the import).
 */
export function renderJobs(jobs, { profiles, chosen }, { onSync, onRun, onChoose }) {
  const data = { jobs, profiles, chosen };
  redraw($('jobs'), data, () => {
    if (!jobs.length) {
      return [el('tr', {}, el('td', { colspan: 6, text: 'No sync jobs.' }))];
    }
    return jobs.map((job) => {
      const name = JOB_NAMES[job.job] || text(job.job);
      const paused = job.state === 'paused' || job.state === 'stopping';
      const command = paused ? 'resume' : 'pause';
      // One key for pause and resume: the focus stays on the button as it toggles. A sync
      // that is off (USE_REAL_* false) has nothing to pause.
      const actions = el('div', { class: 'job-actions' },
        el('button', {
          type: 'button',
          dataset: { key: 'sync:' + job.source + ':' + job.job, command, source: job.source },
          'aria-label': (paused ? 'Resume ' : 'Pause ') + 'the ' + text(job.source) + ' sync',
          text: paused ? 'Resume' : 'Pause',
          disabled: job.state === 'off',
          title: job.state === 'off' ? 'The ' + text(job.source) + ' sync is off' : null,
          onclick: (event) => onSync(event.currentTarget, job.source, command),
        }));
      if (job.source === 'serializd') {
        actions.append(profileChoice(job, profiles, chosen, onChoose));
      }
      for (const [run, label] of RUNNABLE[job.source] || [[job.job, 'Run now']]) {
        actions.append(el('button', {
          type: 'button',
          dataset: { key: 'run:' + run, job: run },
          'aria-label': label + ': ' + (JOB_NAMES[run] || run),
          text: label,
          onclick: (event) => onRun(event.currentTarget, run),
        }));
      }
      return el('tr', { dataset: { job: text(job.job), source: text(job.source) } },
        el('th', { scope: 'row' }, name,
          el('div', { class: 'hint', text: 'source ' + text(job.source) })),
        el('td', {
          class: 'state state-' + text(job.state),
          text: STATE_WORDS[job.state] || text(job.state),
        }),
        el('td', { text: progressText(job) }),
        lastRunCell(job),
        el('td', {}, timeNode(job.next_run_ts, 'not scheduled')),
        el('td', {}, actions));
    });
  });
}

/** The Serializd import runs into one profile: a select of the household's profiles. */
function profileChoice(job, profiles, chosen, onChoose) {
  const id = 'import-profile-' + job.job;
  const select = el('select', {
    id,
    dataset: { key: 'profile:' + job.job },
    onchange: (event) => onChoose(event.currentTarget.value),
  });
  for (const p of profiles) {
    select.append(el('option', {
      value: String(p.id), selected: String(p.id) === chosen, text: p.name,
    }));
  }
  return el('span', { class: 'import-profile' },
    el('label', { for: id, text: 'Import into' }), ' ', select);
}

/** A job's name for people ("TVmaze metadata"). */
export function jobName(job) {
  return JOB_NAMES[job] || job;
}

/** A job state's words ("Paused"). */
export function stateWords(state) {
  return STATE_WORDS[state] || text(state);
}

/** Wires the section's "Refresh" button: `onRefresh(button)`. */
export function wireFreshness({ onRefresh }) {
  $('freshness-refresh').addEventListener('click', (event) => onRefresh(event.currentTarget));
}
