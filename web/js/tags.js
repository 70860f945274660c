// The profile's liked and disliked tags (a view): the list with a remove button each, and the
// tag form's box.

import { $, clear, el } from './dom.js';

/** Draws `tags` ([{tag, liked}]); `onRemove(tag)` when a tag's × is pressed. */
export function renderTags(tags, onRemove) {
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
        onclick: () => onRemove(t.tag),
      })));
  }
}

/** What the tag form's box holds (trimmed). */
export function typedTag() {
  return $('tag-input').value.trim();
}

export function clearTypedTag() {
  $('tag-input').value = '';
}
