import { apiPath } from './paths.js';

/** An HTTP answer other than 2xx, with the server's message when it sent one. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

let bearerToken = null;

/**
 * A token from POST /api/auth/token, sent along with the session cookie. It lets the page carry on
 * when the server restarted and forgot the HTTP session; it lives in memory only.
 */
export function useBearerToken(token) {
  bearerToken = token || null;
}

/** withToken: false asks about the cookie session alone (e.g. "was I signed out?"). */
export async function api(path, { method = 'GET', body, withToken = true } = {}) {
  const sentToken = withToken ? bearerToken : null;
  try {
    return await call(path, method, body, sentToken);
  } catch (err) {
    // A stale token must not hide a valid session cookie.
    if (!(err instanceof ApiError && err.status === 401 && sentToken)) throw err;
    if (bearerToken === sentToken) bearerToken = null;
    return call(path, method, body, null);
  }
}

async function call(path, method, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(apiPath(path), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached.', null);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) throw new ApiError(response.status, describe(response, data), data);
  return data;
}

function describe(response, data) {
  if (data && typeof data === 'object') {
    const message = data.message ?? data.error ?? data.title;
    if (typeof message === 'string' && message) return message;
  }
  if (response.status === 401) return 'Not signed in.';
  if (response.status === 403) return 'Not allowed.';
  if (response.status === 404) return 'Not found.';
  return `The server answered ${response.status}.`;
}

/** Lists from the server come either bare or wrapped ({ items } / { messages } / { rooms }). */
export function listOf(data, ...keys) {
  if (Array.isArray(data)) return data;
  for (const key of keys) if (data && Array.isArray(data[key])) return data[key];
  return [];
}
