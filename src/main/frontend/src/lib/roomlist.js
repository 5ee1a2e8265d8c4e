// Pure rules of the room list, kept apart from the store so node's test runner can check them: a room as the
// page holds it, the order of the list, and the label a room goes by. A direct conversation has no name: it goes
// by the other person's display name, which depends on who is looking, hence `myId`.
import { keyOf } from './ids.js';
import { normalizeUser } from './timeline.js';

export function normalizeRoom(raw) {
  const isDirect = raw.visibility === 'direct';
  // Only its two people may read a direct conversation: private in all but its name and its fixed members.
  const isPrivate = isDirect
    || Boolean(raw.private ?? raw.isPrivate ?? (raw.visibility ? raw.visibility === 'private' : false));
  return {
    id: raw.id,
    key: keyOf(raw.id),
    name: isDirect ? '' : String(raw.name ?? raw.id),
    topic: raw.topic ?? raw.description ?? '',
    isPrivate,
    isDirect,
    /** A direct conversation's two people, { id, name }, this user included; none for other rooms. */
    people: isDirect ? normalizePeople(raw.people) : [],
    unread: Number(raw.unread ?? raw.unreadCount ?? 0) || 0,
    /** The creator's user id, who may rename the room; null for the server's own rooms. */
    createdBy: raw.createdBy ?? null,
  };
}

function normalizePeople(list) {
  return (Array.isArray(list) ? list : []).map((raw) => {
    const { id, name } = normalizeUser(raw);
    return { id, name };
  });
}

/** Named rooms by name, then the direct conversations, as the server lists them. */
export const roomOrder = (a, b) => Number(a.isDirect) - Number(b.isDirect) || a.name.localeCompare(b.name);

/** The list with `room` added in its place; the same list when it is there already (room-added may repeat). */
export function withRoom(list, room) {
  if (list.some((r) => r.key === room.key)) return list;
  return [...list, room].sort(roomOrder);
}

/** The one of a direct conversation's people who is not me. */
export function otherPerson(room, myId) {
  const people = room?.people ?? [];
  return people.find((p) => keyOf(p.id) !== keyOf(myId)) ?? people[0] ?? null;
}

/** What the page calls a room: its name, or for a direct conversation the other person's display name. */
export function roomLabel(room, myId) {
  if (!room) return '';
  return room.isDirect ? (otherPerson(room, myId)?.name ?? 'Direct message') : room.name;
}

/** How a sentence names a room: as its label, or "your conversation with Bob" ("missed in …", "People in …"). */
export function roomPhrase(room, myId) {
  return room?.isDirect ? `your conversation with ${roomLabel(room, myId)}` : roomLabel(room, myId);
}

/** The direct conversations, by the other person's name (the sidebar's third list). */
export function directRooms(list, myId) {
  return list.filter((r) => r.isDirect)
    .map((room) => ({ room, label: roomLabel(room, myId) }))
    .sort((a, b) => a.label.localeCompare(b.label))
    .map(({ room }) => room);
}

/** `user-updated`: that person's new name in every direct conversation with them. Changes the rooms in place. */
export function renamePeople(list, user) {
  const key = keyOf(user.id);
  for (const room of list) {
    for (const person of room.people ?? []) {
      if (keyOf(person.id) === key) person.name = user.name;
    }
  }
}
