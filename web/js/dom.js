// Small DOM helpers: elements, the status line and the error box, local storage, wording.

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
  if (err && err.status === 401) {
    $('settings').open = true;
    $('token-input').focus();
  }
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
