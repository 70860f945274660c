// The household's streaming services (a view): a checkbox per provider; and the admin page's
// link, shown to admins only.

import { $, clear, el } from './dom.js';

/** A checkbox per provider of `providers` (GET /providers), ticked when its id is in `mine`. */
export function renderServices(providers, mine) {
  const box = $('services');
  clear(box);
  for (const p of providers || []) {
    const id = 'svc-' + p.id;
    box.append(el('div', { class: 'service' },
      el('input', {
        type: 'checkbox', id, name: 'services', value: p.id,
        checked: mine.has(p.id),
      }),
      el('label', { for: id, text: p.name + (p.free_to_air ? ' (free to air)' : '') })));
  }
}

/** The ids of the ticked services. */
export function chosenServices() {
  return Array.from(document.querySelectorAll('#services input:checked'))
    .map((input) => input.value);
}

export function showAdminLink(shown) {
  $('admin-link').hidden = !shown;
}
