// The show dialog (a view): the profile's note on one show and Like/Dislike toggles for the
// show's genres as tags.

import { $, clear, el } from './dom.js';

/**
 * Opens the dialog for `item` (unless it is open already; returns whether it opened):
 * `profileName` whose note it is, `note` its text so far, `meta` the show's line (year,
 * classification, genres), `tags` and `onTag` as for renderDialogTags.
 */
export function openShowDialog(item, { profileName, note, meta, tags, onTag }) {
  const dialog = $('show-dialog');
  if (dialog.open) return false;
  $('dialog-title').textContent = item.title;
  $('dialog-meta').textContent = meta;
  $('dialog-profile').textContent = profileName;
  $('note-input').value = note || '';
  renderDialogTags(item, tags, onTag);
  dialog.showModal();
  $('note-input').focus();
  return true;
}

/** The dialog's tag toggles: renderTagChoices into its list. */
export function renderDialogTags(item, tags, onTag) {
  renderTagChoices($('dialog-tag-list'), item, tags, onTag);
}

/**
 * Into `list` (a <ul>): the show's genres, each with Like and Dislike toggles showing the
 * profile's current `tags` ([{tag, liked}]); `onTag(word, liked, current, button)` when one is
 * pressed (`current`: the word's tag now, true, false or undefined). Empty without an `item`.
 * Used by the show dialog and the show's page (show_view.js).
 */
export function renderTagChoices(list, item, tags, onTag) {
  clear(list);
  if (!item) return;
  const current = new Map(tags.map((t) => [t.tag.toLowerCase(), t.liked]));
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
        onclick: (event) => onTag(word, true, liked, event.currentTarget),
      }),
      el('button', {
        type: 'button', class: 'tag-dislike',
        'aria-pressed': liked === false ? 'true' : 'false',
        'aria-label': 'Dislike tag ' + word, text: 'Dislike',
        onclick: (event) => onTag(word, false, liked, event.currentTarget),
      })));
  }
}

/** The note as typed in the dialog (trimmed). */
export function dialogNote() {
  return $('note-input').value.trim();
}

export function closeShowDialog() {
  $('show-dialog').close();
}

/**
 * After the dialog for `item` closed: focus back on `opener`, its button, or (when the card was
 * redrawn meanwhile) that card's button.
 */
export function focusAfterDialog(item, opener) {
  if (opener && opener.isConnected) {
    opener.focus();
  } else if (item) {
    const card = document.querySelector('#slate .card[data-show-id="' + CSS.escape(item.id) + '"]');
    const button = card && card.querySelector('button.more');
    if (button) button.focus();
  }
}
