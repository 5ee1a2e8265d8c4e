// The rooms the user can see, which one is open, which ones this page has joined, unread counts
// and who is in each room.
import { api, listOf } from '../api.js';
import { keyOf } from '../ids.js';
import { normalizeRoom, renamePeople, roomOrder, withRoom } from '../roomlist.js';
import { normalizeUser } from '../timeline.js';

export const rooms = $state({
  list: [],
  activeKey: null,
  /** roomKey → true once join-room was acknowledged on the current connection. */
  joined: {},
  /** roomKey → error text when join-room was refused (Forbidden / NotFound). */
  joinError: {},
  /** roomKey → { userKey → { id, name, online, lastSeenAt } } */
  members: {},
  loadError: null,
});

// Messages already counted as unread, so a `message` and a `notification` for the same message
// (or a repeat after a reconnect) count once.
const counted = new Set();
// Per room, the ids counted into its badge since it was last read: a deletion of one of them takes it back out.
const unreadIds = new Map();

export const roomByKey = (key) => rooms.list.find((r) => r.key === key) ?? null;
export const activeRoom = () => roomByKey(rooms.activeKey);

export async function loadRooms() {
  try {
    const fresh = listOf(await api('rooms'), 'rooms', 'items').map(normalizeRoom);
    rooms.list = fresh.sort(roomOrder);
    rooms.loadError = null;
  } catch (err) {
    rooms.loadError = err.message;
  }
}

/** POST /api/rooms; the new room is added to the list and returned. */
export async function createRoom({ name, isPrivate }) {
  const body = { name, visibility: isPrivate ? 'private' : 'public' };
  const created = normalizeRoom(await api('rooms', { method: 'POST', body }));
  rooms.list = withRoom(rooms.list, created);
  return created;
}

/** Picks the room to open first: the last one used here if it still exists, else `general`. */
export function defaultRoomKey(remembered) {
  if (remembered && roomByKey(remembered)) return remembered;
  const general = rooms.list.find((r) => r.name.toLowerCase() === 'general' || r.key === 'general');
  return (general ?? rooms.list.find((r) => !r.isPrivate) ?? rooms.list[0])?.key ?? null;
}

export function setActive(key) {
  rooms.activeKey = key;
  clearUnread(key);
}

export function countUnread(roomKey, messageId) {
  const mark = `${roomKey}/${keyOf(messageId)}`;
  if (messageId != null) {
    if (counted.has(mark)) return;
    counted.add(mark);
  }
  const room = roomByKey(roomKey);
  if (!room) return;
  room.unread += 1;
  if (messageId != null) unreadIds.set(roomKey, (unreadIds.get(roomKey) ?? new Set()).add(keyOf(messageId)));
}

/** A message this page counted unread was deleted: it counts no more. */
export function uncountUnread(roomKey, messageId) {
  const room = roomByKey(roomKey);
  if (room && unreadIds.get(roomKey)?.delete(keyOf(messageId)) && room.unread > 0) room.unread -= 1;
}

export function clearUnread(roomKey) {
  const room = roomByKey(roomKey);
  if (room) room.unread = 0;
  unreadIds.delete(roomKey);
}

export const totalUnread = () => rooms.list.reduce((sum, r) => sum + r.unread, 0);

/** A room we did not know yet (created by someone else, we were added to it, or a direct conversation). */
export function ensureRoom(roomKey, raw) {
  if (roomByKey(roomKey)) return;
  rooms.list = withRoom(rooms.list, normalizeRoom({ id: raw?.id ?? roomKey, ...raw }));
}

/**
 * `room-updated`, or our own rename's answer: the new name, changed in place so every view of the room
 * follows. A room we do not list is none of this page's business (a later list load brings it).
 */
export function updateRoom(raw) {
  const room = roomByKey(keyOf(raw?.id));
  if (!room || room.isDirect || typeof raw.name !== 'string' || room.name === raw.name) return;
  room.name = raw.name;
  rooms.list = [...rooms.list].sort(roomOrder);
}

// ---- presence -------------------------------------------------------------------------------

/** The join-room ack's `members`: users (optionally with `online`), or bare ids/names. */
export function setMembers(roomKey, list) {
  const map = {};
  for (const raw of list ?? []) {
    const user = normalizeUser(raw);
    map[keyOf(user.id)] = { ...user, online: raw?.online ?? true, lastSeenAt: raw?.lastSeenAt ?? null };
  }
  rooms.members[roomKey] = map;
}

export function memberJoined(roomKey, rawUser) {
  const user = normalizeUser(rawUser);
  rooms.members[roomKey] ??= {};
  rooms.members[roomKey][keyOf(user.id)] = { ...user, online: true, lastSeenAt: null };
}

/** Someone this page added to a private room: listed, offline until they open it. */
export function memberAdded(roomKey, rawUser) {
  const user = normalizeUser(rawUser);
  rooms.members[roomKey] ??= {};
  rooms.members[roomKey][keyOf(user.id)] ??= { ...user, online: false, lastSeenAt: null };
}

/** A private room we left or were taken out of: gone from the list, with what this page knew of it. */
export function removeRoom(roomKey) {
  rooms.list = rooms.list.filter((r) => r.key !== roomKey);
  delete rooms.joined[roomKey];
  delete rooms.joinError[roomKey];
  delete rooms.members[roomKey];
}

export function memberLeft(roomKey, rawUser) {
  const user = normalizeUser(rawUser);
  const member = rooms.members[roomKey]?.[keyOf(user.id)];
  if (member) member.online = false;
}

/** `presence` concerns every room we share with that user. */
export function applyPresence({ user: rawUser, online, lastSeenAt }) {
  const key = keyOf(normalizeUser(rawUser).id);
  for (const members of Object.values(rooms.members)) {
    const member = members[key];
    if (member) {
      member.online = Boolean(online);
      member.lastSeenAt = lastSeenAt ?? member.lastSeenAt;
    }
  }
}

/** A member's new name, in every room we share with them, and in the label of a direct conversation with them. */
export function renameMember(user) {
  const key = keyOf(user.id);
  for (const members of Object.values(rooms.members)) {
    if (members[key]) members[key].name = user.name;
  }
  renamePeople(rooms.list, user);
}

/** Online first, then by name. */
export function memberList(roomKey) {
  return Object.values(rooms.members[roomKey] ?? {}).sort(
    (a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name),
  );
}

export function resetRooms() {
  rooms.list = [];
  rooms.activeKey = null;
  rooms.joined = {};
  rooms.joinError = {};
  rooms.members = {};
  counted.clear();
  unreadIds.clear();
}
