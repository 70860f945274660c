// Which page of index.html shows (a view): signing in, joining by invite, signing up (with
// SIGNUP_OPEN), first-run setup and its services step while nobody is signed in; the slates, a
// show's page, the ratings, the watchlists, the inbox and the settings after. The header's profile
// switcher, page links, live indicator and account show only to someone signed in; the link of
// the page shown is marked as the current one.

import { $ } from './dom.js';

export const PAGES = ['signin', 'invite', 'signup', 'setup', 'services-step', 'main', 'show',
  'ratings', 'watchlist', 'inbox', 'settings'];
const SIGNED_IN_PAGES = ['main', 'show', 'ratings', 'watchlist', 'inbox', 'settings'];
const SIGNED_IN_PARTS = ['live', 'profiles-nav', 'pages-nav', 'account-nav'];
// The header's link of each page that has one.
const LINKS = { main: 'slates-link', ratings: 'ratings-link', watchlist: 'watchlist-link',
  inbox: 'inbox-link', settings: 'settings-link' };

/** Shows the page `name` (one of PAGES) and hides the others. */
export function showPage(name) {
  $('loading').hidden = true;
  for (const page of PAGES) $(page + '-view').hidden = page !== name;
  const signedIn = SIGNED_IN_PAGES.includes(name);
  for (const id of SIGNED_IN_PARTS) $(id).hidden = !signedIn;
  $('status').hidden = name !== 'main'; // the slates' status line
  if (!signedIn) $('admin-link').hidden = true;
  for (const [page, id] of Object.entries(LINKS)) {
    if (page === name) $(id).setAttribute('aria-current', 'page');
    else $(id).removeAttribute('aria-current');
  }
}

/** The signed-in account's email in the header. */
export function showWho(email) {
  $('who').textContent = email || '';
}
