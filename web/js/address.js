// What the page's address asks for: `?profile=`, `?seed=` and `?intent=`, so that links,
// screenshots and tests can open a view directly. A leaf: no other module of the page.

import { FAMILY } from './constants.js';

const param = (name) => new URLSearchParams(window.location.search).get(name);

/**
 * The choice asked for: `?profile=family` opens the Family Mix (FAMILY) and
 * `?profile=<id or name>` one of `profiles` (its id, as text); null when none or unknown. It
 * wins over the stored choice for this visit; choosing something else on the page drops it.
 */
export function requestedProfile(profiles) {
  const raw = param('profile');
  if (raw === null) return null;
  const wanted = raw.trim().toLowerCase();
  if (wanted === FAMILY) return FAMILY;
  const found = profiles.find(
    (p) => String(p.id) === wanted || String(p.name).toLowerCase() === wanted);
  return found ? String(found.id) : null;
}

/** Drops `?profile=` from the address (without a reload). */
export function forgetRequestedProfile() {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('profile')) return;
  params.delete('profile');
  const query = params.toString();
  try {
    window.history.replaceState(null, '',
      window.location.pathname + (query ? '?' + query : '') + window.location.hash);
  } catch (e) {
    // Not fatal: a reload would just open the address's choice again.
  }
}

/**
 * `?seed=`: {seed: its digits (up to 19, kept as text: a number would round them), warning:
 * ''}; {seed: null, warning: why it is ignored} for anything else; both empty without one.
 */
export function requestedSeed() {
  const raw = param('seed');
  if (raw !== null && /^\d{1,19}$/.test(raw)) return { seed: raw, warning: '' };
  if (raw !== null) {
    return { seed: null, warning: 'Ignoring seed "' + raw + '": it must be a whole number.' };
  }
  return { seed: null, warning: '' };
}

/** `?intent=` as written (null: none). */
export function requestedIntent() {
  return param('intent');
}
