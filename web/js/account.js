// The accounts side of the household page (docs/api.md, "Signing in" and "Households"), a
// controller: it signs in (the sign-in form, an invite's accept form, sign-up, the first-run
// setup and their services step) and runs the settings page: profiles, services, members, invites, API
// tokens, signing out, the export and deleting the household (the chat alerts are
// settings_webhook.js's, loaded with the page). It owns that state and draws the
// views (auth.js, settings.js, settings_profiles.js, services.js, dialogs.js) with their data
// and callbacks. app.js starts it with hooks to the rest of the page (init).

import { api, useSession } from './api.js';
import {
  addSetupProfile, clearPasswords, formError, inviteFields, setupFields, signInFields,
  signUpFields,
} from './auth.js';
import { confirmDialog } from './dialogs.js';
import { whileBusy } from './dom.js';
import { chosenServices, renderServices } from './services.js';
import {
  deletionConfirmed, inviteEmail, renderInvites, renderMembers, renderSettingsFrame,
  renderTokens, renderTokenScopes, settingsError, settingsResult, showInviteLink, showNewToken,
  tokenFields,
} from './settings.js';
import {
  clearNewProfile, focusProfileRow, newProfileFields, renderAddProfile, renderProfileSettings,
} from './settings_profiles.js';
import { loadWebhook } from './settings_webhook.js';

const account = {
  me: null, // GET /me, as last loaded
  hooks: {
    // The page after a sign-in (setup, login, invite): the slates.
    signedIn: () => {},
    // The session ended here (`message` for the sign-in page, e.g. "Signed out.").
    signedOut: () => {},
    // A change that ends the session is on its way (true) or failed (false): meanwhile a 401
    // (e.g. from the live socket closing) is expected, not "your session has ended".
    endingSession: () => {},
    // A profile was added, changed or deleted: the switcher loads them again.
    profilesChanged: async () => {},
    // The profile this screen chose (an object of GET /me's profiles), or null.
    screenProfile: () => null,
    // Shows a page of pages.js.
    showPage: () => {},
  },
  settingsTicket: 0, // bumped by every load of the settings page; older answers are dropped
  settingsLoading: 0, // loads of the settings page in flight
};

/** Sets the hooks (see `account.hooks`); once, at start. */
export function initAccount(hooks) {
  Object.assign(account.hooks, hooks);
}

// --- signing in ------------------------------------------------------------------------------

/** POST /auth/login with the sign-in form; the server's message on failure (401, 429). */
export async function signIn(button) {
  const { email, password } = signInFields();
  formError('signin', '');
  await whileBusy(button, async () => {
    try {
      const me = await api('POST', '/auth/login', { email, password });
      useSession(me);
      clearPasswords();
      account.hooks.signedIn();
    } catch (err) {
      clearPasswords();
      formError('signin', err.message);
    }
  });
}

/** POST /auth/accept-invite with the invite form and the address's `code`. */
export async function acceptInvite(code, button) {
  const { email, password } = inviteFields();
  formError('invite', '');
  if (!code) {
    formError('invite', 'The address has no invite code: open the link you were sent.');
    return;
  }
  await whileBusy(button, async () => {
    try {
      const me = await api('POST', '/auth/accept-invite', { code, email, password });
      useSession(me);
      clearPasswords();
      account.hooks.signedIn();
    } catch (err) {
      formError('invite', err.message);
    }
  });
}

/**
 * POST /auth/signup (SIGNUP_OPEN) with the sign-up form; then the services step, as after the
 * first run's setup (the new household has one profile, renamed or joined by others later).
 */
export async function signUp(button) {
  await createHousehold('signup', '/auth/signup', signUpFields(), button);
}

// --- first run --------------------------------------------------------------------------------

/** The setup form, with one empty profile row to start with. */
export function showSetup() {
  if (!document.querySelector('#setup-profiles li')) addSetupProfile();
  account.hooks.showPage('setup');
}

export function addSetupRow() {
  addSetupProfile(undefined, true);
}

/** POST /auth/setup; then the services step (the setup signed the owner in). */
export async function setup(button) {
  await createHousehold('setup', '/auth/setup', setupFields(), button);
}

/**
 * Makes a household from the form `form` (POST `path` with `body`, which signs its owner in),
 * then shows the services step; a refusal goes to the form's error box.
 */
async function createHousehold(form, path, body, button) {
  formError(form, '');
  await whileBusy(button, async () => {
    try {
      const me = await api('POST', path, body);
      useSession(me);
      account.me = me;
    } catch (err) {
      formError(form, err.message);
      return;
    }
    await showServicesStep();
  });
}

async function showServicesStep() {
  account.hooks.showPage('services-step');
  formError('services-step', '');
  try {
    const providers = await api('GET', '/providers');
    const mine = new Set((account.me && account.me.household &&
      account.me.household.services) || []);
    renderServices(providers, mine, 'services-step');
  } catch (err) {
    formError('services-step', 'Could not load the services: ' + err.message);
  }
}

