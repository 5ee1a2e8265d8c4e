// Wires the connection to the stores: what happens on (re)connect, on each server event, and when
// the user opens a room. Components call the functions exported here and read the stores.
import { ApiError, api } from './api.js';
import { keyOf } from './ids.js';
import { roomPhrase } from './roomlist.js';
import { addressedTitle, addressedTo, compareIds, normalizeMessage, normalizeUser } from './timeline.js';
import {
  closeSocket, isConnected, listen, onConnectTrouble, onConnected, onRefused, openSocket, request, signal,
} from './stores/socket.svelte.js';
import {
  currentToken, dropToken, endSession, refreshToken, renamedElsewhere, session, stillSignedIn,
} from './stores/session.svelte.js';
import {
  applyPresence, clearUnread, countUnread, defaultRoomKey, ensureRoom, loadRooms, memberAdded, memberJoined,
  memberLeft, removeRoom, renameMember, resetRooms, roomByKey, rooms, setActive, setMembers, uncountUnread, updateRoom,
} from './stores/rooms.svelte.js';
import {
  addChanged, addHistory, addMessages, cancelReply, catchUp, failQueued, flushOutbox, gateOutbox, heldRange,
  lastKnownId, placeNewLine, refreshChanged, renameAuthor, resendUnanswered, resetMessages, setReactions,
} from './stores/messages.svelte.js';
import { applyTyping, renameTyper, stopTyping, stoppedTyping, sweepTyping } from './stores/typing.svelte.js';
import { resetSearch } from './stores/search.svelte.js';
import { notifyMessage } from './stores/notifier.svelte.js';

const REMEMBERED_ROOM = 'parley.room';

/** A passing message for the user: a server `error` event, a failed catch-up. */
export const alert = $state({ text: null });

// Rooms this page has opened: joined again after every reconnect.
const wanted = new Set();
const joining = new Map();
/**
 * Per room: the id after which missed messages are still to be fetched, when a catch-up did not finish.
 * Only this, not the newest message held (the join's history is newer), says where the hole starts.
 */
const missedAfter = {};
const catchingUp = new Set();
const queuedSince = {};
const CATCH_UP_RETRY_MS = 3000;
const CATCH_UP_MAX_RETRY_MS = 60000;
const JOIN_RETRY_MS = 2000;
let connections = 0;
let cleanups = [];
let readTimer = null;

export async function startChat() {
  gateOutbox((room) => Boolean(rooms.joined[room.key]));
  openSocket({ token: currentToken, dropToken });
  cleanups = [
    onConnected(rejoinAll),
    onRefused(whenRefused),
    onConnectTrouble(whenTroubled),
    listen('message', onMessage),
    listen('message-updated', onMessageChanged),
    listen('message-deleted', onMessageChanged),
    listen('message-reactions', onReactions),
    listen('typing', applyTyping),
    listen('user joined', ({ roomId, user }) => memberJoined(keyOf(roomId), user)),
    listen('user left', ({ roomId, user }) => memberLeft(keyOf(roomId), user)),
    listen('presence', applyPresence),
    listen('user-updated', onUserUpdated),
    listen('notification', onNotification),
    listen('read', onReadElsewhere),
    listen('room-added', ({ room } = {}) => room && ensureRoom(keyOf(room.id), room)),
    listen('room-removed', ({ roomId } = {}) => roomId != null && roomGone(keyOf(roomId))),
    listen('room-updated', ({ room } = {}) => room && updateRoom(room)),
    listen('error', onServerError),
  ];
  const sweeper = setInterval(sweepTyping, 1000);
  const onVisibility = () => {
    if (!document.hidden && rooms.activeKey) markRead(rooms.activeKey);
  };
  document.addEventListener('visibilitychange', onVisibility);
  cleanups.push(() => clearInterval(sweeper), () => document.removeEventListener('visibilitychange', onVisibility));

  await loadRooms();
  const first = defaultRoomKey(localStorage.getItem(REMEMBERED_ROOM));
  if (first) await openRoom(first);
}

