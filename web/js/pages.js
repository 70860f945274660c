// Which page of index.html shows (a view): signing in, joining by invite, signing up (with
// SIGNUP_OPEN), first-run setup and
// its services step while nobody is signed in; the slates and the settings after. The header's
// profile switcher, live indicator and account links show only to someone signed in.

import { $ } from './dom.js';

export const PAGES = ['signin', 'invite', 'signup', 'setup', 'services-step', 'main', 'settings'];
const SIGNED_IN_PAGES = ['main', 'settings'];
const SIGNED_IN_PARTS = ['live', 'profiles-nav', 'account-nav'];

/** Shows the page `name` (one of PAGES) and hides the others. */
export function showPage(name) {
  $('loading').hidden = true;
  for (const page of PAGES) $(page + '-view').hidden = page !== name;
  const signedIn = SIGNED_IN_PAGES.includes(name);
  for (const id of SIGNED_IN_PARTS) $(id).hidden = !signedIn;
  $('status').hidden = name !== 'main'; // the slates' status line
  if (!signedIn) $('admin-link').hidden = true;
  const link = $('settings-link');
  if (name === 'settings') link.setAttribute('aria-current', 'page');
  else link.removeAttribute('aria-current');
}

/** The signed-in account's email in the header. */
export function showWho(email) {
  $('who').textContent = email || '';
}
