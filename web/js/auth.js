// The pages for someone not signed in (a view): the sign-in form, the invite's accept form, the
// first-run setup form with its rows of profiles, and the error box of each. Reads what was
// typed; the controller (js/account.js) sends it and says what the server answered.

import { $, el, selectOf } from './dom.js';
import {
  ADULT_DEFAULT_CAP, KID_DEFAULT_CAP, MATURITY_CAPS, MAX_PROFILES,
} from './constants.js';

/**
 * Shows `text` in the error box of `form` ('signin', 'invite', 'signup', 'setup',
 * 'services-step').
 */
export function formError(form, text) {
  const box = $(form + '-error');
  box.textContent = text || '';
  box.hidden = !text;
}

/**
 * The sign-in page's extras: the demo account in dev mode, "I have an invite" when the address
 * carries one, "Create a household" when sign-up is open, and a line such as "Signed out."
 * (`flash`).
 */
export function renderSignIn({ devMode, hasInvite, signupOpen, flash }) {
  $('signin-dev').hidden = !devMode;
  $('signin-invite-link').hidden = !hasInvite;
  $('signin-signup-link').hidden = !signupOpen;
  $('signin-flash').textContent = flash || '';
  $('signin-flash').hidden = !flash;
}

export function focusFirst(form) {
  const first = $(form + '-form').querySelector('input:not([type="hidden"]), button');
  if (first) first.focus();
}

export function signInFields() {
  return { email: $('signin-email').value.trim(), password: $('signin-password').value };
}

export function inviteFields() {
  return { email: $('invite-email').value.trim(), password: $('invite-password').value };
}

/** What the sign-up form holds: {household, email, password}. */
export function signUpFields() {
  return {
    household: $('signup-household').value.trim(),
    email: $('signup-email').value.trim(),
    password: $('signup-password').value,
  };
}

/** Empties the password boxes (after a failed attempt, the next one is typed afresh). */
export function clearPasswords() {
  for (const id of ['signin-password', 'invite-password', 'signup-password']) $(id).value = '';
}

let rowCount = 0; // ids of the setup form's rows

function updateSetupRows() {
  const rows = $('setup-profiles').children;
  for (const row of rows) row.querySelector('.remove-row').disabled = rows.length <= 1;
  $('setup-add-profile').disabled = rows.length >= MAX_PROFILES;
}

/**
 * Adds a row to the setup form's profiles ({name, cap, kid}; an empty adult by default): a
 * name, a maturity cap, a kid box (ticking it moves an adult cap to the kid default) and a
 * remove button. `focus`: the new row's name box gets the focus.
 */
export function addSetupProfile(row, focus) {
  const list = $('setup-profiles');
  if (list.children.length >= MAX_PROFILES) return;
  const n = ++rowCount;
  const { name, cap, kid } = Object.assign({ name: '', cap: ADULT_DEFAULT_CAP, kid: false }, row);
  const nameInput = el('input', {
    id: 'setup-name-' + n, type: 'text', maxlength: 50, class: 'profile-name',
    value: name, required: true, placeholder: 'e.g. Ross',
  });
  const caps = selectOf({ id: 'setup-cap-' + n, class: 'profile-cap' }, MATURITY_CAPS, cap);
  const kidBox = el('input', { id: 'setup-kid-' + n, type: 'checkbox', class: 'profile-kid',
    checked: kid });
  kidBox.addEventListener('change', () => {
    if (kidBox.checked && caps.value === ADULT_DEFAULT_CAP) caps.value = KID_DEFAULT_CAP;
    if (!kidBox.checked && caps.value === KID_DEFAULT_CAP) caps.value = ADULT_DEFAULT_CAP;
  });
  const item = el('li', { class: 'profile-row' },
    el('label', { for: nameInput.id, text: 'Name' }), nameInput,
    el('label', { for: caps.id, text: 'Maturity cap' }), caps,
    el('span', { class: 'check' }, kidBox, el('label', { for: kidBox.id, text: 'Kid' })),
    el('button', {
      type: 'button', class: 'remove-row', text: 'Remove',
      'aria-label': 'Remove this profile row',
      onclick: () => {
        item.remove();
        updateSetupRows();
        $('setup-add-profile').focus();
      },
    }));
  list.append(item);
  updateSetupRows();
  if (focus) nameInput.focus();
}

/**
 * What the setup form holds: {household, email, password, profiles: [{name, maturity_cap,
 * kid}]}.
 */
export function setupFields() {
  const profiles = Array.from($('setup-profiles').children).map((row) => ({
    name: row.querySelector('.profile-name').value.trim(),
    maturity_cap: row.querySelector('.profile-cap').value,
    kid: row.querySelector('.profile-kid').checked,
  }));
  return {
    household: $('setup-household').value.trim(),
    email: $('setup-email').value.trim(),
    password: $('setup-password').value,
    profiles,
  };
}
