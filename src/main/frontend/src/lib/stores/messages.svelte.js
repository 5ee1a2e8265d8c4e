// Each room's messages: history pages, live messages, and the user's own messages from the moment
// they are typed until the server acknowledges them (or refuses them); their edits, deletions and reactions; the
// message the composer is replying to.
import { api, listOf } from '../api.js';
import { keyOf, newClientMsgId } from '../ids.js';
import { quoteOf, requote } from '../replies.js';
import {
  acknowledge, compareIds, firstUnreadId, mergeMessages, messageRequest, newestId, normalizeMessage, oldestId,
  outboxEntry, pendingMessage, withReactions, withStatus,
} from '../timeline.js';
import { isConnected, request } from './socket.svelte.js';

export const PAGE_SIZE = 50;
const CHANGES_PAGE = 200;
const ACK_TIMEOUT_MS = 10000;

/** roomKey → { items, hasOlder, loadingOlder, olderError } */
export const timelines = $state({});

/** The one message being edited on the page, opened by its Edit button or by ArrowUp in the composer. */
export const editing = $state({ roomKey: null, id: null });
// Where the keyboard goes back to when the editor closes (the composer after ArrowUp); not state, nothing shows it.
let returnFocus = null;

// Own messages not yet acknowledged, oldest first; sent strictly in order, one at a time.
const outbox = [];
// Sent on a connection that never answered: it may have died without a word, the message with it. They
// go again, same clientMsgId (stored once), when a new connection comes.
let unanswered = [];
let flushing = false;
let seq = 0;
// Whether a room may be posted to now (joined on this connection): set by the chat wiring, so a
// message never reaches the server before its room's join-room after a reconnect.
let mayPost = () => true;

export function gateOutbox(predicate) {
  mayPost = predicate;
}

export function timeline(roomKey) {
  timelines[roomKey] ??= { items: [], hasOlder: true, loadingOlder: false, olderError: null, newFrom: null };
  return timelines[roomKey];
}

/** `history`: the copies come from the history, which alone tells a message's reactions (see normalizeMessage). */
export function addMessages(roomKey, rawList, { history = false } = {}) {
  const t = timeline(roomKey);
  const incoming = rawList.map((raw) => normalizeMessage(raw, roomKey, { history }));
  const merged = mergeMessages(t.items, incoming);
  // An edited or deleted message: the replies held quote it as it now is (the version kept), as their history would.
  const changed = incoming.filter((m) => m.id !== null && (m.editedAt || m.deletedAt));
  const kept = (m) => merged.find((held) => held.id !== null && keyOf(held.id) === keyOf(m.id)) ?? m;
  t.items = changed.length === 0 ? merged : requote(merged, changed.map(kept));
}

/** A message's reactions as they now are (`message-reactions`, a `react` ack), in place of those held. */
export function setReactions(roomKey, messageId, reactions) {
  const t = timeline(roomKey);
  t.items = withReactions(t.items, messageId, reactions);
}

/**
 * An edited or deleted message, merged as a newer version. One older than everything held, while older pages
 * remain, waits for its page: added now it would be the oldest held, and the next page would start before it.
 */
export function addChanged(roomKey, raw) {
  const t = timeline(roomKey);
  const oldest = oldestId(t.items);
  if (t.hasOlder && (oldest === null || (raw.id != null && compareIds(raw.id, oldest) < 0))) {
    t.items = requote(t.items, [normalizeMessage(raw, roomKey)]); // the replies held that quote it are up to date
    return;
  }
  addMessages(roomKey, [raw]);
}

/** An author's new name, on every message and reaction of theirs this page holds: history shows people as they are now. */
export function renameAuthor(user) {
  const key = String(user.id);
  for (const t of Object.values(timelines)) {
    for (const message of t.items) {
      if (String(message.user.id) === key) message.user.name = user.name;
      if (message.replyTo && String(message.replyTo.user.id) === key) message.replyTo.user.name = user.name;
      for (const reaction of message.reactions ?? []) {
        for (const person of reaction.users) if (String(person.id) === key) person.name = user.name;
      }
    }
  }
}

