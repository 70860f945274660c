// Notes, and the show dialog: a note and genre tags for one show.

import { api } from './api.js';
import { showMeta } from './cards.js';
import { $, clear, el, reportError, showError } from './dom.js';
import { currentProfile } from './profiles.js';
import { loadSlate } from './slate.js';
import { state } from './state.js';
import { addTag, removeTag } from './tags.js';

export async function loadNotes() {
  const who = currentProfile();
  if (!who) return;
  try {
    const notes = await api('GET', '/notes?profile_id=' + encodeURIComponent(who.id));
    if (state.profileId !== who.id) return;
    state.notes = new Map((Array.isArray(notes) ? notes : []).map((n) => [n.show_id, n.text]));
  } catch (err) {
    state.notes = new Map();
    reportError(err, 'Could not load notes');
  }
}

export function openShowDialog(item, opener) {
  const who = currentProfile();
  const dialog = $('show-dialog');
  if (!who || dialog.open) return;
  state.dialogItem = item;
  state.dialogOpener = opener;
  $('dialog-title').textContent = item.title;
  $('dialog-meta').textContent = showMeta(item);
  $('dialog-profile').textContent = who.name;
  $('note-input').value = state.notes.get(item.id) || '';
  renderDialogTags();
  dialog.showModal();
  $('note-input').focus();
}

/** After the dialog closes: focus back on its button (on the re-drawn card if need be). */
export function onShowDialogClosed() {
  const item = state.dialogItem;
  const opener = state.dialogOpener;
  state.dialogItem = state.dialogOpener = null;
  if (opener && opener.isConnected) {
    opener.focus();
  } else if (item) {
    const card = document.querySelector('#slate .card[data-show-id="' + CSS.escape(item.id) + '"]');
    const button = card && card.querySelector('button.more');
    if (button) button.focus();
  }
}

/** The show's genres, each with Like and Dislike toggles showing the profile's current tags. */
export function renderDialogTags() {
  const item = state.dialogItem;
  const list = $('dialog-tag-list');
  clear(list);
  if (!item) return;
  const current = new Map(state.tags.map((t) => [t.tag.toLowerCase(), t.liked]));
  const words = Array.from(new Set((item.genres || []).map((g) => String(g).toLowerCase())));
  if (!words.length) {
    list.append(el('li', { class: 'hint', text: 'No genres known for this show.' }));
  }
  for (const word of words) {
    const liked = current.get(word);
    list.append(el('li', { class: 'tag-choice' },
      el('span', { class: 'tag-word', text: word }),
      el('button', {
        type: 'button', class: 'tag-like', 'aria-pressed': liked === true ? 'true' : 'false',
        'aria-label': 'Like tag ' + word, text: 'Like',
        onclick: () => toggleTag(word, true, liked),
      }),
      el('button', {
        type: 'button', class: 'tag-dislike',
        'aria-pressed': liked === false ? 'true' : 'false',
        'aria-label': 'Dislike tag ' + word, text: 'Dislike',
        onclick: () => toggleTag(word, false, liked),
      })));
  }
}

/** Sets `word` liked or disliked; pressing the choice already made removes the tag. */
export async function toggleTag(word, liked, current) {
  if (current === liked) await removeTag(word);
  else await addTag(liked, word);
  renderDialogTags();
}

export async function saveNote() {
  const who = currentProfile();
  const item = state.dialogItem;
  if (!who || !item) return;
  const text = $('note-input').value.trim();
  showError('');
  try {
    await api('POST', '/notes', { profile_id: who.id, show_id: item.id, text });
    if (text) state.notes.set(item.id, text);
    else state.notes.delete(item.id);
    $('show-dialog').close();
    await loadSlate(text ? 'Note saved for ' + item.title + '.'
      : 'Note removed from ' + item.title + '.');
  } catch (err) {
    reportError(err, 'Could not save the note');
  }
}
