// Who is typing where (incoming), and telling the room when we type (outgoing, throttled).
import { keyOf } from '../ids.js';
import { normalizeUser, typingSentence } from '../timeline.js';
import { signal } from './socket.svelte.js';

// The server expires typing by itself; this is the page's own guard against a lost "stopped".
const SHOWN_FOR_MS = 6000;
const RESEND_EVERY_MS = 2500;
const IDLE_AFTER_MS = 3000;

/** roomKey → { userKey → { name, until } } */
export const typing = $state({});

export function applyTyping({ roomId, user: rawUser, isTyping }) {
  const roomKey = keyOf(roomId);
  const user = normalizeUser(rawUser);
  typing[roomKey] ??= {};
  if (isTyping) typing[roomKey][keyOf(user.id)] = { name: user.name, until: Date.now() + SHOWN_FOR_MS };
  else delete typing[roomKey][keyOf(user.id)];
}

/** A user who posted has stopped typing, whatever we heard before. */
export function stoppedTyping(roomKey, user) {
  if (typing[roomKey]) delete typing[roomKey][keyOf(user.id)];
}

/** Someone typing who took a new name: the line shows it from now on. */
export function renameTyper(user) {
  const key = keyOf(user.id);
  for (const typers of Object.values(typing)) {
    if (typers[key]) typers[key].name = user.name;
  }
}

export function typingLine(roomKey) {
  return typingSentence(Object.values(typing[roomKey] ?? {}).map((t) => t.name));
}

export function sweepTyping(now = Date.now()) {
  for (const users of Object.values(typing)) {
    for (const [key, t] of Object.entries(users)) if (t.until <= now) delete users[key];
  }
}

// ---- outgoing ---------------------------------------------------------------------------------

let typingIn = null;
let lastSent = 0;
let idleTimer = null;

/** Called on every keystroke in the composer. */
export function typed(room) {
  if (typingIn && typingIn.key !== room.key) stopTyping();
  const now = Date.now();
  if (!typingIn || now - lastSent > RESEND_EVERY_MS) {
    signal('typing', { roomId: room.id, isTyping: true });
    lastSent = now;
  }
  typingIn = room;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(stopTyping, IDLE_AFTER_MS);
}

/** On send, on leaving the room, on idle. */
export function stopTyping() {
  clearTimeout(idleTimer);
  if (typingIn) signal('typing', { roomId: typingIn.id, isTyping: false });
  typingIn = null;
  lastSent = 0;
}
