// The household's web page: signing in (or, on a new deployment, setting up the household), then
// the profile switcher, search, slate, ratings, notes and tags, and the Family Mix (a slate for
// several profiles watching together, "we watched this", fairness), live over /ws; and the pages
// of the address's hash: a show's (#show/<id>), the profile's ratings with imports (#ratings),
// the watchlists (#watchlist), the household's inbox of watchlist alerts (#inbox) and the
// settings (#settings). Plain ES modules against the REST API (docs/api.md), no build step.
// This file starts the page: it asks the server who is signed in (GET /auth/state, GET /me;
// the session is an HttpOnly cookie, api.js sends its CSRF token), shows the page for that, and
// wires the page's fixed controls (the forms of index.html) to the controllers: js/account.js
// (signing in, settings), js/controller.js (the slates), js/search.js, js/show_page.js,
// js/ratings_page.js with js/imports.js, js/watchlist.js and js/inbox.js, which own their state
// and draw the views (js/*.js, each taking data and callbacks; no view imports another). All
// data is rendered with textContent or text nodes, never as HTML.

import {
  acceptInvite, addProfile, addSetupRow, createInvite, createToken, deleteHousehold,
  deletionTyped, initAccount, loadSettings, saveServices, saveSetupServices, settingsPushed, setup,
  showSetup, signIn, signOut, signUp, skipSetupServices,
} from './js/account.js';
import { api, onUnauthorized, useSession } from './js/api.js';
import { focusFirst, renderSignIn } from './js/auth.js';
import { FLASH_KEY } from './js/constants.js';
import {
  addTag, changeChoices, dialogClosed, householdProfiles, pageProfile, readChoices, readSeed,
  reloadProfiles, reloadSlate, saveNote, screenProfile, start,
} from './js/controller.js';
import { wireDialogs } from './js/dialogs.js';
import {
  $, putSessionItem, reportError, setStatus, showError, storageSet, takeSessionItem,
} from './js/dom.js';
import { closeShowDialog } from './js/notes.js';
import { inboxPushed, openInbox, refreshInbox, wireInbox } from './js/inbox.js';
import { resetImports, wireImports } from './js/imports.js';
import { checkOnboarding, openOnboarding, wireOnboarding } from './js/onboarding.js';
import { showPage, showWho } from './js/pages.js';
import { openRatings, reload as reloadRatings, wireRatingsPage } from './js/ratings_page.js';
import { refreshSearch, wireSearch } from './js/search.js';
import { openShow, showIdOf, wireShowPage } from './js/show_page.js';
import { openWatchlists } from './js/watchlist.js';
import { showAdminLink } from './js/services.js';
import {
  settingsError, settingsResult, showInviteLink, showNewToken, wireCopy,
} from './js/settings.js';
import { wireWebhook } from './js/settings_webhook.js';

const page = {
  auth: { set_up: true, signup_open: false, dev_mode: false }, // GET /auth/state
  me: null, // GET /me once signed in
  started: false, // the slates are running (controller.start)
  ready: null, // controller.start's promise: the profiles and this screen's are known after it
  leaving: false, // the page is being reloaded after the session ended
  ending: false, // a sign-out (or the like) is on its way: a 401 meanwhile is expected
};

/** The invite code in the address (`#invite=<code>`), or ''. */
function inviteCode() {
  const m = /^#invite=([^&]+)$/.exec(window.location.hash);
  if (!m) return '';
  try {
    return decodeURIComponent(m[1]);
  } catch (e) {
    return '';
  }
}

/** Drops the hash from the address without a reload (after an invite was used). */
function dropHash() {
  try {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  } catch (e) {
    // Not fatal.
  }
}

