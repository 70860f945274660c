// Small DOM helpers: elements, the status line and the error box, local and session storage,
// wording.

export const $ = (id) => document.getElementById(id);

export function storageGet(key) {
  try {
    return window.localStorage.getItem(key);
  } catch (e) {
    return null;
  }
}

export function storageSet(key, value) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch (e) {
    // Private mode or storage disabled: the page still works for this visit.
  }
}

/** Reads and forgets `key` of this tab's sessionStorage (null when none). */
export function takeSessionItem(key) {
  try {
    const value = window.sessionStorage.getItem(key);
    window.sessionStorage.removeItem(key);
    return value;
  } catch (e) {
    return null;
  }
}

export function putSessionItem(key, value) {
  try {
    window.sessionStorage.setItem(key, value);
  } catch (e) {
    // Storage disabled: the line is not shown, nothing else is lost.
  }
}


/**
 * Runs `fn` (an async action) with `buttons` (a button, or a list of them) disabled meanwhile;
 * afterwards each is as enabled as it was before, even when `fn` fails, and a button that had
 * the focus has it again. Resolves to what `fn` resolves to.
 */
export async function whileBusy(buttons, fn) {
  const list = (Array.isArray(buttons) ? buttons : [buttons]).filter(Boolean);
  const before = list.map((b) => b.disabled);
  const focused = list.find((b) => b === document.activeElement);
  list.forEach((b) => { b.disabled = true; });
  try {
    return await fn();
  } finally {
    list.forEach((b, i) => { if (b.isConnected) b.disabled = before[i]; });
    if (focused && focused.isConnected && !focused.disabled &&
        (document.activeElement === document.body || document.activeElement === null)) {
      focused.focus();
    }
  }
}

/** Creates an element; `props` sets properties/attributes, children are nodes or text. */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A <select> of `values` (each its own label) with `chosen` selected; `props` as for el. */
export function selectOf(props, values, chosen) {
  const select = el('select', props);
  for (const value of values) {
    select.append(el('option', { value, text: value, selected: value === chosen }));
  }
  return select;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function setStatus(text) {
  $('status').textContent = text || '';
}

export function showError(text) {
  const box = $('error');
  box.textContent = text || '';
  box.hidden = !text;
}


export function reportError(err, what) {
  const prefix = what ? what + ': ' : '';
  showError(prefix + (err && err.message ? err.message : String(err)));
  setStatus('');
}


export function percent(fit) {
  return typeof fit === 'number' ? Math.round(fit * 100) : null;
}

/** "Ross", "Ross and Son", "Ross, Wife and Son". */
export function namesList(profiles) {
  const names = profiles.map((p) => p.name);
  if (names.length <= 1) return names.join('');
  return names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
}

export function daysAgo(ts) {
  const days = Math.floor((Date.now() / 1000 - ts) / 86400);
  if (days <= 0) return 'checked today';
  if (days === 1) return 'checked 1 day ago';
  return 'checked ' + days + ' days ago';
}
