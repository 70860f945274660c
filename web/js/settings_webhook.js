// "Alerts to your chat" on the settings page (docs/api.md, "Feedback and watchlists"), a
// controller with its view: the household's own webhook, to which its watchlist alerts (a show
// arriving on or leaving one of its services, a new season) are also pushed: Discord, Slack,
// Teams or ntfy. The owner only, on an adult's screen (the server refuses the others). GET
// /me/webhook shows the one set (its URL masked by the server: it is a secret) and what the
// server allows (its policy); PUT sets it, DELETE removes it, POST /me/webhook/test sends a test.
// The URL typed is sent once and never shown again: the box is emptied after a save.

import { api } from './api.js';
import { confirmDialog } from './dialogs.js';
import { $, clear, el, whileBusy } from './dom.js';

const KINDS = {
  discord: { name: 'Discord', hint: 'Discord: the channel\'s settings, Integrations, Webhooks, ' +
    'New Webhook, then "Copy Webhook URL".' },
  slack: { name: 'Slack', hint: 'Slack: an app with Incoming Webhooks (api.slack.com/apps), ' +
    '"Add New Webhook to Workspace", then copy its URL.' },
  teams: { name: 'Teams', hint: 'Teams: the channel\'s Workflows, "Post to a channel when a ' +
    'webhook request is received", then copy the URL it gives.' },
  ntfy: { name: 'ntfy', hint: 'ntfy: the server and a topic hard to guess, e.g. ' +
    'https://ntfy.sh/our-tv-alerts-7f3k (subscribe to the same topic in the app).' },
};

const POLICIES = {
  public: 'This server sends to https addresses of public hosts.',
  lan: 'This server sends to https addresses of public hosts, also http and addresses on this ' +
    'network (e.g. your own ntfy).',
  off: 'Alerts to a chat are turned off on this server: alerts stay in the inbox.',
};

const DATE = { day: 'numeric', month: 'short', year: 'numeric' };

const hook = {
  answer: null, // the last GET/PUT /me/webhook answer: {webhook, policy}; null: not loaded
  ticket: 0, // bumped by every load and change: an older answer is dropped
};

function say(text) {
  $('webhook-result').textContent = text || '';
}

function fail(text) {
  $('webhook-error').textContent = text || '';
  $('webhook-error').hidden = !text;
}

function showHint() {
  const kind = KINDS[$('webhook-kind').value];
  $('webhook-kind-hint').textContent = kind ? kind.hint : '';
}

/**
 * Draws the section from `answer` ({webhook, policy}); `locked`: a kid profile's screen, where
 * nothing is shown or changed.
 */
function render(answer, locked) {
  const current = $('webhook-current');
  clear(current);
  const set = answer && answer.webhook;
  const policy = answer && POLICIES[answer.policy] ? answer.policy : null;
  const off = policy === 'off';
  if (locked) {
    current.append("The chat alerts are not shown on a kid profile's screen.");
  } else if (!answer) {
    current.append('Loading…');
  } else if (set) {
    const kind = KINDS[set.kind] ? KINDS[set.kind].name : String(set.kind);
    const when = typeof set.updated_at === 'number' && set.updated_at > 0
      ? new Date(set.updated_at * 1000).toLocaleDateString('en-AU', DATE) : '';
    current.append(el('strong', { class: 'webhook-kind', text: kind }), ' ',
      el('code', { class: 'webhook-url', text: String(set.url || '') }),
      when ? el('span', { class: 'hint', text: ' set on ' + when }) : null);
  } else {
    current.append('None: alerts stay in the inbox.');
  }
  $('webhook-policy').textContent = policy && !locked ? POLICIES[policy] : '';
  $('webhook-form').hidden = off;
  $('webhook-test').hidden = off;
  $('webhook-remove').hidden = off && !set;
  for (const id of ['webhook-kind', 'webhook-url', 'webhook-save']) {
    $(id).disabled = locked || !answer;
  }
  $('webhook-test').disabled = locked || !set;
  $('webhook-remove').disabled = locked || !set;
}

