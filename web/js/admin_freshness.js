// The admin page's "Freshness" section: GET /admin/freshness (how fresh the offers are) and the
// sync jobs of GET /admin/jobs with pause/resume (POST /admin/sync/{source}/pause|resume) and
// "run now" (POST /admin/jobs/{job}; 409 when the job is off, running or paused).

import { api } from './api.js';
import { $, el } from './dom.js';
import {
  busy, count, describeError, redraw, setError, setResult, text, timeNode,
} from './admin_util.js';

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

const freshness = {
  loading: false,
  profiles: [],
  importProfile: '',
  jobsLoadFailed: false, // the jobs box shows a load error (a poll clears it, not an action's)
};

/** GET /admin/freshness into the facts list. */
export async function loadFreshness() {
  if (freshness.loading) return;
  freshness.loading = true;
  try {
    const f = await api('GET', '/admin/freshness');
    setError('freshness-error', '');
    renderFreshness(f || {});
  } catch (err) {
    setError('freshness-error', describeError(err, 'Could not load the freshness'));
  } finally {
    freshness.loading = false;
  }
}

function renderFreshness(f) {
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

/** The household's profiles, for the Serializd import's "into which profile". */
export async function loadImportProfiles() {
  try {
    const profiles = await api('GET', '/me/profiles');
    freshness.profiles = Array.isArray(profiles) ? profiles : [];
    if (!freshness.importProfile && freshness.profiles.length) {
      freshness.importProfile = String(freshness.profiles[0].id);
    }
  } catch (err) {
    freshness.profiles = [];
  }
}

/** GET /admin/jobs into the jobs table. */
export async function loadJobs() {
  try {
    const answer = await api('GET', '/admin/jobs');
    if (freshness.jobsLoadFailed) setError('jobs-error', '');
    freshness.jobsLoadFailed = false;
    renderJobs((answer && Array.isArray(answer.jobs)) ? answer.jobs : []);
  } catch (err) {
    freshness.jobsLoadFailed = true;
    setError('jobs-error', describeError(err, 'Could not load the sync jobs'));
  }
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

function renderJobs(jobs) {
  const data = { jobs, profiles: freshness.profiles, chosen: freshness.importProfile };
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
          onclick: (event) => controlSync(event.currentTarget, job.source, command),
        }));
      if (job.source === 'serializd') actions.append(profileChoice(job));
      for (const [run, label] of RUNNABLE[job.source] || [[job.job, 'Run now']]) {
        actions.append(el('button', {
          type: 'button',
          dataset: { key: 'run:' + run, job: run },
          'aria-label': label + ': ' + (JOB_NAMES[run] || run),
          text: label,
          onclick: (event) => runJob(event.currentTarget, run),
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
function profileChoice(job) {
  const id = 'import-profile-' + job.job;
  const select = el('select', {
    id,
    dataset: { key: 'profile:' + job.job },
    onchange: (event) => { freshness.importProfile = event.currentTarget.value; },
  });
  for (const p of freshness.profiles) {
    select.append(el('option', {
      value: String(p.id), selected: String(p.id) === freshness.importProfile, text: p.name,
    }));
  }
  return el('span', { class: 'import-profile' },
    el('label', { for: id, text: 'Import into' }), ' ', select);
}

/** An action's outcome: its error stays until the next action. */
function actionError(message) {
  freshness.jobsLoadFailed = false;
  setError('jobs-error', message);
  setResult('jobs-result', '');
}

async function controlSync(button, source, command) {
  actionError('');
  await busy(button, async () => {
    try {
      const job = await api('POST',
        '/admin/sync/' + encodeURIComponent(source) + '/' + encodeURIComponent(command));
      setResult('jobs-result', 'The ' + source + ' sync is now ' +
        (STATE_WORDS[job && job.state] || text(job && job.state)).toLowerCase() + '.');
    } catch (err) {
      actionError(describeError(err, 'Could not ' + command + ' the ' + source + ' sync'));
    }
  });
  await loadJobs();
}

async function runJob(button, job) {
  actionError('');
  let path = '/admin/jobs/' + encodeURIComponent(job);
  if (job === 'serializd_import') {
    path += '?profile=' + encodeURIComponent(freshness.importProfile || '');
  }
  await busy(button, async () => {
    try {
      await api('POST', path);
      setResult('jobs-result', (JOB_NAMES[job] || job) + ' started.');
    } catch (err) {
      // 409: off, running or paused; the server's message says which.
      actionError(describeError(err, 'Could not start ' + (JOB_NAMES[job] || job)));
    }
  });
  await loadJobs();
}

export function wireFreshness() {
  $('freshness-refresh').addEventListener('click', (event) =>
    busy(event.currentTarget, () => Promise.all([loadFreshness(), loadJobs()])));
}
