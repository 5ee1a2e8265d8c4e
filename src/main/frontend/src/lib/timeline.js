// Pure functions over a room's message list, kept apart from the stores so they can be tested
// with node's test runner and reused by any UI. A list is ordered: server messages by id, then
// the user's own messages that the server has not acknowledged yet, in the order they were typed.
import { keyOf } from './ids.js';
import { mergedQuote, normalizeQuote, sameQuote } from './replies.js';

export function normalizeUser(raw) {
  if (!raw || typeof raw !== 'object') return { id: raw ?? null, name: String(raw ?? 'someone'), username: null };
  const name = raw.name ?? raw.displayName ?? raw.username ?? String(raw.id ?? 'someone');
  return { id: raw.id ?? raw.username ?? name, name: String(name), username: raw.username ?? null };
}

/**
 * A message as the page holds it. `history`: the copy comes from the history (a page, the join's history, a
 * catch-up), which tells the reactions a message has, none when the field is absent; other copies (live, acks,
 * edits) say nothing about them, and their `reactions` is null: the merge keeps what is held. `replyTo`: the quote
 * of the message it answers (replies.js), null when it answers nothing or the copy does not say (an edit).
 */
export function normalizeMessage(raw, roomId, { history = false } = {}) {
  return {
    id: raw.id ?? null,
    roomId: raw.roomId ?? roomId ?? null,
    user: normalizeUser(raw.user ?? { id: raw.userId, name: raw.userName }),
    text: typeof raw.text === 'string' ? raw.text : String(raw.text ?? ''),
    createdAt: raw.createdAt ?? null,
    clientMsgId: raw.clientMsgId ?? null,
    editedAt: raw.editedAt ?? null,
    deletedAt: raw.deletedAt ?? null,
    replyTo: normalizeQuote(raw.replyTo),
    reactions: Array.isArray(raw.reactions) ? normalizeReactions(raw.reactions) : (history ? [] : null),
    status: 'sent',
    error: null,
    seq: 0,
  };
}

/**
 * A message's reactions as the server tells them: [{ emoji, users: [{ id, name }] }]. An emoji no one has is left
 * out, and one told twice is kept once (the page lists chips by emoji).
 */
export function normalizeReactions(list) {
  if (!Array.isArray(list)) return [];
  return list
    .filter((r, i) => typeof r?.emoji === 'string' && Array.isArray(r.users) && r.users.length > 0
      && list.findIndex((other) => other?.emoji === r.emoji) === i)
    .map((r) => ({
      emoji: r.emoji,
      users: r.users.map((raw) => {
        const { id, name } = normalizeUser(raw);
        return { id, name };
      }),
    }));
}

/** Same emoji, same people in the same order, same names; null (not told) counts as none. */
function sameReactions(a, b) {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((r, i) => r.emoji === y[i].emoji && r.users.length === y[i].users.length
    && r.users.every((u, j) => keyOf(u.id) === keyOf(y[i].users[j].id) && u.name === y[i].users[j].name));
}

function isNumeric(id) {
  return typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id));
}

/** Server order: numeric ids compare as numbers (they may exceed 2^53, hence BigInt). */
export function compareIds(a, b) {
  if (isNumeric(a) && isNumeric(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return keyOf(a).localeCompare(keyOf(b));
}

export function compareMessages(a, b) {
  const aSent = a.id !== null;
  const bSent = b.id !== null;
  if (aSent && bSent) {
    if (isNumeric(a.id) && isNumeric(b.id)) return compareIds(a.id, b.id);
    const byTime = String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? ''));
    return byTime || compareIds(a.id, b.id);
  }
  if (aSent !== bSent) return aSent ? -1 : 1;
  return a.seq - b.seq;
}

/**
 * Adds server messages to a list: a message whose id is already there replaces the held copy only when it is
 * a newer version of it (history pages, catch-up after a reconnect and live events overlap, and a page fetched
 * before an edit may land after it), and the server's copy of one of our own pending messages, recognised by
 * clientMsgId and author, replaces the pending one. Reactions and quotes go by their own rules (see mergedCopy).
 * Returns the same list when nothing changed.
 */
