// Replies: the quote of the message answered, how copies of a reply keep it, and what the outbox sends again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  QUOTE_LENGTH, cutQuote, mergedQuote, normalizeQuote, quoteLine, quoteOf, requote,
} from '../src/lib/replies.js';
import {
  acknowledge, addressedTitle, addressedTo, mergeMessages, messageRequest, normalizeMessage, outboxEntry, pendingMessage,
  withStatus,
} from '../src/lib/timeline.js';

const alice = { id: 1, name: 'Alice', username: 'alice' };
const bob = { id: 2, name: 'Bob', username: 'bob' };
const room = { id: 7, key: '7' };
const quoted = (id, text, extra = {}) => ({ id, user: { id: 1, name: 'Alice' }, text, ...extra });
const reply = (id, replyTo, extra = {}, options = {}) => normalizeMessage({
  id, roomId: 7, user: bob, text: `reply ${id}`, createdAt: '2026-01-01T10:00:00Z', replyTo, ...extra,
}, 7, options);

test('a quote is cut as the server cuts it: 200 characters, the last one "…"', () => {
  assert.equal(cutQuote('short'), 'short');
  const exact = 'x'.repeat(QUOTE_LENGTH);
  assert.equal(cutQuote(exact), exact);
  const cut = cutQuote('y'.repeat(QUOTE_LENGTH + 1));
  assert.equal([...cut].length, QUOTE_LENGTH);
  assert.ok(cut.endsWith('y…'));
  const emoji = cutQuote('😀'.repeat(250));
  assert.equal([...emoji].length, QUOTE_LENGTH, 'characters are code points: an emoji is one, never split');
  assert.equal(emoji, `${'😀'.repeat(199)}…`);
});

test("the server's replyTo is normalized; none, or one without an id, is null", () => {
  assert.deepEqual(normalizeQuote({ id: 5, user: { id: 1, name: 'Alice', online: true }, text: 'hi' }),
    { id: 5, user: { id: 1, name: 'Alice' }, text: 'hi', deletedAt: null });
  assert.deepEqual(normalizeQuote({ id: 5, user: { id: 1, name: 'Alice' }, text: 'left', deletedAt: 'T' }),
    { id: 5, user: { id: 1, name: 'Alice' }, text: '', deletedAt: 'T' }, 'a deleted message has no text to show');
  assert.equal(normalizeQuote(undefined), null);
  assert.equal(normalizeQuote(null), null);
  assert.equal(normalizeQuote(5), null);
  assert.equal(normalizeQuote({ text: 'no id' }), null);
  assert.equal(reply(9, undefined).replyTo, null, 'a message that answers nothing');
  assert.equal(reply(9, quoted(5, 'hi')).replyTo.text, 'hi');
});

test('a held message quoted: its author, its text cut, or nothing once deleted', () => {
  const message = normalizeMessage({ id: 5, user: alice, text: 'z'.repeat(300), createdAt: 'T' }, 7);
  const quote = quoteOf(message);
  assert.deepEqual(quote.user, { id: 1, name: 'Alice' });
  assert.equal(quote.id, 5);
  assert.equal([...quote.text].length, QUOTE_LENGTH);
  assert.equal(quote.deletedAt, null);
  assert.deepEqual(quoteOf({ ...message, text: '', deletedAt: 'D' }), { id: 5, user: { id: 1, name: 'Alice' }, text: '', deletedAt: 'D' });
});

test('a copy of a reply without replyTo (an edit, an ack) keeps the quote held', () => {
  let list = mergeMessages([], [reply(9, quoted(5, 'the question'))]);
  const edit = reply(9, undefined, { text: 'reply 9, fixed', editedAt: '2026-01-01T11:00:00Z' }); // message-updated
  list = mergeMessages(list, [edit]);
  assert.equal(list[0].text, 'reply 9, fixed');
  assert.equal(list[0].replyTo.text, 'the question');
  assert.equal(mergeMessages(list, [reply(9, undefined)]), list, 'an older copy without it changes nothing');
});

test('a history copy with replyTo replaces the held quote: the answered message as it now is', () => {
  let list = mergeMessages([], [reply(9, quoted(5, 'the question'))]); // live: as it was then
  list = mergeMessages(list, [reply(9, quoted(5, 'the question, edited'), {}, { history: true })]);
  assert.equal(list[0].replyTo.text, 'the question, edited');
  const same = mergeMessages(list, [reply(9, quoted(5, 'the question, edited'), {}, { history: true })]);
  assert.equal(same, list, 'the same quote again changes nothing');
  list = mergeMessages(list, [reply(9, quoted(5, '', { deletedAt: 'D' }), {}, { history: true })]);
  assert.equal(list[0].replyTo.deletedAt, 'D');
  assert.equal(list[0].replyTo.text, '');
});

test('a quote saying the answered message was deleted never gets its text back from an older copy', () => {
  let list = mergeMessages([], [reply(9, quoted(5, '', { deletedAt: 'D' }), {}, { history: true })]);
  list = mergeMessages(list, [reply(9, quoted(5, 'the question'))]); // the live event, late
  assert.equal(list[0].replyTo.deletedAt, 'D');
  assert.equal(list[0].replyTo.text, '');
});