/** Someone's new name (ours too, from another tab): wherever this page shows them. */
function onUserUpdated({ user: rawUser } = {}) {
  if (rawUser?.id == null || typeof rawUser.name !== 'string') return;
  const user = normalizeUser(rawUser);
  renamedElsewhere(user);
  renameMember(user);
  renameAuthor(user);
  renameTyper(user);
}

export function stopChat() {
  stopTyping();
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
  closeSocket();
  connections = 0;
  wanted.clear();
  joining.clear();
  for (const key of Object.keys(missedAfter)) delete missedAfter[key];
  for (const key of Object.keys(queuedSince)) delete queuedSince[key];
  catchingUp.clear();
  resetRooms();
  resetMessages();
  resetSearch();
}

export async function openRoom(key) {
  const room = roomByKey(key);
  if (!room) return;
  if (rooms.activeKey !== key) {
    stopTyping();
    cancelReply(); // a reply answers a message of its own room
  }
  const unread = room.unread;
  setActive(key);
  wanted.add(key);
  localStorage.setItem(REMEMBERED_ROOM, key);
  if (!rooms.joined[key] && isConnected()) await joinRoom(room);
  if (rooms.activeKey === key) placeNewLine(key, unread, session.user?.id);
  markRead(key);
}

/**
 * join-room, then the messages we missed since the last one we have. Joining first means live
 * messages flow while the catch-up runs; the two overlap and are merged by id.
 */
function joinRoom(room) {
  if (joining.has(room.key)) return joining.get(room.key);
  const work = (async () => {
    const since = missedAfter[room.key] ?? lastKnownId(room.key);
    const held = heldRange(room.key);
    let ack;
    try {
      ack = await request('join-room', room.id);
    } catch {
      // Disconnected meanwhile: the next connect joins again. Still connected: the server was too slow
      // to answer, and messages typed for this room wait for the join, so it is tried again.
      if (isConnected()) {
        rooms.joinError[room.key] = 'The server is slow to answer; trying to enter the room again…';
        setTimeout(() => {
          if (wanted.has(room.key) && !rooms.joined[room.key] && isConnected()) joinRoom(room);
        }, JOIN_RETRY_MS);
      }
      return false;
    }
    if (!ack?.ok) {
      const reason = ack?.error === 'Forbidden' ? 'You are not a member of this private room.'
        : ack?.error === 'NotFound' ? 'This room does not exist any more.'
          : `The server refused to join this room${ack?.error ? ` (${ack.error})` : ''}.`;
      rooms.joinError[room.key] = reason;
      failQueued(room.key, reason);
      return false;
    }
    if (ack.room) ensureRoom(room.key, ack.room);
    delete rooms.joinError[room.key];
    setMembers(room.key, ack.members);
    if (session.user) memberJoinedIfMissing(room.key);
    addHistory(room.key, ack.history);
    rooms.joined[room.key] = true;
    flushOutbox();
    // Not awaited: a reconnect during a long catch-up must find this join over and send its own.
    if (since !== null) catchUpFrom(room, since);
    if (held) refreshChanged(room, held);
    return true;
  })().finally(() => joining.delete(room.key));
  joining.set(room.key, work);
  return work;
}

/**
 * Fetches what was missed after `since`, one run per room at a time. What a failed request left is tried
 * again later (3 s, then twice as long each time up to a minute) while the room stays joined; an answer
 * that will not change (4xx: the room is gone or closed to us) waits for the next join instead.
 */
async function catchUpFrom(room, since, attempt = 0) {
  if (catchingUp.has(room.key)) {
    // one run at a time; this one's turn comes after it, for what the run under way may have passed
    queuedSince[room.key] ??= since;
    return;
  }
  catchingUp.add(room.key);
  let result;
  try {
    result = await catchUp(room, since);
  } finally {
    catchingUp.delete(room.key);
  }
  const { after, error } = result;
  const queued = queuedSince[room.key];
  delete queuedSince[room.key];
  if (after === null) {
    delete missedAfter[room.key];
    if (queued != null && rooms.joined[room.key]) catchUpFrom(room, queued);
    return;
  }
  missedAfter[room.key] = after;
  if (error && attempt === 0) {
    showAlert(`Could not load all the messages missed in ${roomPhrase(room, session.user?.id)} (${error.message}); trying again.`);
  }
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return;
  setTimeout(() => {
    // a rejoin meanwhile goes on from missedAfter itself
    if (missedAfter[room.key] === after && rooms.joined[room.key] && !joining.has(room.key)) {
      catchUpFrom(room, after, error ? attempt + 1 : 0);
    }
  }, error ? Math.min(CATCH_UP_MAX_RETRY_MS, CATCH_UP_RETRY_MS * 2 ** attempt) : 0);
}

