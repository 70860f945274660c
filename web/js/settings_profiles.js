// The settings page's profiles (a view): a row per profile to rename it, set its maturity cap
// and kid flag, set, change or remove its 4-digit PIN, and delete it; and the form that adds
// one. On a kid profile's screen every control is disabled (the server refuses them anyway).

import { $, clear, el, selectOf } from './dom.js';
import { ADULT_DEFAULT_CAP, KID_DEFAULT_CAP, MATURITY_CAPS } from './constants.js';

/**
 * A row per profile of `profiles`; `locked`: a kid profile's screen (everything disabled);
 * `screenId`: the profile this screen chose (marked). Callbacks, each with the profile and the
 * button pressed: onSave(p, {name, maturity_cap, kid}, button), onPin(p, pin, button) with pin
 * '' to remove it, onDelete(p, button).
 */
export function renderProfileSettings(profiles, { locked, screenId }, { onSave, onPin, onDelete }) {
  const list = $('profile-settings');
  clear(list);
  for (const p of profiles) {
    const id = 'profile-' + p.id;
    const name = el('input', {
      id: id + '-name', type: 'text', maxlength: 50, required: true, value: p.name,
      'aria-label': 'Name of ' + p.name, disabled: locked,
    });
    const cap = selectOf({
      id: id + '-cap', 'aria-label': 'Maturity cap of ' + p.name, disabled: locked,
    }, MATURITY_CAPS, p.maturity_cap);
    const kid = el('input', {
      id: id + '-kid', type: 'checkbox', checked: p.kid, disabled: locked,
      'aria-label': p.name + ' is a kid profile',
    });
    const save = el('button', {
      type: 'submit', text: 'Save', 'aria-label': 'Save profile ' + p.name, disabled: locked,
    });
    const details = el('form', { class: 'inline-form profile-fields' },
      el('label', { for: name.id, text: 'Name' }), name,
      el('label', { for: cap.id, text: 'Maturity cap' }), cap,
      el('span', { class: 'check' }, kid, el('label', { for: kid.id, text: 'Kid' })),
      save);
    details.addEventListener('submit', (event) => {
      event.preventDefault();
      onSave(p, { name: name.value.trim(), maturity_cap: cap.value, kid: kid.checked }, save);
    });

    const pin = el('input', {
      id: id + '-pin', type: 'password', inputmode: 'numeric', maxlength: 4,
      autocomplete: 'new-password', placeholder: '4 digits', disabled: locked,
      'aria-label': (p.has_pin ? 'New PIN for ' : 'PIN for ') + p.name,
    });
    const setPin = el('button', {
      type: 'submit', text: p.has_pin ? 'Change PIN' : 'Set PIN', disabled: locked,
      'aria-label': (p.has_pin ? 'Change the PIN of ' : 'Set a PIN for ') + p.name,
    });
    const removePin = p.has_pin ? el('button', {
      type: 'button', text: 'Remove PIN', 'aria-label': 'Remove the PIN of ' + p.name,
      disabled: locked, onclick: (event) => onPin(p, '', event.currentTarget),
    }) : null;
    const pinForm = el('form', { class: 'inline-form profile-pin', autocomplete: 'off' },
      el('label', { for: pin.id, text: 'PIN' }), pin, setPin, removePin,
      el('span', { class: 'badge muted', text: p.has_pin ? 'has a PIN' : 'no PIN' }));
    pinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      onPin(p, pin.value.trim(), setPin);
    });

    const remove = el('button', {
      type: 'button', class: 'danger-button', text: 'Delete',
      'aria-label': 'Delete profile ' + p.name, disabled: locked,
      onclick: (event) => onDelete(p, event.currentTarget),
    });
    list.append(el('li', { class: 'setting-row profile-setting', dataset: { profileId: p.id } },
      el('div', { class: 'row-head' },
        el('strong', { text: p.name }),
        p.kid ? el('span', { class: 'badge', text: 'kid' }) : null,
        p.id === screenId ? el('span', { class: 'badge muted', text: 'this screen' }) : null,
        remove),
      details, pinForm));
  }
}

/** The "add a profile" form: its cap choices (the default follows the kid box) and `locked`. */
export function renderAddProfile(locked) {
  const cap = $('add-profile-cap');
  if (!cap.options.length) {
    for (const value of MATURITY_CAPS) {
      cap.append(el('option', { value, text: value, selected: value === ADULT_DEFAULT_CAP }));
    }
    $('add-profile-kid').addEventListener('change', (event) => {
      const kidNow = event.currentTarget.checked;
      if (kidNow && cap.value === ADULT_DEFAULT_CAP) cap.value = KID_DEFAULT_CAP;
      if (!kidNow && cap.value === KID_DEFAULT_CAP) cap.value = ADULT_DEFAULT_CAP;
    });
  }
  for (const id of ['add-profile-name', 'add-profile-cap', 'add-profile-kid',
    'add-profile-submit']) {
    $(id).disabled = Boolean(locked);
  }
}

/** What the add form holds: {name, maturity_cap, kid}. */
export function newProfileFields() {
  return {
    name: $('add-profile-name').value.trim(),
    maturity_cap: $('add-profile-cap').value,
    kid: $('add-profile-kid').checked,
  };
}

export function clearNewProfile() {
  $('add-profile-name').value = '';
  $('add-profile-kid').checked = false;
  $('add-profile-cap').value = ADULT_DEFAULT_CAP;
}

/** Puts the focus on the row of profile `id` (after a change redrew the list). */
export function focusProfileRow(id, field) {
  const row = $('profile-settings').querySelector('[data-profile-id="' + id + '"]');
  if (!row) return;
  const target = field === 'pin' ? row.querySelector('.profile-pin input')
    : row.querySelector('.profile-fields input');
  if (target) target.focus();
}