/** The services step: PUT /me/services, then the slates. */
export async function saveSetupServices(button) {
  formError('services-step', '');
  await whileBusy(button, async () => {
    try {
      await api('PUT', '/me/services', { services: chosenServices('services-step') });
      account.hooks.signedIn();
    } catch (err) {
      formError('services-step', 'Could not save the services: ' + err.message);
    }
  });
}

export function skipSetupServices() {
  account.hooks.signedIn();
}

// --- the settings page ------------------------------------------------------------------------

/** The screen is a kid profile's: the profile, or null. */
function kidScreen() {
  const screen = account.hooks.screenProfile();
  return screen && screen.kid ? screen : null;
}

/**
 * Loads and draws the settings page: GET /me, the providers, members, tokens and (the owner's)
 * invites. `note`: the result line to show after it (e.g. "Saved.").
 */
export async function loadSettings(note) {
  account.settingsLoading++;
  try {
    await drawSettings(note);
  } finally {
    account.settingsLoading--;
  }
}

async function drawSettings(note) {
  const ticket = ++account.settingsTicket;
  settingsError('');
  if (note === undefined) settingsResult('Loading…');
  let me;
  try {
    me = await api('GET', '/me');
  } catch (err) {
    if (ticket === account.settingsTicket) {
      settingsError('Could not load the settings: ' + err.message);
    }
    return;
  }
  if (ticket !== account.settingsTicket) return;
  account.me = me;
  useSession(me);
  const owner = me.role === 'owner';
  const kid = kidScreen();
  const locked = Boolean(kid);
  // The server lists the invites to an adult's screen only (a kid's gets 403).
  const [providers, members, tokens, invites] = await Promise.all([
    api('GET', '/providers').catch((err) => err),
    api('GET', '/me/members').catch((err) => err),
    api('GET', '/me/tokens').catch((err) => err),
    owner && !locked ? api('GET', '/me/invites').catch((err) => err) : Promise.resolve(null),
    // The owner's chat alerts (settings_webhook.js): drawn by that module, errors its own.
    loadWebhook({ owner, locked, fresh: note === undefined }),
  ]);
  if (ticket !== account.settingsTicket) return;
  renderSettingsFrame(me, kid);
  renderProfileSettings(me.profiles || [], {
    locked, screenId: (account.hooks.screenProfile() || {}).id,
  }, { onSave: saveProfile, onPin: setPin, onDelete: deleteProfile });
  renderAddProfile(locked);
  const problems = [];
  const list = (answer, what) => {
    if (answer instanceof Error) {
      problems.push('Could not load ' + what + ': ' + answer.message);
      return [];
    }
    return Array.isArray(answer) ? answer : [];
  };
  renderServices(list(providers, 'the services'),
    new Set((me.household && me.household.services) || []), 'services', locked);
  renderMembers(list(members, 'the members'), me, locked, removeMember);
  renderTokenScopes(me.admin === true);
  renderTokens(list(tokens, 'the API tokens'), locked, revokeToken);
  if (owner) renderInvites(invites === null ? null : list(invites, 'the invites'), cancelInvite);
  settingsError(problems.join(' '));
  settingsResult(note || '');
}

/**
 * The household changed elsewhere (another screen; pushed over /ws): the settings page, when it
 * is the one shown, is drawn again, keeping its result line.
 */
export function settingsPushed() {
  // A load in flight shows the change already (this screen's own change comes back this way).
  if (window.location.hash !== '#settings' || account.settingsLoading > 0) return;
  loadSettings(document.getElementById('settings-result').textContent);
}

/** Runs `fn` (a change) with `button` busy: its error goes to the settings' error box. */
async function change(button, what, fn) {
  settingsError('');
  settingsResult('');
  return whileBusy(button, async () => {
    try {
      return await fn();
    } catch (err) {
      settingsError(what + ': ' + err.message);
      return undefined;
    }
  });
}

async function saveProfile(profile, fields, button) {
  const done = await change(button, 'Could not save ' + profile.name, async () => {
    await api('PATCH', '/me/profiles/' + encodeURIComponent(profile.id), fields);
    return true;
  });
  if (!done) return;
  await account.hooks.profilesChanged();
  await loadSettings('Saved ' + (fields.name || profile.name) + '.');
  focusProfileRow(profile.id);
}

async function setPin(profile, pin, button) {
  if (pin !== '' && !/^[0-9]{4}$/.test(pin)) {
    settingsError('A PIN is 4 digits.');
    return;
  }
  const done = await change(button, 'Could not change the PIN of ' + profile.name, async () => {
    await api('PATCH', '/me/profiles/' + encodeURIComponent(profile.id), { pin });
    return true;
  });
  if (!done) return;
  await account.hooks.profilesChanged();
  await loadSettings(pin ? 'The PIN of ' + profile.name + ' is set.'
    : 'The PIN of ' + profile.name + ' is removed.');
  focusProfileRow(profile.id, 'pin');
}