export function mergeMessages(list, incoming) {
  const out = list.slice();
  const byId = new Map();
  const byClientId = new Map();
  out.forEach((m, i) => {
    if (m.id !== null) byId.set(keyOf(m.id), i);
    if (m.clientMsgId) byClientId.set(m.clientMsgId, i);
  });
  let changed = false;
  for (const message of incoming) {
    const held = message.id !== null ? byId.get(keyOf(message.id)) : undefined;
    if (held !== undefined) {
      const next = mergedCopy(out[held], message);
      if (next !== out[held]) {
        out[held] = next;
        changed = true;
      }
      continue;
    }
    const mine = message.clientMsgId ? byClientId.get(message.clientMsgId) : undefined;
    if (mine !== undefined && keyOf(out[mine].user.id) === keyOf(message.user.id)) {
      out[mine] = {
        ...out[mine], ...message, replyTo: mergedQuote(out[mine].replyTo, message.replyTo), status: 'sent', error: null,
      };
      if (message.id !== null) byId.set(keyOf(message.id), mine);
    } else {
      out.push(message);
      if (message.id !== null) byId.set(keyOf(message.id), out.length - 1);
    }
    changed = true;
  }
  if (!changed) return list;
  return out.sort(compareMessages);
}

/**
 * The copy of a held message to keep when another arrives: the newer version of the text, with the reactions of
 * the copy that knows them. A history copy does, even an older version of the text; one that says nothing (a live
 * copy, an ack, an edit) keeps those held. A deleted message has none: the server dropped them with it. Likewise
 * the quote of the message it answers: a copy without one keeps the held one (see mergedQuote).
 * The held copy itself when nothing changes.
 */
function mergedCopy(held, message) {
  const base = isNewer(message, held) ? message : held;
  const reactions = base.deletedAt ? [] : (message.reactions ?? held.reactions ?? null);
  const replyTo = mergedQuote(held.replyTo, message.replyTo);
  if (base === held && sameReactions(held.reactions, reactions) && sameQuote(held.replyTo, replyTo)) return held;
  return { ...base, reactions, replyTo };
}

/**
 * `message-reactions` or a `react` ack: the message's reactions as they now are, in place of those held (an
 * empty list: none). The same list when the message is not held (its page brings them), deleted, or unchanged.
 */
export function withReactions(list, id, reactions) {
  const index = list.findIndex((m) => m.id !== null && keyOf(m.id) === keyOf(id));
  if (index < 0 || list[index].deletedAt) return list;
  const next = normalizeReactions(reactions);
  if (sameReactions(list[index].reactions, next)) return list;
  const out = list.slice();
  out[index] = { ...list[index], reactions: next };
  return out;
}

/** A deletion is final and beats any edit; otherwise the later edit wins (to the millisecond: people are slower). */
function isNewer(message, held) {
  if (held.deletedAt) return false;
  if (message.deletedAt) return true;
  return Boolean(message.editedAt) && (!held.editedAt || Date.parse(message.editedAt) > Date.parse(held.editedAt));
}

/** Whether the user may edit this message: their own, accepted by the server, not deleted. */
export function editable(message, myId) {
  return message.id !== null && message.status === 'sent' && !message.deletedAt
    && keyOf(message.user.id) === keyOf(myId);
}

/** The newest message the user may edit, or null: what ArrowUp in an empty composer opens. */
export function lastEditable(list, myId) {
  return list.findLast((m) => editable(m, myId)) ?? null;
}

/** Applies the ack of one of our messages: it now has its server id and time. */
export function acknowledge(list, clientMsgId, { id, createdAt }) {
  const index = list.findIndex((m) => m.clientMsgId === clientMsgId);
  if (index < 0) return list;
  const duplicate = id != null && list.some((m, i) => i !== index && m.id !== null && keyOf(m.id) === keyOf(id));
  if (duplicate) return list.filter((_, i) => i !== index);
  const out = list.slice();
  out[index] = { ...out[index], id: id ?? out[index].id, createdAt: createdAt ?? out[index].createdAt, status: 'sent', error: null };
  return out.sort(compareMessages);
}

/** `refusal`: the code of the server's refusal of a failed message (NotFound, RateLimited…), else null. */
export function withStatus(list, clientMsgId, status, error = null, refusal = null) {
  return list.map((m) => (m.clientMsgId === clientMsgId && m.id === null ? { ...m, status, error, refusal } : m));
}

/**
 * One of our messages from the moment it is typed until the server has it: pending, shown at the end of the list.
 * `replyTo`: the quote of the message it answers (replies.js quoteOf), shown while it is pending too.
 */
export function pendingMessage({ roomId, user, text, clientMsgId, seq, replyTo = null, createdAt = null }) {
  return {
    id: null, roomId, user, text, createdAt: createdAt ?? new Date().toISOString(), clientMsgId,
    editedAt: null, deletedAt: null, replyTo, reactions: null, status: 'pending', error: null, refusal: null, seq,
  };
}