/** The join-room ack's history: the newest page. Fewer than a page means nothing older exists. */
export function addHistory(roomKey, history) {
  const list = history ?? [];
  const t = timeline(roomKey);
  const hadNone = !t.items.some((m) => m.id !== null);
  addMessages(roomKey, list, { history: true });
  if (hadNone) t.hasOlder = list.length >= PAGE_SIZE;
}

/** On opening a room: the "new messages" line goes above its `unread` newest messages by others. */
export function placeNewLine(roomKey, unread, myId) {
  const t = timeline(roomKey);
  t.newFrom = unread > 0 ? firstUnreadId(t.items, unread, myId) : null;
}

export const lastKnownId = (roomKey) => newestId(timeline(roomKey).items);

/** Scrolling up: GET /api/rooms/{id}/messages?before=<oldest>&limit=N. */
export async function loadOlder(room) {
  const t = timeline(room.key);
  if (t.loadingOlder || !t.hasOlder) return;
  const before = oldestId(t.items);
  t.loadingOlder = true;
  t.olderError = null;
  try {
    const query = before === null ? `limit=${PAGE_SIZE}` : `before=${encodeURIComponent(before)}&limit=${PAGE_SIZE}`;
    const page = listOf(await api(`rooms/${encodeURIComponent(room.id)}/messages?${query}`), 'messages', 'items');
    addMessages(room.key, page, { history: true });
    t.hasOlder = page.length >= PAGE_SIZE;
  } catch (err) {
    t.olderError = err.message;
  } finally {
    t.loadingOlder = false;
  }
}

/**
 * After a reconnect: everything newer than the last message we had, page by page, so nothing
 * sent while we were away is missing. Overlap with live messages is removed by id.
 * Returns { after: null } when nothing is left to fetch, else { after, error? }: the id the rest
 * follows (a request failed, or this call's 100 pages ran out), for the caller to go on from.
 */
export async function catchUp(room, sinceId) {
  let after = sinceId;
  for (let pages = 0; pages < 100; pages++) {
    let page;
    try {
      page = listOf(
        await api(`rooms/${encodeURIComponent(room.id)}/messages?after=${encodeURIComponent(after)}&limit=${PAGE_SIZE}`),
        'messages', 'items',
      );
    } catch (error) {
      return { after, error };
    }
    addMessages(room.key, page, { history: true });
    if (page.length < PAGE_SIZE) return { after: null };
    // The page's own newest id, not the timeline's: live messages may already be further on.
    after = page.reduce((max, raw) => (raw.id != null && (max === null || compareIds(raw.id, max) > 0) ? raw.id : max), after);
  }
  return { after };
}

/** The ids of the oldest and newest server messages held for a room, or null when it holds none. */
export function heldRange(roomKey) {
  const items = timeline(roomKey).items;
  const from = oldestId(items);
  return from === null ? null : { from, to: newestId(items) };
}

/**
 * After a reconnect: the messages edited or deleted among those held (ids `from` to `to`), page by page. What
 * the room was told while this page was away went to a connection that is gone; the join's history covers only
 * the newest. A failure leaves the held copies as they were until the next reconnect or reload.
 */
export async function refreshChanged(room, { from, to }) {
  if (!/^\d+$/.test(String(from)) || !/^\d+$/.test(String(to))) return;
  let after = BigInt(from) - 1n;
  const before = BigInt(to) + 1n;
  for (let pages = 0; pages < 100; pages++) {
    let page;
    try {
      page = listOf(await api(`rooms/${encodeURIComponent(room.id)}/messages?after=${after}&before=${before}`
        + `&changed=true&limit=${CHANGES_PAGE}`), 'messages', 'items');
    } catch {
      return;
    }
    addMessages(room.key, page, { history: true });
    if (page.length < CHANGES_PAGE) return;
    after = BigInt(page.at(-1).id);
  }
}

/**
 * Shows the message at once as pending; it goes out now, or when the connection is back. `replyTo`: the quote of
 * the message it answers (replies.js quoteOf), or null.
 */
export function sendMessage(room, text, me, replyTo = null) {
  const message = pendingMessage({ roomId: room.id, user: me, text, clientMsgId: newClientMsgId(), seq: ++seq, replyTo });
  const t = timeline(room.key);
  t.items = [...t.items, message];
  outbox.push(outboxEntry(room, message));
  flushOutbox();
}