async function deleteProfile(profile, button) {
  const sure = await confirmDialog({
    title: 'Delete ' + profile.name + '?',
    text: 'The profile ' + profile.name + ' goes with its ratings, tags, notes and watch marks. ' +
      'This cannot be undone.',
    yes: 'Delete ' + profile.name,
  });
  if (!sure) {
    if (button.isConnected) button.focus();
    return;
  }
  const done = await change(button, 'Could not delete ' + profile.name, async () => {
    await api('DELETE', '/me/profiles/' + encodeURIComponent(profile.id) + '?confirm=true');
    return true;
  });
  if (!done) return;
  await account.hooks.profilesChanged();
  await loadSettings(profile.name + ' is deleted.');
}

/** The add form: POST /me/profiles. */
export async function addProfile(button) {
  const fields = newProfileFields();
  if (!fields.name) return;
  const made = await change(button, 'Could not add ' + fields.name,
    () => api('POST', '/me/profiles', fields));
  if (!made) return;
  clearNewProfile();
  await account.hooks.profilesChanged();
  await loadSettings('Added ' + made.name + '.');
}

/** The services form: PUT /me/services (the live slates follow by themselves). */
export async function saveServices(button) {
  const services = chosenServices('services');
  const done = await change(button, 'Could not save the services', async () => {
    await api('PUT', '/me/services', { services });
    return true;
  });
  if (done) await loadSettings('Services saved.');
}

async function removeMember(member, button) {
  const me = account.me;
  const leaving = me && member.account_id === me.account_id;
  const sure = await confirmDialog(leaving ? {
    title: 'Leave ' + ((me.household && me.household.name) || 'the household') + '?',
    text: 'Your account ' + member.email + ' is removed: it cannot sign in again unless invited.',
    yes: 'Leave',
  } : {
    title: 'Remove ' + member.email + '?',
    text: 'The account ' + member.email + ' is removed and signed out everywhere; its API ' +
      'tokens stop working.',
    yes: 'Remove',
  });
  if (!sure) return;
  if (leaving) account.hooks.endingSession(true);
  const what = leaving ? 'Could not leave' : 'Could not remove ' + member.email;
  const done = await change(button, what, async () => {
    await api('DELETE', '/me/members/' + encodeURIComponent(member.account_id));
    return true;
  });
  if (leaving && !done) account.hooks.endingSession(false);
  if (!done) return;
  if (leaving) account.hooks.signedOut('You left the household.');
  else await loadSettings(member.email + ' is removed.');
}

/** The invite form: POST /me/invites; the link is shown this once. */
export async function createInvite(button) {
  const email = inviteEmail();
  const made = await change(button, 'Could not create the invite',
    () => api('POST', '/me/invites', email ? { email } : {}));
  if (!made) return;
  showMadeInvite(made);
  await loadSettings('Invite created: send the link below. It works once, until ' +
    new Date(made.expires_at * 1000).toLocaleString('en-AU') + '.');
}

/** Shows the link of a new invite: this page's address + `#invite=<code>`. */
function showMadeInvite(made) {
  showInviteLink(window.location.origin + '/#invite=' + encodeURIComponent(made.code));
}

async function cancelInvite(invite, button) {
  const done = await change(button, 'Could not cancel the invite', async () => {
    await api('DELETE', '/me/invites/' + encodeURIComponent(invite.id));
    return true;
  });
  if (done) {
    showInviteLink(null);
    await loadSettings('The invite is cancelled.');
  }
}

/** The token form: POST /me/tokens; the token is shown this once. */
export async function createToken(button) {
  const { name, scope } = tokenFields();
  if (!name) return;
  const made = await change(button, 'Could not create the token',
    () => api('POST', '/me/tokens', { name, scope }));
  if (!made) return;
  showNewToken(made.token);
  await loadSettings('Token "' + made.name + '" created (' + made.scope + '): copy it now.');
}

async function revokeToken(token, button) {
  const done = await change(button, 'Could not revoke the token ' + token.name, async () => {
    await api('DELETE', '/me/tokens/' + encodeURIComponent(token.id));
    return true;
  });
  if (done) await loadSettings('Token "' + token.name + '" revoked.');
}

/** POST /auth/logout (`everywhere`: /auth/logout-all). */
export async function signOut(button, everywhere) {
  account.hooks.endingSession(true);
  const done = await change(button, 'Could not sign out', async () => {
    await api('POST', everywhere ? '/auth/logout-all' : '/auth/logout');
    return true;
  });
  if (done) account.hooks.signedOut(everywhere ? 'Signed out everywhere.' : 'Signed out.');
  else account.hooks.endingSession(false);
}

/** Whether the typed confirmation matches: the delete button follows it. */
export function deletionTyped() {
  return deletionConfirmed() && !kidScreen();
}

/** DELETE /me/household?confirm=true, after the name was typed. */
export async function deleteHousehold(button) {
  if (!deletionTyped()) return;
  account.hooks.endingSession(true);
  const done = await change(button, 'Could not delete the household', async () => {
    await api('DELETE', '/me/household?confirm=true');
    return true;
  });
  if (done) account.hooks.signedOut('The household is deleted.');
  else account.hooks.endingSession(false);
}
