// The profile switcher (a view): a button per profile and the Family Mix choice, which panels
// show for the choice, and the headings naming who the slate is for.

import { $, clear, el } from './dom.js';

/**
 * The switcher for `profiles`, with `chosen` = {family, profileId} pressed; `onProfile(id)` and
 * `onFamily()` run when a button is pressed. Shows the Family Mix's panels or the profile's.
 */
export function renderProfiles(profiles, chosen, { onProfile, onFamily }) {
  const { family, profileId } = chosen;
  const box = $('profiles');
  clear(box);
  for (const p of profiles) {
    const selected = !family && p.id === profileId;
    const label = 'Show recommendations for ' + p.name +
      (p.maturity_cap ? ' (up to ' + p.maturity_cap + ')' : '');
    box.append(el('button', {
      type: 'button',
      class: 'profile' + (selected ? ' selected' : ''),
      'aria-pressed': selected ? 'true' : 'false',
      'aria-label': label,
      text: p.name,
      onclick: () => onProfile(p.id),
    }));
  }
  if (profiles.length) {
    box.append(el('button', {
      type: 'button',
      class: 'profile family-choice' + (family ? ' selected' : ''),
      'aria-pressed': family ? 'true' : 'false',
      'aria-label': 'Show a Family Mix for everyone watching',
      text: 'Family Mix',
      onclick: onFamily,
    }));
  }
  $('family-panel').hidden = !family;
  $('fairness').hidden = !family;
  $('tags-panel').hidden = family;
  $('intent-field').hidden = family;
}

/**
 * The slate's heading ("Recommended for Ross", "Family Mix for Ross and Son": `slateFor`) and
 * the tags panel's (`profileName`, null when no profile is chosen).
 */
export function renderHeadings({ family, slateFor, profileName }) {
  $('slate-prefix').textContent = family ? 'Family Mix for' : 'Recommended for';
  $('slate-profile').textContent = slateFor;
  $('tags-profile').textContent = profileName || 'this profile';
}
