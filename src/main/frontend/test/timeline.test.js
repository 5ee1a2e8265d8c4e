// The merge rules the page relies on for "no gaps, no duplicates, own messages once".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acknowledge, lastEditable, mentions, mergeMessages, newestId, normalizeMessage, normalizeReactions, oldestId,
  firstUnreadId, splitText, typingSentence, withReactions,
} from '../src/lib/timeline.js';

const alice = { id: 1, name: 'Alice', username: 'alice' };
const bob = { id: 2, name: 'Bob', username: 'bob' };
const server = (id, user, text, clientMsgId = null) =>
  normalizeMessage({ id, roomId: 7, user, text, createdAt: `2026-01-01T10:00:${String(id % 60).padStart(2, '0')}Z`, clientMsgId });
const pending = (clientMsgId, text, seq) => ({
  id: null, roomId: 7, user: alice, text, createdAt: null, clientMsgId, status: 'pending', error: null, seq,
});
const edited = (message, text, editedAt) => normalizeMessage({ ...message, text, editedAt });
const deleted = (message, deletedAt) => normalizeMessage({ ...message, text: '', deletedAt });

test('history pages, catch-up and live messages that overlap are kept once each, in id order', () => {
  let list = mergeMessages([], [server(5, bob, 'e'), server(6, bob, 'f')]);
  list = mergeMessages(list, [server(7, bob, 'g')]); // live
  list = mergeMessages(list, [server(6, bob, 'f'), server(7, bob, 'g'), server(8, bob, 'h')]); // catch-up after=5
  list = mergeMessages(list, [server(3, bob, 'c'), server(4, bob, 'd')]); // older page
  assert.deepEqual(list.map((m) => m.id), [3, 4, 5, 6, 7, 8]);
});

test('a merge that adds nothing returns the same list, so the view does not re-render', () => {
  const list = mergeMessages([], [server(1, bob, 'a')]);
  assert.equal(mergeMessages(list, [server(1, bob, 'a')]), list);
});

test('numeric ids sort as numbers, also beyond 2^53 and when sent as strings', () => {
  const list = mergeMessages([], [server('9007199254740993', bob, 'big'), server('10', bob, 'ten'), server(9, bob, 'nine')]);
  assert.deepEqual(list.map((m) => String(m.id)), ['9', '10', '9007199254740993']);
});

test('our own message appears once: the broadcast replaces the pending copy by clientMsgId', () => {
  let list = [pending('c-1', 'hi', 1)];
  list = mergeMessages(list, [server(10, alice, 'hi', 'c-1')]);
  assert.equal(list.length, 1);
  assert.equal(list[0].id, 10);
  assert.equal(list[0].status, 'sent');
  list = acknowledge(list, 'c-1', { id: 10, createdAt: 'x' });
  assert.equal(list.length, 1);
});

test('our own message appears once when the ack comes before the broadcast', () => {
  let list = acknowledge([pending('c-1', 'hi', 1)], 'c-1', { id: 10, createdAt: '2026-01-01T10:00:10Z' });
  assert.equal(list[0].status, 'sent');
  list = mergeMessages(list, [server(10, alice, 'hi', 'c-1')]);
  assert.deepEqual(list.map((m) => m.id), [10]);
});

test('the ack of a message whose broadcast is already listed under its id drops the pending copy', () => {
  // The catch-up brought the server copy before the pending one was matched (e.g. no clientMsgId echoed).
  const list = [server(10, alice, 'hi'), pending('c-1', 'hi', 1)];
  assert.deepEqual(acknowledge(list, 'c-1', { id: 10 }).map((m) => m.id), [10]);
});

test("another user's message with the same clientMsgId does not replace ours", () => {
  const list = mergeMessages([pending('c-1', 'mine', 1)], [server(11, bob, 'theirs', 'c-1')]);
  assert.equal(list.length, 2);
  assert.equal(list.find((m) => m.id === null).text, 'mine');
});

test('pending messages stay after all server messages, in the order they were typed', () => {
  const list = mergeMessages([pending('b', 'second', 2), pending('a', 'first', 1)], [server(3, bob, 'x')]);
  assert.deepEqual(list.map((m) => m.text), ['x', 'first', 'second']);
  assert.equal(newestId(list), 3);
  assert.equal(oldestId(list), 3);
});

test('an edit replaces the held copy in place', () => {
  const list = mergeMessages([], [server(1, bob, 'a'), server(2, bob, 'b')]);
  const after = mergeMessages(list, [edited(list[0], 'a, fixed', '2026-01-01T11:00:00Z')]);
  assert.deepEqual(after.map((m) => m.text), ['a, fixed', 'b']);
  assert.equal(after[0].editedAt, '2026-01-01T11:00:00Z');
  assert.equal(after[1], list[1]);
});

test('a later edit beats an earlier one, whatever the order they come in', () => {
  const [original] = mergeMessages([], [server(1, bob, 'a')]);
  const first = edited(original, 'one', '2026-01-01T11:00:00Z');
  const second = edited(original, 'two', '2026-01-01T11:00:00.5Z');
  assert.equal(mergeMessages([original], [first, second])[0].text, 'two');
  assert.equal(mergeMessages([original], [second, first])[0].text, 'two');
});