/** `?seed=` shown as a badge; the intent and "only our services" as chosen before. */
function readAddress() {
  // A show's own address, /show/<id> (the server answers it with this page), is its #show/<id>.
  const path = /^\/show\/([^/]+)$/.exec(window.location.pathname);
  if (path) {
    window.history.replaceState(null, '', '/' + window.location.search + '#show/' + path[1]);
  }
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

// --- signed out ------------------------------------------------------------------------------

function showSignIn(flash) {
  renderSignIn({
    devMode: page.auth.dev_mode, hasInvite: Boolean(inviteCode()),
    signupOpen: page.auth.signup_open === true, flash,
  });
  showPage('signin');
  focusFirst('signin');
}

function showSignUp() {
  showPage('signup');
  focusFirst('signup');
}

function showInvite() {
  showPage('invite');
  focusFirst('invite');
}

/** The page for someone not signed in: setup, the invite's accept form or the sign-in form. */
function showSignedOut(flash) {
  if (!page.auth.set_up) showSetup();
  else if (inviteCode() && !flash) showInvite();
  else showSignIn(flash);
}

/**
 * The session ended here (signed out, the household deleted, left) or elsewhere (a 401): the
 * page starts again from the sign-in form, saying `message`.
 */
function signedOut(message) {
  if (page.leaving) return;
  page.leaving = true;
  useSession(null);
  if (message) putSessionItem(FLASH_KEY, message);
  window.location.replace(window.location.pathname + window.location.search);
}

// --- signed in -------------------------------------------------------------------------------

/**
 * After a sign-in: GET /me (it says whether the account is an admin), then the slates (or the
 * page the address names; an invite's code leaves it).
 */
async function signedIn() {
  if (inviteCode()) dropHash();
  let me;
  try {
    me = await api('GET', '/me');
  } catch (err) {
    showSignIn('Signed in, but the page could not load who you are: ' + err.message);
    return;
  }
  enter(me);
}

/** The signed-in page: the header, the slates (started once), the view the address asks for. */
function enter(me) {
  page.me = me;
  useSession(me);
  onUnauthorized(() => {
    if (!page.ending) signedOut('Your session has ended: please sign in again.');
  });
  showAdminLink(me.admin === true); // the admin page is for admins only
  showWho(me.email);
  if (!page.started) {
    page.started = true;
    page.ready = start({
      onProfileChosen: profileChosen, onProfileChanged: profileChanged,
      onProfilesPushed: settingsPushed, onInbox: inboxPushed, onReconnected: refreshInbox,
      onSlateProfile: checkOnboarding,
    });
    refreshInbox(); // the unread count on the header's Inbox link
    page.ready.then(noteInvite);
  }
  route();
}

/**
 * The view of the address's hash: #settings, #show/<id>, #ratings, #watchlist, #inbox, else the
 * slates.
 * The page's heading gets the focus.
 */
function route() {
  if (!page.me) {
    if (page.auth.set_up) showSignedOut();
    return;
  }
  const hash = window.location.hash;
  if (hash === '#settings') {
    showPage('settings');
    showInviteLink(null);
    showNewToken(null);
    settingsResult('Loading…');
    settingsError('');
    $('settings-heading').focus();
    // After the start: whether this screen is a kid's is known then.
    Promise.resolve(page.ready).then(() => loadSettings());
    return;
  }
  const view = hashView(hash);
  if (view) {
    showPage(view);
    $(view === 'show' ? 'show-title' : view + '-heading').focus();
    if (view === 'ratings') resetImports();
    loadView(hash);
    return;
  }
  showPage('main');
  if (page.started) noteInvite();
}

/** The page of a hash other than the settings: 'show', 'ratings', 'watchlist', 'inbox' or null. */
function hashView(hash) {
  if (showIdOf(hash) !== null) return 'show';
  if (hash === '#ratings') return 'ratings';
  if (hash === '#watchlist') return 'watchlist';
  if (hash === '#inbox') return 'inbox';
  return null;
}

/** Loads the page of `hash` (see hashView) once the profiles are known. */
function loadView(hash) {
  Promise.resolve(page.ready).then(() => {
    if (window.location.hash !== hash) return; // the address moved on meanwhile
    const view = hashView(hash);
    if (view === 'show') {
      openShow(showIdOf(hash), { profile: pageProfile(), profiles: householdProfiles() });
    } else if (view === 'ratings') {
      openRatings(pageProfile());
    } else if (view === 'watchlist') {
      openWatchlists(householdProfiles());
    } else if (view === 'inbox') {
      openInbox();
    }
  });
}

/**
 * The switcher was used: from the settings, or for the Family Mix from any page, the slates
 * show; a profile chosen on a show's page or the ratings stays there (profileChanged).
 */
function profileChosen(family) {
  const hash = window.location.hash;
  if (hash === '#settings' || (family && hashView(hash))) toSlates();
}

/** Another profile is chosen: the search's buttons, a show's page and the ratings follow. */
function profileChanged() {
  refreshSearch();
  const hash = window.location.hash;
  const view = hashView(hash);
  if (view === 'ratings') resetImports();
  if (view === 'show' || view === 'ratings') loadView(hash);
}

/** The slates (the address without its hash). */
function toSlates() {
  dropHash();
  route();
}

/** An invite link opened while signed in: the status line says what to do. */
function noteInvite() {
  if (!inviteCode() || !page.me) return;
  setStatus('You are signed in as ' + page.me.email + ': to accept the invite with another ' +
    'account, sign out first (Settings), then open the link again.');
}

/** Back from the settings to the slates ("Back"). */
function leaveSettings() {
  if (window.location.hash === '#settings') toSlates();
}

// --- wiring ----------------------------------------------------------------------------------

function onSubmit(id, fn) {
  $(id).addEventListener('submit', (event) => {
    event.preventDefault();
    fn(event.submitter || $(id).querySelector('button[type="submit"]'));
  });
}

function wireAuth() {
  onSubmit('signin-form', signIn);
  onSubmit('invite-form', (button) => acceptInvite(inviteCode(), button));
  onSubmit('signup-form', signUp);
  onSubmit('setup-form', setup);
  onSubmit('services-step-form', saveSetupServices);
  $('services-step-skip').addEventListener('click', skipSetupServices);
  $('setup-add-profile').addEventListener('click', addSetupRow);
  $('show-invite').addEventListener('click', (event) => {
    event.preventDefault();
    showInvite();
  });
  for (const id of ['show-signin', 'signup-to-signin']) {
    $(id).addEventListener('click', (event) => {
      event.preventDefault();
      showSignIn();
    });
  }
  $('show-signup').addEventListener('click', (event) => {
    event.preventDefault();
    showSignUp();
  });
}

function wireSettings() {
  onSubmit('add-profile-form', addProfile);
  onSubmit('services-form', saveServices);
  onSubmit('invite-create-form', createInvite);
  onSubmit('token-create-form', createToken);
  onSubmit('delete-household-form', deleteHousehold);
  $('delete-household-confirm').addEventListener('input', () => {
    $('delete-household').disabled = !deletionTyped();
  });
  $('sign-out').addEventListener('click', (event) => signOut(event.currentTarget, false));
  $('sign-out-all').addEventListener('click', (event) => signOut(event.currentTarget, true));
  wireCopy('invite-copy', 'invite-link');
  wireCopy('token-copy', 'token-value');
  wireWebhook();
  $('settings-back').addEventListener('click', (event) => {
    event.preventDefault();
    leaveSettings();
  });
}

function wireSlates() {
  $('tag-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const submitter = event.submitter;
    addTag(!(submitter && submitter.dataset.liked === 'false'));
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

  // Onboarding: "Tell us what you've watched" above the slate; "Rate a few shows" on the
  // ratings page opens it for the profile of that page, on the slates.
  wireOnboarding({ reloadSlate });
  $('ratings-onboard').addEventListener('click', (event) => {
    event.preventDefault();
    const profile = pageProfile();
    toSlates();
    openOnboarding(profile);
  });
}

/** The search, a show's page, the ratings with imports, the inbox. */
function wireShows() {
  wireSearch({ profile: pageProfile });
  wireShowPage();
  wireRatingsPage();
  wireImports({ profile: pageProfile, onImported: reloadRatings });
  wireInbox();
}

// --- start -----------------------------------------------------------------------------------

async function boot() {
  try {
    page.auth = await api('GET', '/auth/state');
  } catch (err) {
    showPage('signin');
    reportError(err, 'Could not reach the service');
    return;
  }
  const flash = takeSessionItem(FLASH_KEY);
  if (!page.auth.set_up) {
    showSetup();
    return;
  }
  let me;
  try {
    me = await api('GET', '/me', undefined, { quiet: true });
  } catch (err) {
    if (err.status === 401) showSignedOut(flash);
    else {
      showSignIn();
      reportError(err, 'Could not check who is signed in');
    }
    return;
  }
  enter(me);
}

document.addEventListener('DOMContentLoaded', () => {
  storageSet('recs.token', null); // the access token an earlier version of the page kept
  readAddress();
  initAccount({
    signedIn,
    signedOut,
    endingSession: (ending) => { page.ending = ending; },
    profilesChanged: reloadProfiles,
    screenProfile,
    showPage,
  });
  wireDialogs();
  wireAuth();
  wireSettings();
  wireSlates();
  wireShows();
  window.addEventListener('hashchange', route);
  showError('');
  boot();
});