function memberJoinedIfMissing(roomKey) {
  const me = session.user;
  if (!rooms.members[roomKey]?.[keyOf(me.id)]) memberJoined(roomKey, me);
}

async function rejoinAll(socket) {
  const reconnect = connections++ > 0;
  rooms.joined = {};
  for (const key of wanted) {
    const room = roomByKey(key);
    if (room && socket.connected) await joinRoom(room);
  }
  if (reconnect) resendUnanswered();
  flushOutbox();
  if (rooms.activeKey && !document.hidden) markRead(rooms.activeKey);
  if (reconnect) {
    // Unread counts of rooms we were not in may have moved while we were away.
    await loadRooms();
    if (rooms.activeKey) clearUnread(rooms.activeKey);
    refreshToken();
  }
}

function onMessage(raw) {
  const message = normalizeMessage(raw);
  const key = keyOf(message.roomId);
  addMessages(key, [raw]);
  stoppedTyping(key, message.user);
  const me = session.user;
  if (!me || keyOf(message.user.id) === keyOf(me.id)) return;
  if (key === rooms.activeKey && !document.hidden) {
    scheduleRead(key);
  } else {
    countUnread(key, message.id);
  }
  announce(key, message, addressedTo(message, me, { isDirect: roomByKey(key)?.isDirect }));
}

/**
 * `message-updated` and `message-deleted`: a newer version of a message (any tab of ours may have made it).
 * Neither counts as unread nor as a mention: those come from `message` alone, when it is first said.
 */
function onMessageChanged(raw) {
  if (raw?.roomId == null) return;
  addChanged(keyOf(raw.roomId), raw);
  // a deletion also reaches tabs not in the room, whose badge may have counted it
  if (raw.deletedAt && raw.id != null) uncountUnread(keyOf(raw.roomId), raw.id);
}

/** `message-reactions`: all of a message's reactions as they now are, whoever changed them (this tab too). */
function onReactions({ roomId, messageId, reactions } = {}) {
  if (roomId == null || messageId == null) return;
  setReactions(keyOf(roomId), messageId, reactions ?? []);
}

/** `notification`: a message in a room of ours that we are not in, an @mention of us, or a reply to us. */
function onNotification(raw) {
  const inner = raw?.message && typeof raw.message === 'object' ? raw.message : null;
  const roomId = raw?.roomId ?? inner?.roomId ?? raw?.room?.id;
  if (roomId == null) return;
  const key = keyOf(roomId);
  if (!roomByKey(key)) {
    loadRooms();
    return;
  }
  const message = inner ? normalizeMessage(inner, roomId) : null;
  const messageId = raw.messageId ?? message?.id ?? null;
  const viewing = key === rooms.activeKey && !document.hidden;
  // A joined room counts from its `message` events; count here only what can be told apart by id.
  if (!viewing && (!rooms.joined[key] || messageId !== null)) countUnread(key, messageId);
  const said = message ?? { id: messageId, user: { name: raw.from?.name ?? raw.user?.name ?? 'Someone' }, text: raw.text ?? '' };
  const type = raw.mention === true ? 'mention' : raw.type;
  announce(key, said, addressedTo(said, session.user, { type, isDirect: roomByKey(key).isDirect }));
}

/** `read` {roomId, messageId}: this user read the room in some tab (this one included). */
function onReadElsewhere({ roomId, messageId } = {}) {
  const key = keyOf(roomId);
  const newest = lastKnownId(key);
  if (newest === null || messageId == null || compareIds(messageId, newest) >= 0) clearUnread(key);
}

