// The household's streaming services (and, from the same GET /me, the admin page's link).

import { api } from './api.js';
import { $, clear, el, reportError, showError } from './dom.js';
import { loadSlate } from './slate.js';

export async function loadServices() {
  const [providers, me] = await Promise.all([api('GET', '/providers'), api('GET', '/me')]);
  const mine = new Set((me && me.household && me.household.services) || []);
  $('admin-link').hidden = !(me && me.admin === true); // the admin page is for admins only
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

export async function saveServices() {
  const services = Array.from(document.querySelectorAll('#services input:checked'))
    .map((input) => input.value);
  showError('');
  try {
    await api('PUT', '/me/services', { services });
    await Promise.all([loadServices(), loadSlate('Services saved.')]);
  } catch (err) {
    reportError(err, 'Could not save the services');
  }
}
