// The household's streaming services (a view): a checkbox per provider, on the settings page
// and in the first-run setup's services step; and the admin page's link, shown to admins only.

import { $, clear, el } from './dom.js';

/**
 * A checkbox per provider of `providers` (GET /providers) in the box `boxId`, ticked when its
 * id is in `mine`; `disabled`: shown, not changeable (a kid profile's screen).
 */
export function renderServices(providers, mine, boxId, disabled) {
  const box = $(boxId);
  clear(box);
  for (const p of providers || []) {
    const id = boxId + '-' + p.id;
    box.append(el('div', { class: 'service' },
      el('input', {
        type: 'checkbox', id, name: 'services', value: p.id,
        checked: mine.has(p.id), disabled: Boolean(disabled),
      }),
      el('label', { for: id, text: p.name + (p.free_to_air ? ' (free to air)' : '') })));
  }
}

/** The ids of the ticked services in the box `boxId`. */
export function chosenServices(boxId) {
  return Array.from($(boxId).querySelectorAll('input:checked')).map((input) => input.value);
}

export function showAdminLink(shown) {
  $('admin-link').hidden = !shown;
}