/**
 * Shows the section to the owner only (`owner`); `locked`: a kid profile's screen; `fresh`: the
 * page was just opened (the box, result and error start empty). Resolves once it is drawn.
 */
export async function loadWebhook({ owner, locked, fresh }) {
  const ticket = ++hook.ticket;
  $('webhook-section').hidden = !owner;
  if (fresh) {
    $('webhook-url').value = '';
    say('');
    fail('');
  }
  if (!owner) return;
  if (locked) {
    render(null, true);
    return;
  }
  render(hook.answer, false); // the last one known, or "Loading…", until the answer
  try {
    const answer = await api('GET', '/me/webhook');
    if (ticket !== hook.ticket) return;
    hook.answer = answer;
    if (fresh && answer && answer.webhook && KINDS[answer.webhook.kind]) {
      $('webhook-kind').value = answer.webhook.kind; // the form starts from the one set
      showHint();
    }
    render(answer, false);
  } catch (err) {
    if (ticket !== hook.ticket) return;
    if (!hook.answer) $('webhook-current').textContent = 'Not loaded.';
    fail('Could not load the chat alerts: ' + err.message);
  }
}

/**
 * Runs a change with `button` busy (`fn` resolves to what to say); its error (the server's
 * message) goes next to the form. The section is drawn again after, from `hook.answer`.
 */
async function change(button, busyText, fn) {
  ++hook.ticket; // a load in flight would draw what was before the change
  say(busyText);
  fail('');
  await whileBusy(button, async () => {
    try {
      say(await fn());
    } catch (err) {
      say('');
      fail(err.message);
    }
  });
  render(hook.answer, false);
  if (button.disabled && document.activeElement === document.body) $('webhook-url').focus();
}

/** PUT /me/webhook with the form; the box is emptied once saved (the URL is a secret). */
function save(button) {
  const kind = $('webhook-kind').value;
  const url = $('webhook-url').value.trim();
  return change(button, 'Saving…', async () => {
    const answer = await api('PUT', '/me/webhook', { kind, url });
    $('webhook-url').value = '';
    hook.answer = answer;
    return 'Saved: alerts go to ' + (KINDS[kind] ? KINDS[kind].name : kind) + ' too.';
  });
}

/** DELETE /me/webhook, once confirmed. */
async function remove(button) {
  const sure = await confirmDialog({
    title: 'Remove the chat alerts?',
    text: 'Alerts stop going to the chat; they stay in the inbox. To set them again, you need ' +
      'the webhook URL again.',
    yes: 'Remove',
  });
  if (!sure) {
    if (button.isConnected) button.focus();
    return undefined;
  }
  return change(button, 'Removing…', async () => {
    try {
      await api('DELETE', '/me/webhook');
    } catch (err) {
      if (err.status !== 404) throw err; // 404: already gone (removed on another screen)
    }
    hook.answer = Object.assign({}, hook.answer, { webhook: null });
    return 'Removed: alerts stay in the inbox.';
  });
}

/** POST /me/webhook/test: "Delivered." or why not (the server's message). */
function sendTest(button) {
  return change(button, 'Sending a test…', async () => {
    const answer = await api('POST', '/me/webhook/test');
    if (answer && answer.delivered === true) return 'Delivered.';
    throw new Error('Not delivered: ' +
      ((answer && answer.message) || 'the server did not say why.'));
  });
}

/** Wires the section's form and buttons; once, at start. */
export function wireWebhook() {
  showHint();
  $('webhook-kind').addEventListener('change', showHint);
  $('webhook-form').addEventListener('submit', (event) => {
    event.preventDefault();
    save(event.submitter || $('webhook-save'));
  });
  $('webhook-test').addEventListener('click', (event) => sendTest(event.currentTarget));
  $('webhook-remove').addEventListener('click', (event) => remove(event.currentTarget));
}
