// Who is signed in, and whether this server offers sign-up.
import { api, ApiError, useBearerToken } from '../api.js';
import { normalizeUser } from '../timeline.js';

export const session = $state({
  checked: false,
  user: null,
  /** true / false when the server said so; null when it has no /api/auth/config (then we try). */
  signupOpen: null,
  /** Set when the page was sent back to sign-in, e.g. the session ended on the server. */
  notice: null,
});

// Kept outside reactive state: nothing renders it, and it should not show up in devtools snapshots.
let token = null;

export const currentToken = () => token;

/** Who we are, as /api/me says: admin lets the page offer to delete anyone's message (the server decides). */
const sessionUser = (raw) => ({ ...normalizeUser(raw), admin: raw?.admin === true });

export function dropToken() {
  keepToken(null);
}

function keepToken(value) {
  token = value;
  useBearerToken(value);
}

/**
 * On page load: are we signed in already (cookie), and is sign-up open? The config answers both; /api/me
 * only when there is no config to ask (its 401 for a signed-out visitor shows in the console).
 */
export async function checkSession() {
  const config = await loadAuthConfig();
  const me = config ? config.user : await api('me').catch(() => null);
  session.user = me ? sessionUser(me) : null;
  session.checked = true;
  if (session.user) refreshToken();
}

/** The server's auth config, or null when it has none. */
async function loadAuthConfig() {
  try {
    const config = await api('auth/config');
    const open = config?.signup ?? config?.signupEnabled ?? config?.signUp;
    session.signupOpen = typeof open === 'boolean' ? open : null;
    return config && typeof config === 'object' ? config : null;
  } catch {
    session.signupOpen = null;
    return null;
  }
}

export async function signIn(username, password) {
  await api('auth/login', { method: 'POST', body: { username, password } });
  // The login answer's shape is the server's business; /api/me is the contract for "who am I".
  session.user = sessionUser(await api('me'));
  session.notice = null;
  refreshToken();
}

/** A display name left empty is the user name, as the server has it. */
export async function signUp(username, password, displayName = '') {
  try {
    await api('auth/signup', { method: 'POST', body: displayName ? { username, password, displayName } : { username, password } });
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 405 || err.status === 403)) {
      session.signupOpen = false;
      throw new Error('Sign-up is switched off on this server. Ask an administrator for an account.');
    }
    throw err;
  }
  await signIn(username, password);
}

export async function signOut() {
  try {
    await api('auth/logout', { method: 'POST' });
  } catch {
    // Signing out locally still matters when the server is unreachable.
  }
  endSession(null);
}

/**
 * The user's own password change. The server ends every other sign-in, and the tokens issued before it,
 * this page's too: the answer carries the new one that keeps the page going through a server restart.
 */
export async function changePassword(currentPassword, newPassword) {
  const answer = await api('auth/password', { method: 'POST', body: { currentPassword, newPassword } });
  if (answer?.token) keepToken(answer.token);
}

/** The name others see; empty is the username again. The other tabs hear it as `user-updated`. */
export async function rename(displayName) {
  session.user = sessionUser(await api('me', { method: 'PATCH', body: { displayName } }));
}

/** Someone's new name, heard from the server: ours when it is us (a rename in another tab). */
export function renamedElsewhere(user) {
  if (session.user && String(session.user.id) === String(user.id)) session.user.name = user.name;
}

/** Back to the sign-in screen, e.g. when the server no longer knows our session. */
export function endSession(notice) {
  dropToken();
  session.user = null;
  session.notice = notice;
}

/**
 * Still signed in? Used when the server refuses or closes the socket, to tell "server down" from
 * "signed out". cookieOnly asks about the cookie session alone: a sign-out elsewhere ends the
 * session even though our token would still be accepted. Without it the token counts too: after a
 * server restart the cookie session is gone but the token still lets the page back in.
 */
export async function stillSignedIn({ cookieOnly = true } = {}) {
  try {
    await api('me', { withToken: !cookieOnly });
    return true;
  } catch (err) {
    return !(err instanceof ApiError && err.status === 401);
  }
}

/**
 * A signed token (POST /api/auth/token) lets the socket and REST calls survive a server restart
 * that forgets HTTP sessions. Optional: a server without it just leaves the page on cookies.
 */
async function refreshToken() {
  try {
    // Minted from the cookie session. Asked with the token, a 401 (no session any more, e.g. after
    // a server restart) would make api() drop the token that still works.
    const answer = await api('auth/token', { method: 'POST', withToken: false });
    const value = typeof answer === 'string' ? answer : (answer?.token ?? answer?.accessToken);
    if (value) keepToken(value);
  } catch {
    // No token support, or not now: cookies alone still work.
  }
}

export { refreshToken };
