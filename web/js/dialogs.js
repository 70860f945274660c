// Two small modal dialogs (a view): the PIN prompt when a profile with a PIN is chosen, and the
// confirmation before something is deleted. Each resolves a promise; what happens is the
// caller's.

import { $ } from './dom.js';

const pin = { onPin: null, resolve: null, busy: false };

function pinError(text) {
  $('pin-error').textContent = text || '';
  $('pin-error').hidden = !text;
}

function closePin(chosen) {
  const resolve = pin.resolve;
  Object.assign(pin, { onPin: null, resolve: null, busy: false });
  if ($('pin-dialog').open) $('pin-dialog').close();
  if (resolve) resolve(chosen);
}

/**
 * Asks for the 4-digit PIN of the profile `name`. Each PIN typed goes to `onPin(pin)`, which
 * resolves to '' (accepted: the dialog closes) or to what to say (e.g. "wrong PIN": the dialog
 * stays, for another try). Resolves to true when a PIN was accepted, false when cancelled.
 */
export function askPin(name, onPin) {
  if (pin.resolve) closePin(false);
  $('pin-title').textContent = 'PIN for ' + name;
  $('pin-profile').textContent = name;
  $('pin-input').value = '';
  pinError('');
  $('pin-dialog').showModal();
  $('pin-input').focus();
  return new Promise((resolve) => Object.assign(pin, { onPin, resolve }));
}

async function pinSubmitted(event) {
  event.preventDefault();
  if (!pin.onPin || pin.busy) return;
  const value = $('pin-input').value.trim();
  if (!/^[0-9]{4}$/.test(value)) {
    pinError('A PIN is 4 digits.');
    $('pin-input').focus();
    return;
  }
  pin.busy = true;
  $('pin-submit').disabled = true;
  let problem;
  try {
    problem = await pin.onPin(value);
  } finally {
    pin.busy = false;
    $('pin-submit').disabled = false;
  }
  if (!problem) {
    closePin(true);
    return;
  }
  pinError(problem);
  $('pin-input').value = '';
  $('pin-input').focus();
}

const confirmState = { resolve: null };

/**
 * Asks "are you sure?" (`title`, `text`, the button `yes`, e.g. "Delete Son"); resolves to
 * true for yes, false for cancel or Escape. The focus starts on Cancel.
 */
export function confirmDialog({ title, text, yes }) {
  if (confirmState.resolve) confirmState.resolve(false);
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-yes').textContent = yes || 'Delete';
  $('confirm-dialog').showModal();
  $('confirm-no').focus();
  return new Promise((resolve) => { confirmState.resolve = resolve; });
}

function closeConfirm(answer) {
  const resolve = confirmState.resolve;
  confirmState.resolve = null;
  if ($('confirm-dialog').open) $('confirm-dialog').close();
  if (resolve) resolve(answer);
}

/** Wires the dialogs' own buttons; once, at start. */
export function wireDialogs() {
  $('pin-form').addEventListener('submit', pinSubmitted);
  $('pin-cancel').addEventListener('click', () => closePin(false));
  // Escape closes a modal dialog by itself: it counts as cancel.
  $('pin-dialog').addEventListener('close', () => { if (pin.resolve) closePin(false); });
  $('confirm-form').addEventListener('submit', (event) => {
    event.preventDefault();
    closeConfirm(true);
  });
  $('confirm-no').addEventListener('click', () => closeConfirm(false));
  $('confirm-dialog').addEventListener('close', () => closeConfirm(false));
}
