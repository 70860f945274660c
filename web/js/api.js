// The REST API (docs/api.md): the stored token and fetch with JSON errors as ApiError.

import { storageGet } from './dom.js';
import { DEFAULT_TOKEN, TOKEN_KEY } from './constants.js';

export function token() {
  return storageGet(TOKEN_KEY) || DEFAULT_TOKEN;
}


export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Calls the API; resolves to the parsed JSON (null for 204), rejects with ApiError. */
export async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + token(), Accept: 'application/json' };
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', 'The server cannot be reached (' + e.message + ').');
  }
  if (response.status === 204) return null;
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
  }
  if (!response.ok) {
    const message =
      data && typeof data.message === 'string' && data.message
        ? data.message
        : 'HTTP ' + response.status + ' ' + response.statusText;
    throw new ApiError(response.status, data && data.error, message);
  }
  return data;
}