/**
 * A refused message, sent again with the same clientMsgId (the server dedupes on it), a reply as a reply.
 * `withoutReply`: the message it answered is gone (deleted), so it goes as a message of its own.
 */
export function retry(room, clientMsgId, { withoutReply = false } = {}) {
  const t = timeline(room.key);
  const message = t.items.find((m) => m.clientMsgId === clientMsgId && m.id === null);
  if (!message || outbox.some((e) => e.clientMsgId === clientMsgId)) return;
  if (withoutReply) t.items = t.items.map((m) => (m === message ? { ...m, replyTo: null } : m));
  setStatus(room.key, clientMsgId, 'pending');
  outbox.push(outboxEntry(room, withoutReply ? { ...message, replyTo: null } : message));
  flushOutbox();
}

export function discard(room, clientMsgId) {
  const t = timeline(room.key);
  t.items = t.items.filter((m) => !(m.clientMsgId === clientMsgId && m.id === null));
}

/** Sends what is queued, in order. Called on send and after each (re)join. */
export async function flushOutbox() {
  if (flushing) return;
  flushing = true;
  try {
    while (outbox.length > 0 && isConnected() && mayPost(outbox[0].room)) {
      const entry = outbox[0];
      let answer;
      try {
        answer = await request('message', messageRequest(entry), ACK_TIMEOUT_MS);
      } catch (err) {
        // Dropped connection: keep it queued, the reconnect sends it again. Connected but no
        // answer: let the user decide (retry keeps the clientMsgId, so no double post).
        if (!isConnected()) break;
        outbox.shift();
        unanswered.push(entry);
        setStatus(entry.room.key, entry.clientMsgId, 'failed', 'No answer from the server.');
        continue;
      }
      outbox.shift();
      const t = timeline(entry.room.key);
      if (answer?.ok) {
        t.items = acknowledge(t.items, entry.clientMsgId, answer);
      } else {
        const refused = describeRefusal(answer, entry.replyTo != null ? 'reply' : 'message');
        setStatus(entry.room.key, entry.clientMsgId, 'failed', refused, answer?.error ?? null);
      }
    }
  } finally {
    flushing = false;
  }
}

export function startEditing(roomKey, id, focusAfter = null) {
  editing.roomKey = roomKey;
  editing.id = id;
  returnFocus = focusAfter;
}

/** Closes the editor; returns the element the keyboard goes back to, if one was given. */
export function stopEditing() {
  editing.roomKey = null;
  editing.id = null;
  const back = returnFocus;
  returnFocus = null;
  return back;
}

/** A message pointed out for a moment (a search result just opened, a quote followed): its id as a key, or null. */
export const spotlight = $state({ id: null });
let spotlightTimer = null;

/**
 * Points out a message of the room for two seconds; false, and nothing, when the page does not hold it (not loaded).
 * Pointed out again while it still is, its mark starts over (a frame without it, or the animation would not restart).
 */
export function pointOut(roomKey, id) {
  if (!timeline(roomKey).items.some((m) => m.id !== null && keyOf(m.id) === keyOf(id))) return false;
  clearTimeout(spotlightTimer);
  const mark = () => {
    spotlight.id = keyOf(id);
    spotlightTimer = setTimeout(() => (spotlight.id = null), 2000);
  };
  if (spotlight.id === keyOf(id)) {
    spotlight.id = null;
    requestAnimationFrame(mark);
  } else {
    mark();
  }
  return true;
}

/**
 * The message the composer is replying to: its room and its quote as it was chosen (the composer shows the held
 * message as it now is while the page holds it). `asked` counts the Reply clicks: each sends the keyboard there.
 */
export const replying = $state({ roomKey: null, quote: null, asked: 0 });

export function startReply(roomKey, message) {
  replying.roomKey = roomKey;
  replying.quote = quoteOf(message);
  replying.asked++;
}

export function cancelReply() {
  replying.roomKey = null;
  replying.quote = null;
}

/** Our message's new text: { ok: true } once the server has it, else { ok: false, error } in words for the user. */
export function editMessage(room, messageId, text) {
  return change(room, 'edit-message', { roomId: room.id, messageId, text });
}