test('a history page fetched before an edit does not undo it', () => {
  const list = mergeMessages([], [edited(server(1, bob, 'a'), 'a, fixed', '2026-01-01T11:00:00Z')]);
  assert.equal(mergeMessages(list, [server(1, bob, 'a'), server(2, bob, 'b')])[0].text, 'a, fixed');
  const again = edited(list[0], 'a, fixed', '2026-01-01T11:00:00Z');
  assert.equal(mergeMessages(list, [again]), list, 'the same version changes nothing');
});

test('a tombstone replaces the message, and no older copy or edit brings it back', () => {
  const original = server(1, bob, 'a');
  const tombstone = deleted(original, '2026-01-01T12:00:00Z');
  let list = mergeMessages([original, server(2, bob, 'b')], [tombstone]);
  assert.equal(list[0].deletedAt, '2026-01-01T12:00:00Z');
  assert.equal(list[0].text, '');
  const stale = [original, edited(original, 'late edit', '2026-01-01T13:00:00Z'), deleted(original, '2026-01-01T14:00:00Z')];
  assert.equal(mergeMessages(list, stale), list);
});

test('an edit or deletion of a message not held yet is added in id order', () => {
  const list = mergeMessages([], [server(1, bob, 'a'), server(3, bob, 'c'), pending('c-1', 'mine', 1)]);
  const after = mergeMessages(list,
    [deleted(server(2, bob, 'b'), '2026-01-01T12:00:00Z'), edited(server(4, bob, 'd'), 'd!', '2026-01-01T12:00:00Z')]);
  assert.deepEqual(after.map((m) => m.id), [1, 2, 3, 4, null]);
  assert.equal(after[3].text, 'd!');
});

test('ArrowUp edits the newest of our own messages that the server has and that is not deleted', () => {
  const list = [server(1, alice, 'old'), server(2, alice, 'newest sent'), server(3, bob, 'theirs'),
    deleted(server(4, alice, 'gone'), '2026-01-01T12:00:00Z'), pending('c-1', 'unsent', 1)];
  assert.equal(lastEditable(list, alice.id).id, 2);
  assert.equal(lastEditable(list, 99), null);
});

test('mentions match @name or @username as a whole word, case-insensitively', () => {
  assert.ok(mentions('hey @alice look', alice));
  assert.ok(mentions('@Alice: look', alice));
  assert.ok(!mentions('hey @alicea', alice));
  assert.ok(!mentions('mail alice@example.com', alice));
  assert.ok(!mentions('no mention', alice));
});

test('text is split into plain and mention parts, losing nothing and adding no markup', () => {
  const text = 'hi @bob <script>alert(1)</script> and @carol.';
  const parts = splitText(text);
  assert.equal(parts.map((p) => p.text).join(''), text);
  assert.deepEqual(parts.filter((p) => p.mention).map((p) => p.text), ['@bob', '@carol']);
  assert.deepEqual(parts.filter((p) => p.href), []);
});

test('http and https addresses become links, without the punctuation that ends the sentence', () => {
  const text = 'see https://wiki.example/Page_(x), (also http://a.example/b?q=1&r=2#top). @bob: https://x.example/@carol!';
  const parts = splitText(text);
  assert.equal(parts.map((p) => p.text).join(''), text);
  assert.deepEqual(parts.filter((p) => p.href).map((p) => p.href),
    ['https://wiki.example/Page_(x)', 'http://a.example/b?q=1&r=2#top', 'https://x.example/@carol']);
  assert.deepEqual(parts.filter((p) => p.mention).map((p) => p.text), ['@bob'], 'no mention inside a link');
});

test('nothing but http(s) becomes a link', () => {
  for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'https://', 'ftp://files.example/x',
    'HTTPS://"onmouseover=alert(1)']) {
    assert.deepEqual(splitText(text).filter((p) => p.href), [], text);
  }
});

test('typing sentence names up to three people', () => {
  assert.equal(typingSentence([]), '');
  assert.equal(typingSentence(['Alice']), 'Alice is typing…');
  assert.equal(typingSentence(['Alice', 'Bob']), 'Alice and Bob are typing…');
  assert.equal(typingSentence(['A', 'B', 'C', 'D']), 'Several people are typing…');
});

test('the new-messages line goes above the oldest of the unread messages by others', () => {
  const list = [server(1, bob, 'a'), server(2, alice, 'b'), server(3, bob, 'c'), server(4, alice, 'd'),
    server(5, bob, 'e'), pending('c1', 'mine, unsent', 1)];
  assert.equal(firstUnreadId(list, 2, alice.id), 3, 'own messages are never unread');
  assert.equal(firstUnreadId(list, 1, alice.id), 5);
  assert.equal(firstUnreadId(list, 9, alice.id), 1, 'more unread than loaded: the oldest loaded');
  assert.equal(firstUnreadId(list, 0, alice.id), null);
  assert.equal(firstUnreadId([], 3, alice.id), null);
});

