// The profile's liked and disliked tags.

import { api } from './api.js';
import { $, clear, el, reportError, showError } from './dom.js';
import { currentProfile } from './profiles.js';
// notes.js imports this module too: the cycle is safe, both only call functions at run time.
import { renderDialogTags } from './notes.js';
import { loadSlate } from './slate.js';
import { state } from './state.js';

// Loads overlap (a live push and the page's own change both ask): only the latest one's answer
// is drawn, so that an older list never replaces a newer one.
let tagsTicket = 0;

export async function loadTags() {
  const who = currentProfile();
  if (!who) return;
  const ticket = ++tagsTicket;
  try {
    const tags = await api('GET', '/tags?profile_id=' + encodeURIComponent(who.id));
    if (state.profileId !== who.id || ticket !== tagsTicket) return;
    renderTags(Array.isArray(tags) ? tags : []);
  } catch (err) {
    reportError(err, 'Could not load tags');
  }
}

export function renderTags(tags) {
  state.tags = tags;
  // An open show dialog shows the same tags: whichever load is drawn last updates both.
  if (state.dialogItem) renderDialogTags();
  const list = $('tags');
  clear(list);
  for (const t of tags) {
    const kind = t.liked ? 'liked' : 'disliked';
    list.append(el('li', { class: 'badge tag ' + kind },
      el('span', { text: (t.liked ? '+ ' : '− ') + t.tag }),
      el('button', {
        type: 'button',
        class: 'remove',
        'aria-label': 'Remove ' + kind + ' tag ' + t.tag,
        text: '×',
        onclick: () => removeTag(t.tag),
      })));
  }
}

/** Likes or dislikes `word`, or what the tag form's box holds. */
export async function addTag(liked, word) {
  const who = currentProfile();
  const input = $('tag-input');
  const tag = (word === undefined ? input.value : word).trim();
  if (!who || !tag) return;
  showError('');
  try {
    await api('POST', '/tags', { profile_id: who.id, tag, liked });
    if (word === undefined) input.value = '';
    await Promise.all(
      [loadTags(), loadSlate((liked ? 'Liked' : 'Disliked') + ' tag "' + tag + '".')]);
  } catch (err) {
    reportError(err, 'Could not save the tag');
  }
}

export async function removeTag(tag) {
  const who = currentProfile();
  if (!who) return;
  showError('');
  const params = new URLSearchParams({ profile_id: String(who.id), tag });
  try {
    await api('DELETE', '/tags?' + params.toString());
    await Promise.all([loadTags(), loadSlate('Removed tag "' + tag + '".')]);
  } catch (err) {
    reportError(err, 'Could not remove the tag');
  }
}
