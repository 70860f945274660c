// The settings page (a view), but for its profiles (settings_profiles.js): who is signed in,
// the note on a kid profile's screen, the members, the invites and the API tokens with what was
// just made (shown once, with a copy button), the household's export and deletion, and the
// page's result line and error box. What the signed-in account may not do is hidden (not the
// owner) or disabled (a kid profile's screen).

import { $, clear, el } from './dom.js';

const DATE = { day: 'numeric', month: 'short', year: 'numeric' };

function day(ts) {
  return typeof ts === 'number' && ts > 0
    ? new Date(ts * 1000).toLocaleDateString('en-AU', DATE) : '';
}

export function settingsResult(text) {
  $('settings-result').textContent = text || '';
}

export function settingsError(text) {
  $('settings-error').textContent = text || '';
  $('settings-error').hidden = !text;
}

/**
 * The page's top: who is signed in (`me`: GET /me) and, on a kid profile's screen (`kid`: that
 * profile, or null), why most controls are off. Owner-only sections show for the owner only,
 * and what a kid's screen may not do is disabled.
 */
export function renderSettingsFrame(me, kid) {
  const owner = me.role === 'owner';
  const home = me.household || {};
  $('settings-who').textContent = 'Signed in as ' + me.email + ', ' +
    (owner ? 'the owner' : 'a member') + ' of ' + (home.name || 'this household') + '.';
  const note = $('kid-screen-note');
  note.textContent = kid ? 'This screen is ' + kid.name + "'s, a kid profile: profiles, " +
    'services, members, invites, tokens and the household cannot be changed from it. Choose ' +
    "an adult's profile to change them." : '';
  note.hidden = !kid;
  $('invites-section').hidden = !owner;
  $('household-section').hidden = !owner;
  $('services-save').disabled = Boolean(kid);
  for (const id of ['invite-for', 'invite-create', 'token-name', 'token-scope', 'token-create']) {
    $(id).disabled = Boolean(kid);
  }
  for (const id of ['export-json', 'export-csv']) {
    const link = $(id);
    if (kid) {
      link.removeAttribute('href');
      link.setAttribute('aria-disabled', 'true');
    } else {
      link.setAttribute('href', id === 'export-csv' ? '/me/export?format=csv' : '/me/export');
      link.removeAttribute('aria-disabled');
    }
  }
  $('delete-household-name').textContent = home.name || '';
  $('delete-household-confirm').disabled = Boolean(kid);
  $('delete-household-confirm').value = '';
  $('delete-household').disabled = true;
}

/**
 * The members (GET /me/members): the owner may remove the others, a member may leave.
 * `me`: GET /me; `locked`: a kid profile's screen. onRemove(member, button) for both.
 */
export function renderMembers(members, me, locked, onRemove) {
  const list = $('members');
  clear(list);
  for (const m of members) {
    const self = m.account_id === me.account_id;
    let action = null;
    if (self && m.role !== 'owner') {
      action = el('button', {
        type: 'button', class: 'danger-button', text: 'Leave the household', disabled: locked,
        onclick: (event) => onRemove(m, event.currentTarget),
      });
    } else if (!self && me.role === 'owner') {
      action = el('button', {
        type: 'button', class: 'danger-button', text: 'Remove',
        'aria-label': 'Remove member ' + m.email, disabled: locked,
        onclick: (event) => onRemove(m, event.currentTarget),
      });
    }
    list.append(el('li', { class: 'setting-row member', dataset: { accountId: m.account_id } },
      el('span', { class: 'member-email', text: m.email }),
      el('span', { class: 'badge muted', text: m.role }),
      self ? el('span', { class: 'badge', text: 'you' }) : null,
      m.created_at ? el('span', { class: 'hint', text: 'since ' + day(m.created_at) }) : null,
      action));
  }
}

/**
 * The open invites (GET /me/invites), each with Cancel: onCancel(invite, button); null: not
 * shown (a kid profile's screen).
 */
export function renderInvites(invites, onCancel) {
  const list = $('invites');
  clear(list);
  if (invites === null) {
    list.append(el('li',
      { class: 'hint', text: "Invites are not shown on a kid profile's screen." }));
    return;
  }
  for (const i of invites) {
    const who = i.email ? 'For ' + i.email : 'For anyone with the link';
    list.append(el('li', { class: 'setting-row invite', dataset: { inviteId: i.id } },
      el('span', { text: who }),
      el('span', { class: 'hint', text: 'valid until ' + day(i.expires_at) }),
      el('button', {
        type: 'button', text: 'Cancel', 'aria-label': 'Cancel the invite ' +
          (i.email ? 'for ' + i.email : 'made ' + day(i.created_at)),
        onclick: (event) => onCancel(i, event.currentTarget),
      })));
  }
  if (!invites.length) list.append(el('li', { class: 'hint', text: 'No open invites.' }));
}

/** The link of an invite just made (null hides it); shown this once. */
export function showInviteLink(link) {
  $('invite-made').hidden = !link;
  $('invite-link').value = link || '';
  if (link) $('invite-link').select();
}

export function inviteEmail() {
  return $('invite-for').value.trim();
}

/** The scope choices: read and write, and admin for a deployment admin. */
export function renderTokenScopes(admin) {
  const select = $('token-scope');
  const wanted = admin ? ['read', 'write', 'admin'] : ['read', 'write'];
  if (Array.from(select.options).map((o) => o.value).join() === wanted.join()) return;
  clear(select);
  for (const scope of wanted) select.append(el('option', { value: scope, text: scope }));
}

/** The account's tokens (GET /me/tokens), each with Revoke: onRevoke(token, button). */
export function renderTokens(tokens, locked, onRevoke) {
  const list = $('tokens');
  clear(list);
  for (const t of tokens) {
    list.append(el('li', { class: 'setting-row token', dataset: { tokenId: t.id } },
      el('span', { class: 'token-name', text: t.name }),
      el('span', { class: 'badge muted', text: t.scope }),
      el('span', { class: 'hint', text: 'made ' + day(t.created_at) + ', ' +
        (t.last_used_at ? 'last used ' + day(t.last_used_at) : 'never used') }),
      el('button', {
        type: 'button', class: 'danger-button', text: 'Revoke',
        'aria-label': 'Revoke token ' + t.name,
        disabled: locked, onclick: (event) => onRevoke(t, event.currentTarget),
      })));
  }
  if (!tokens.length) list.append(el('li', { class: 'hint', text: 'No tokens.' }));
}

export function tokenFields() {
  return { name: $('token-name').value.trim(), scope: $('token-scope').value };
}

/** A token just made (null hides it): shown this once. */
export function showNewToken(token) {
  $('token-made').hidden = !token;
  $('token-value').value = token || '';
  if (token) {
    $('token-name').value = '';
    $('token-value').select();
  }
}

/** Whether what was typed to confirm the deletion is the household's name. */
export function deletionConfirmed() {
  return $('delete-household-confirm').value.trim() === $('delete-household-name').textContent &&
    $('delete-household-name').textContent !== '';
}

/** Copies the text of the box `inputId` when `buttonId` is pressed; says so on the button. */
export function wireCopy(buttonId, inputId) {
  const button = $(buttonId);
  button.addEventListener('click', async () => {
    const input = $(inputId);
    let copied = false;
    try {
      await navigator.clipboard.writeText(input.value);
      copied = true;
    } catch (e) {
      input.select();
      try {
        copied = document.execCommand('copy');
      } catch (e2) {
        copied = false;
      }
    }
    button.textContent = copied ? 'Copied' : 'Select and copy it';
    window.setTimeout(() => { button.textContent = 'Copy'; }, 2500);
  });
}