// Reactions: only a history copy and `message-reactions` (or a react ack) say what they are.
const thumbs = (...users) => ({ emoji: '👍', users });
const party = (...users) => ({ emoji: '🎉', users });
const fromHistory = (message, reactions) => normalizeMessage({ ...message, reactions }, 7, { history: true });
const emojiOf = (message) => (message.reactions ?? []).map((r) => `${r.emoji}${r.users.map((u) => u.id).join('+')}`);

test('a history copy brings its reactions; a later copy without the field keeps them', () => {
  const original = server(1, bob, 'a');
  let list = mergeMessages([], [fromHistory(original, [thumbs(alice, bob), party(bob)])]);
  assert.deepEqual(emojiOf(list[0]), ['👍1+2', '🎉2']);
  const live = mergeMessages(list, [server(1, bob, 'a')]); // the same message again, live or from an ack
  assert.equal(live, list, 'nothing changed');
  list = mergeMessages(list, [edited(original, 'a, fixed', '2026-01-01T11:00:00Z')]); // message-updated
  assert.equal(list[0].text, 'a, fixed');
  assert.deepEqual(emojiOf(list[0]), ['👍1+2', '🎉2'], 'an edit says nothing about reactions');
});

test('a history copy without the field means none: they were all taken back meanwhile', () => {
  const original = server(1, bob, 'a');
  const list = mergeMessages([], [fromHistory(original, [thumbs(alice)])]);
  const after = mergeMessages(list, [fromHistory(original, undefined)]);
  assert.deepEqual(after[0].reactions, []);
});

test('a history page fetched before an edit brings its reactions, and keeps the newer text', () => {
  const original = server(1, bob, 'a');
  const list = mergeMessages([], [edited(original, 'a, fixed', '2026-01-01T11:00:00Z')]);
  const after = mergeMessages(list, [fromHistory(original, [party(alice)])]);
  assert.equal(after[0].text, 'a, fixed');
  assert.equal(after[0].editedAt, '2026-01-01T11:00:00Z');
  assert.deepEqual(emojiOf(after[0]), ['🎉1']);
  assert.equal(mergeMessages(after, [fromHistory(original, [party(alice)])]), after, 'the same reactions again change nothing');
});

test('our own message keeps the reactions its history copy brought when its ack or broadcast comes later', () => {
  let list = acknowledge([pending('c-1', 'hi', 1)], 'c-1', { id: 10, createdAt: '2026-01-01T10:00:10Z' });
  list = mergeMessages(list, [fromHistory(server(10, alice, 'hi', 'c-1'), [thumbs(bob)])]); // a catch-up page
  list = mergeMessages(list, [server(10, alice, 'hi', 'c-1')]); // the broadcast, late
  assert.deepEqual(emojiOf(list[0]), ['👍2']);
});

test('message-reactions replaces what is held; an empty list means none', () => {
  const list = mergeMessages([], [fromHistory(server(1, bob, 'a'), [thumbs(alice)]), server(2, bob, 'b')]);
  let after = withReactions(list, '1', [thumbs(alice, bob), party(bob)]);
  assert.deepEqual(emojiOf(after[0]), ['👍1+2', '🎉2']);
  assert.equal(after[1], list[1], 'the other messages are untouched');
  after = withReactions(after, 2, [party(alice)]);
  assert.deepEqual(emojiOf(after[1]), ['🎉1'], 'a message that had none gets them');
  after = withReactions(after, 1, []);
  assert.deepEqual(after[0].reactions, []);
  assert.equal(withReactions(after, 1, []), after, 'the same reactions again change nothing');
  assert.equal(withReactions(after, 99, [thumbs(alice)]), after, 'a message not held waits for its page');
});

test('a deleted message has no reactions, and none come back', () => {
  const original = server(1, bob, 'a');
  let list = mergeMessages([], [fromHistory(original, [thumbs(alice)])]);
  list = mergeMessages(list, [deleted(original, '2026-01-01T12:00:00Z')]); // message-deleted
  assert.deepEqual(list[0].reactions, []);
  assert.equal(withReactions(list, 1, [thumbs(alice)]), list, 'a late message-reactions');
  assert.equal(mergeMessages(list, [fromHistory(original, [thumbs(alice)])]), list, 'a page fetched before the deletion');
});

test('reactions are normalized: people as { id, name }, an emoji no one has left out, one told twice kept once', () => {
  assert.deepEqual(normalizeReactions([{ emoji: '👍', users: [{ id: 1, name: 'Alice', online: true }] },
    { emoji: '🎉', users: [] }, { users: [alice] }, null, { emoji: '👍', users: [bob] }]),
  [{ emoji: '👍', users: [{ id: 1, name: 'Alice' }] }]);
  assert.deepEqual(normalizeReactions(undefined), []);
  assert.equal(normalizeMessage({ id: 1, text: 'live' }).reactions, null, 'a live copy says nothing');
  assert.deepEqual(normalizeMessage({ id: 1, text: 'page' }, 7, { history: true }).reactions, []);
});