test('the broadcast of our pending reply keeps a quote, whether or not it carries one', () => {
  const mine = pendingMessage({ roomId: 7, user: alice, text: 'yes', clientMsgId: 'c-1', seq: 1, replyTo: quoted(5, 'q?') });
  const broadcast = (replyTo) => normalizeMessage({ id: 10, roomId: 7, user: alice, text: 'yes', clientMsgId: 'c-1', replyTo }, 7);
  let list = mergeMessages([mine], [broadcast(quoted(5, 'q? (as the server has it)'))]);
  assert.equal(list[0].status, 'sent');
  assert.equal(list[0].replyTo.text, 'q? (as the server has it)');
  list = mergeMessages([mine], [broadcast(undefined)]);
  assert.equal(list[0].replyTo.text, 'q?', 'a copy that says nothing keeps ours');
  list = acknowledge([mine], 'c-1', { id: 10, createdAt: 'T' });
  assert.equal(list[0].replyTo.text, 'q?', 'the ack keeps it');
});

test('an answered message edited or deleted: the replies held quote it as it now is', () => {
  const list = [reply(9, quoted(5, 'the question')), reply(10, quoted(6, 'other')), reply(11, undefined)];
  const edited = normalizeMessage({ id: 5, user: alice, text: 'the question, edited', editedAt: 'E' }, 7);
  let after = requote(list, [edited]);
  assert.equal(after[0].replyTo.text, 'the question, edited');
  assert.equal(after[1], list[1], 'other replies are untouched');
  assert.equal(after[2], list[2]);
  assert.equal(requote(after, [edited]), after, 'the same again changes nothing');
  after = requote(after, [{ ...edited, text: '', deletedAt: 'D' }]);
  assert.deepEqual([after[0].replyTo.text, after[0].replyTo.deletedAt], ['', 'D']);
  assert.equal(requote(after, [edited]), after, 'a deletion is final');
  assert.equal(requote(list, []), list);
});

test('a reply goes out with replyTo, and its retries (after a refusal or a reconnect) with the same one', () => {
  const message = pendingMessage({ roomId: 7, user: alice, text: 'yes', clientMsgId: 'c-1', seq: 1, replyTo: quoted('5', 'q?') });
  assert.equal(message.status, 'pending');
  assert.equal(message.replyTo.id, '5', 'shown with its quote while pending');
  const first = outboxEntry(room, message);
  assert.deepEqual(messageRequest(first), { roomId: 7, text: 'yes', clientMsgId: 'c-1', replyTo: '5' });
  // refused (or never answered), then sent again: the entry is made anew from the message shown
  const [failed] = withStatus([message], 'c-1', 'failed', 'Too many messages at once.', 'RateLimited');
  assert.equal(failed.refusal, 'RateLimited');
  assert.deepEqual(messageRequest(outboxEntry(room, failed)), messageRequest(first));
  const [again] = withStatus([failed], 'c-1', 'pending');
  assert.equal(again.refusal, null);
  assert.deepEqual(again.replyTo, message.replyTo);
});

test('a message that answers nothing goes out without replyTo', () => {
  const message = pendingMessage({ roomId: 7, user: alice, text: 'hi', clientMsgId: 'c-2', seq: 2 });
  assert.equal(message.replyTo, null);
  const request = messageRequest(outboxEntry(room, message));
  assert.deepEqual(request, { roomId: 7, text: 'hi', clientMsgId: 'c-2' });
  assert.equal('replyTo' in request, false);
});

test("a quote's excerpt is one line of plain text", () => {
  assert.equal(quoteLine('first line\nsecond   line'), 'first line second line');
  assert.equal(quoteLine('```js\nconst x = 1;\n```\nsee?'), 'const x = 1; see?', 'the fences go, the code stays');
  assert.equal(quoteLine('> they said\nI agree'), 'they said I agree');
  assert.equal(quoteLine('*bold* and https://example.com/x'), '*bold* and https://example.com/x', 'as typed, never formatted');
  assert.equal(quoteLine('  \n '), '');
  assert.equal(quoteLine(undefined), '');
});

test('a message is for me when it is direct, names me or answers mine; the title says which', () => {
  const me = { id: 1, name: 'Alice', username: 'alice' };
  const plain = { text: 'hello all', user: { id: 2, name: 'Bob' } };
  assert.equal(addressedTo(plain, me), null);
  assert.equal(addressedTo(plain, me, { isDirect: true }), 'direct');
  assert.equal(addressedTo({ ...plain, text: 'hi @alice' }, me), 'mention');
  assert.equal(addressedTo({ ...plain, replyTo: { id: 9, user: { id: 1, name: 'Alice' }, text: 'q' } }, me), 'reply');
  assert.equal(addressedTo({ ...plain, replyTo: { id: 9, user: { id: 3, name: 'Carol' }, text: 'q' } }, me), null);
  assert.equal(addressedTo(plain, me, { type: 'reply' }), 'reply', 'as a notification said');
  assert.equal(addressedTo({ ...plain, text: 'hi @alice' }, me, { isDirect: true }), 'direct');
  assert.equal(addressedTitle('reply', 'Bob', 'general'), 'Bob replied to you in #general');
  assert.equal(addressedTitle('mention', 'Bob', 'general'), 'Bob mentioned you in #general');
  assert.equal(addressedTitle('direct', 'Bob', ''), 'Bob (direct message)');
});
