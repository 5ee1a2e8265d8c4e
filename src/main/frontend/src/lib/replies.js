// Pure rules of replies (a quote of the message answered, not threads), kept apart from the components so node's
// test runner can check them. A quote is { id, user: { id, name }, text, deletedAt }: the answered message's text
// cut as the server cuts it, empty once that message is deleted. The live `message` event quotes the message as it
// was when the reply was sent, the history as it now is; `message-updated` of a reply says nothing of it.
import { keyOf } from './ids.js';

/** The server's length of a quoted text, in characters (code points): longer ones end in "…". */
export const QUOTE_LENGTH = 200;

/** A text as a quote carries it: at most QUOTE_LENGTH characters, the last of them "…" when it was cut. */
export function cutQuote(text) {
  const chars = [...String(text ?? '')];
  return chars.length <= QUOTE_LENGTH ? chars.join('') : `${chars.slice(0, QUOTE_LENGTH - 1).join('')}…`;
}

/** The `replyTo` of a message as the server tells it, or null: none, or nothing usable. */
export function normalizeQuote(raw) {
  if (!raw || typeof raw !== 'object' || raw.id == null) return null;
  const user = raw.user && typeof raw.user === 'object' ? raw.user : {};
  const deletedAt = raw.deletedAt ?? null;
  return {
    id: raw.id,
    user: { id: user.id ?? null, name: String(user.name ?? user.displayName ?? user.username ?? 'someone') },
    text: deletedAt ? '' : String(raw.text ?? ''),
    deletedAt,
  };
}

/** The quote of a message this page holds: what our own reply shows while pending, and the composer's reply bar. */
export function quoteOf(message) {
  const deletedAt = message.deletedAt ?? null;
  return {
    id: message.id,
    user: { id: message.user.id, name: message.user.name },
    text: deletedAt ? '' : cutQuote(message.text),
    deletedAt,
  };
}

export function sameQuote(a, b) {
  if (!a || !b) return !a && !b;
  return keyOf(a.id) === keyOf(b.id) && a.text === b.text && (a.deletedAt ?? null) === (b.deletedAt ?? null)
    && keyOf(a.user.id) === keyOf(b.user.id) && a.user.name === b.user.name;
}

/**
 * The quote to keep when another copy of a reply arrives: a copy without one (an edit, an ack) keeps the held one,
 * a copy with one replaces it (the history's is as the answered message now is). A deletion is final: a quote that
 * says the answered message was deleted never gets its text back from a copy told before that.
 */
export function mergedQuote(held, incoming) {
  if (!incoming) return held ?? null;
  if (held?.deletedAt && !incoming.deletedAt) return held;
  return sameQuote(held, incoming) ? held : incoming;
}

/**
 * The quotes of the answered messages among `originals` (as they now are: edited, deleted) brought up to date in
 * the replies of the list, as the history would show them. The same list when no quote changes.
 */
export function requote(list, originals) {
  const now = new Map(originals.filter((m) => m?.id != null).map((m) => [keyOf(m.id), m]));
  if (now.size === 0) return list;
  let out = list;
  list.forEach((reply, i) => {
    const original = reply.replyTo ? now.get(keyOf(reply.replyTo.id)) : undefined;
    if (!original) return;
    const quote = mergedQuote(reply.replyTo, quoteOf(original));
    if (quote === reply.replyTo) return;
    if (out === list) out = list.slice();
    out[i] = { ...reply, replyTo: quote };
  });
  return out;
}

const FENCE = /^\s*```[\w+#.-]*\s*$/;

/**
 * A quoted text on one line, as plain text: its lines joined, a ``` block's fences and the "> " of quoted lines
 * left out, runs of white space made one space. Other markers stay as typed: the quote is never formatted.
 */
export function quoteLine(text) {
  return String(text ?? '')
    .split('\n')
    .filter((line) => !FENCE.test(line))
    .map((line) => (line.startsWith('> ') ? line.slice(2) : line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