/** What the outbox holds of a message of ours (the first try and every retry): it goes out again just the same. */
export function outboxEntry(room, message) {
  return { room, clientMsgId: message.clientMsgId, text: message.text, replyTo: message.replyTo?.id ?? null };
}

/** The socket `message` request of an outbox entry: `replyTo` only for a reply. */
export function messageRequest(entry) {
  const request = { roomId: entry.room.id, text: entry.text, clientMsgId: entry.clientMsgId };
  if (entry.replyTo != null) request.replyTo = entry.replyTo;
  return request;
}

export function newestId(list) {
  for (let i = list.length - 1; i >= 0; i--) if (list[i].id !== null) return list[i].id;
  return null;
}

/**
 * The id of the first of the last `unread` messages by others: where a "new messages" line goes when
 * a room with that many unread is opened. The oldest loaded one when fewer are loaded; null when none.
 */
export function firstUnreadId(list, unread, myId) {
  let left = unread;
  let first = null;
  for (let i = list.length - 1; i >= 0 && left > 0; i--) {
    const m = list[i];
    if (m.id === null || keyOf(m.user.id) === keyOf(myId)) continue;
    first = m.id;
    left--;
  }
  return first;
}

export function oldestId(list) {
  const first = list.find((m) => m.id !== null);
  return first ? first.id : null;
}

/** True when the text @mentions the user by name or username: "@alice" but not "@alicea". */
export function mentions(text, user) {
  return [user?.name, user?.username].some((name) => {
    if (!name) return false;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\w@])@${escaped}(?![\\w-])`, 'i').test(text);
  });
}

/**
 * Why a message is for `me`, so that it calls for a desktop notification: `direct` (anything in a direct
 * conversation), `mention` (it names me) or `reply` (it answers one of mine); null when it is not. `type` is what
 * a `notification` said it was, if one did.
 */
export function addressedTo(message, me, { type = null, isDirect = false } = {}) {
  if (isDirect) return 'direct';
  if (type === 'mention' || mentions(message.text ?? '', me)) return 'mention';
  const answered = message.replyTo?.user?.id;
  if (type === 'reply' || (answered != null && me && keyOf(answered) === keyOf(me.id))) return 'reply';
  return null;
}

/** A desktop notification's title for a message `addressedTo` me. */
export function addressedTitle(why, from, roomName) {
  const where = roomName ? `#${roomName}` : 'a room';
  if (why === 'direct') return `${from} (direct message)`;
  return why === 'reply' ? `${from} replied to you in ${where}` : `${from} mentioned you in ${where}`;
}

/**
 * Splits text into plain, @mention and link parts so a component can render them without HTML. Only
 * http(s) addresses become links, so a message can never carry a javascript: or data: one; punctuation
 * that ends a sentence, and a closing bracket the address did not open, stay outside the link.
 */
export function splitText(text) {
  const parts = [];
  const pattern = /https?:\/\/[^\s<>"]+/gi;
  let last = 0;
  for (let match; (match = pattern.exec(text)); ) {
    const href = trimLink(match[0]);
    if (!/^https?:\/\/[^/?#]/i.test(href)) continue; // a bare "https://" is no address
    parts.push(...splitMentions(text.slice(last, match.index)));
    parts.push({ text: href, mention: false, href });
    last = match.index + href.length;
    pattern.lastIndex = last;
  }
  parts.push(...splitMentions(text.slice(last)));
  return parts;
}

function trimLink(url) {
  for (;;) {
    const end = url.at(-1);
    const unopened = (close, open) => url.split(close).length > url.split(open).length;
    if (/[.,;:!?'*]/.test(end) || (end === ')' && unopened(')', '(')) || (end === ']' && unopened(']', '['))) {
      url = url.slice(0, -1);
    } else {
      return url;
    }
  }
}

function splitMentions(text) {
  const parts = [];
  const pattern = /(^|[^\w@])(@[\w.-]*\w)/g;
  let last = 0;
  for (let match; (match = pattern.exec(text)); ) {
    const start = match.index + match[1].length;
    if (start > last) parts.push({ text: text.slice(last, start), mention: false });
    parts.push({ text: match[2], mention: true });
    last = start + match[2].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mention: false });
  return parts;
}

/** "Alice is typing…", "Alice and Bob are typing…", "Several people are typing…". */
export function typingSentence(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return 'Several people are typing…';
}