/** A desktop notification of what was said to me, if it was (`why`: see addressedTo). */
function announce(roomKey, message, why) {
  if (!why) return;
  notifyMessage({
    messageId: message.id,
    title: addressedTitle(why, message.user?.name ?? 'Someone', roomByKey(roomKey)?.name),
    text: message.text ?? '',
    onOpen: () => openRoom(roomKey),
  });
}

function scheduleRead(key) {
  clearTimeout(readTimer);
  readTimer = setTimeout(() => markRead(key), 400);
}

function markRead(key) {
  clearUnread(key);
  const room = roomByKey(key);
  const messageId = lastKnownId(key);
  if (room && messageId !== null && rooms.joined[key]) signal('read', { roomId: room.id, messageId });
}

/** The server refused the connection or closed it: signed out, or something to show. */
async function whenRefused() {
  if (!(await stillSignedIn())) endSession('Your session has ended. Please sign in again.');
}

/** While retrying: every few failed attempts, check the session did not simply expire. */
async function whenTroubled(_err, attempt) {
  if (attempt > 0 && attempt % 3 === 0 && !(await stillSignedIn({ cookieOnly: !currentToken() }))) {
    endSession('Your session has ended. Please sign in again.');
  }
}

// Refusals that also come back in an ack (issue 3: ack { ok:false, error } plus an `error` event)
// are shown next to the message or room they concern; only the others need the banner.
// The server's `error` event is { message, error: code, event }.
const SHOWN_INLINE = new Set(['RateLimited', 'Forbidden', 'NotFound', 'Invalid']);
const ANSWERED_INLINE = new Set(['join-room', 'message', 'edit-message', 'delete-message', 'react']);

function onServerError(payload) {
  const message = typeof payload === 'string' ? payload : payload?.message;
  const code = typeof payload === 'object' ? payload?.error : null;
  if (!message || SHOWN_INLINE.has(code ?? message)) return;
  if (ANSWERED_INLINE.has(payload?.event) && code !== 'Internal') return;
  showAlert(`The server said: ${message}`);
}

let alertTimer = null;
/** Adds someone to a private room by user name (POST /api/rooms/{id}/members); their pages list it at once. */
export async function addMember(room, username) {
  const added = await api(`rooms/${room.id}/members`, { method: 'POST', body: { username } });
  memberAdded(room.key, added);
  return added;
}

/**
 * Opens the direct conversation with someone (POST /api/rooms/direct; the server makes it the first time). Both
 * people's pages hear `room-added`; this one lists it at once, as the answer may come first. Returns its key.
 */
export async function openDirect(userId) {
  const raw = await api('rooms/direct', { method: 'POST', body: { userId } });
  const key = keyOf(raw?.id);
  ensureRoom(key, raw);
  return key;
}

/** Leaves a private room; every tab of this user drops it (the server's `room-removed`), this one at once. */
export async function leaveRoom(room) {
  await api(`rooms/${room.id}/members/${session.user.id}`, { method: 'DELETE' });
  roomGone(room.key);
}

/**
 * Renames a room (PATCH /api/rooms/{id}): its creator or an administrator may. This page shows the new
 * name at once; every page that sees the room hears `room-updated`, this one too.
 */
export async function renameRoom(room, name) {
  const updated = await api(`rooms/${room.id}`, { method: 'PATCH', body: { name } });
  updateRoom(updated);
  return updated;
}

/** A private room we are no longer in: out of the list and of the rooms rejoined after a reconnect. */
function roomGone(key) {
  const room = roomByKey(key);
  if (!room?.isPrivate) return; // a public room stays listed: anyone may open it again
  wanted.delete(key);
  removeRoom(key);
  if (rooms.activeKey === key) {
    rooms.activeKey = null;
    const next = defaultRoomKey(null);
    if (next) openRoom(next);
  }
}

export function showAlert(text) {
  alert.text = text;
  clearTimeout(alertTimer);
  alertTimer = setTimeout(() => (alert.text = null), 8000);
}
