// The REST API (docs/api.md): fetch with the session cookie, the CSRF token on every change,
// and JSON errors as ApiError. The page signs in with the HttpOnly cookie `recs_session`, which
// the browser sends by itself (same origin); the page never sees it. What it keeps is the
// session's `csrf` (from the sign-in answer or GET /me), sent as X-CSRF-Token on every
// state-changing request: this module is the one place that does it.

const session = {
  csrf: null, // the signed-in session's CSRF token; null while signed out
  onUnauthorized: null, // called on a 401 from a route that needs a session
};

/** Remembers the session of a signed-in object (GET /me, a sign-in answer); null forgets it. */
export function useSession(me) {
  session.csrf = me && typeof me.csrf === 'string' && me.csrf ? me.csrf : null;
}

/**
 * `handler()` runs when a request that needs a session answers 401 (the session ended: signed
 * out elsewhere, expired, or its account removed); /auth/* and GET /me at start are the
 * caller's business. null: nothing runs.
 */
export function onUnauthorized(handler) {
  session.onUnauthorized = handler;
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Calls the API; resolves to the parsed JSON (null for 204), rejects with ApiError (the
 * server's `message`, its `error` code and the HTTP status). `body` is sent as JSON, but an
 * ArrayBuffer or a Blob (a file, e.g. POST /imports/...) goes as it is, as
 * application/octet-stream. `options.quiet`: a 401 does not run the onUnauthorized handler.
 */
export async function api(method, path, body, options) {
  const headers = { Accept: 'application/json' };
  if (!SAFE_METHODS.includes(method) && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  const init = { method, headers, credentials: 'same-origin' };
  if (body instanceof ArrayBuffer || body instanceof Blob) {
    headers['Content-Type'] = 'application/octet-stream';
    init.body = body;
  } else if (body !== undefined) {
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
    const err = new ApiError(response.status, data && data.error, message);
    if (response.status === 401 && !(options && options.quiet) && !path.startsWith('/auth/') &&
        session.onUnauthorized) {
      session.onUnauthorized(err);
    }
    throw err;
  }
  return data;
}