/** Our message, or anyone's for an administrator: it stays in the history as "deleted". */
export function deleteMessage(room, messageId) {
  return change(room, 'delete-message', { roomId: room.id, messageId });
}

/**
 * Our reaction with `emoji` to a message, or (`on` false) taking it back. Not shown before the server answers: its
 * ack, and `message-reactions` to the whole room, carry the message's reactions as they then are.
 */
export function react(room, messageId, emoji, on = true) {
  return change(room, 'react', { roomId: room.id, messageId, emoji, on }, (answer) => {
    if (Array.isArray(answer.reactions)) setReactions(room.key, messageId, answer.reactions);
  });
}

// Not queued like new messages: a change the user is looking at is either done now or refused in place.
// `apply` takes in what the ack brings back; by default the message as it now is.
async function change(room, event, payload, apply = null) {
  if (!isConnected() || !mayPost(room)) return { ok: false, error: 'Not connected. Try again when the connection is back.' };
  let answer;
  try {
    answer = await request(event, payload, ACK_TIMEOUT_MS);
  } catch {
    return { ok: false, error: isConnected() ? 'No answer from the server.' : 'The connection dropped. Try again when it is back.' };
  }
  if (!answer?.ok) return { ok: false, error: describeRefusal(answer, event) };
  if (apply) apply(answer);
  else if (answer.message) addMessages(room.key, [answer.message]);
  return { ok: true };
}

/** On a new connection: the messages the last one never answered are queued again, ahead of newer ones. */
export function resendUnanswered() {
  const again = unanswered.filter((entry) => !outbox.some((e) => e.clientMsgId === entry.clientMsgId)
    && timeline(entry.room.key).items.some((m) => m.clientMsgId === entry.clientMsgId && m.status === 'failed'));
  unanswered = [];
  for (const entry of again) setStatus(entry.room.key, entry.clientMsgId, 'pending');
  outbox.unshift(...again);
}

/** Drops queued messages for a room this page can no longer post to. */
export function failQueued(roomKey, reason) {
  for (let i = outbox.length - 1; i >= 0; i--) {
    if (outbox[i].room.key === roomKey) {
      setStatus(roomKey, outbox[i].clientMsgId, 'failed', reason);
      outbox.splice(i, 1);
    }
  }
}

export const hasQueued = (roomKey) => outbox.some((e) => e.room.key === roomKey);

function setStatus(roomKey, clientMsgId, status, error = null, refusal = null) {
  const t = timeline(roomKey);
  t.items = withStatus(t.items, clientMsgId, status, error, refusal);
}

// Our words for the codes whose meaning depends on what was refused.
const REFUSALS = {
  message: { Forbidden: 'You may not post in this room.', NotFound: 'This room no longer exists.' },
  // a reply goes only to a room joined: NotFound is the message it answers, deleted (or not in the room)
  reply: { Forbidden: 'You may not post in this room.', NotFound: 'The message you replied to was deleted.' },
  'edit-message': { Forbidden: 'You may edit only your own messages.', NotFound: 'This message no longer exists.' },
  'delete-message': { Forbidden: 'You may delete only your own messages.', NotFound: 'This message no longer exists.' },
  // Invalid (more than 20 different emoji on the message) is left to the server's own words
  react: {
    Forbidden: 'You may not react in this room.',
    NotFound: 'This message no longer exists.',
    RateLimited: 'Too many reactions at once. Wait a moment, then try again.',
  },
};

/** The ack { ok:false, error, message }: our words for the codes we know, else the server's message. */
function describeRefusal(answer, event = 'message') {
  const error = answer?.error;
  if (Object.hasOwn(REFUSALS[event], error ?? '')) return REFUSALS[event][error];
  switch (error) {
    case 'RateLimited': return 'Too many messages at once. Wait a moment, then retry.';
    case undefined: case null: case '': return 'The server refused this message.';
    default: return typeof answer?.message === 'string' && answer.message ? answer.message : String(error);
  }
}

export function resetMessages() {
  for (const key of Object.keys(timelines)) delete timelines[key];
  stopEditing();
  cancelReply();
  spotlight.id = null;
  outbox.length = 0;
  unanswered = [];
}
