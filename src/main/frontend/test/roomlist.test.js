// Direct conversations: no name of their own, each person sees the other's, and they list after the named rooms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  directRooms, normalizeRoom, otherPerson, renamePeople, roomLabel, roomOrder, roomPhrase, withRoom,
} from '../src/lib/roomlist.js';

const ALICE = 1;
const BOB = 2;
const direct = (id, ...people) => normalizeRoom({ id, visibility: 'direct', createdBy: people[0].id, people });
const alice = { id: ALICE, name: 'Alice' };
const bob = { id: BOB, name: 'Bob' };
const carol = { id: 3, name: 'Carol' };
const general = normalizeRoom({ id: 1, name: 'general', visibility: 'public', unread: 2 });
const secret = normalizeRoom({ id: 5, name: 'secret', visibility: 'private', createdBy: ALICE });

test('a direct conversation is private, has no name, and keeps both people', () => {
  const room = normalizeRoom({ id: 42, visibility: 'direct', createdBy: 1, people: [alice, bob], member: true, unread: 3 });
  assert.equal(room.isDirect, true);
  assert.equal(room.isPrivate, true, 'open to its two people only');
  assert.equal(room.name, '');
  assert.equal(room.key, '42');
  assert.equal(room.unread, 3);
  assert.deepEqual(room.people, [alice, bob]);
});

test('named rooms are as before: not direct, no people', () => {
  assert.equal(general.isDirect, false);
  assert.equal(general.isPrivate, false);
  assert.equal(general.name, 'general');
  assert.equal(secret.isPrivate, true);
  assert.equal(secret.isDirect, false);
  assert.deepEqual(secret.people, []);
});

test('the label of a direct conversation is the other person, whoever looks; a named room keeps its name', () => {
  const room = direct(42, alice, bob);
  assert.equal(roomLabel(room, ALICE), 'Bob');
  assert.equal(roomLabel(room, BOB), 'Alice');
  assert.equal(roomLabel(room, String(ALICE)), 'Bob', 'ids compare as strings');
  assert.equal(otherPerson(room, BOB).id, ALICE);
  assert.equal(roomLabel(general, ALICE), 'general');
  assert.equal(roomLabel(secret, BOB), 'secret');
  assert.equal(roomLabel(null, ALICE), '');
});

test('people sent with displayName or username are labelled as the page names users elsewhere', () => {
  const room = normalizeRoom({ id: 7, visibility: 'direct', people: [{ id: 1, name: 'Alice' }, { id: 9, username: 'dave' }] });
  assert.equal(roomLabel(room, ALICE), 'dave');
  assert.equal(roomLabel(normalizeRoom({ id: 8, visibility: 'direct' }), ALICE), 'Direct message', 'no people sent');
});

test('a sentence names a direct conversation as the conversation with the other person', () => {
  assert.equal(roomPhrase(direct(42, alice, bob), ALICE), 'your conversation with Bob');
  assert.equal(roomPhrase(general, ALICE), 'general');
});

test('room-added with a direct conversation: listed once, after the named rooms', () => {
  let list = [general, secret].sort(roomOrder);
  const added = direct(42, bob, alice);
  list = withRoom(list, added);
  assert.deepEqual(list.map((r) => r.key), ['1', '5', '42']);
  assert.equal(withRoom(list, direct(42, bob, alice)), list, 'a repeated room-added (or our own POST answer) changes nothing');
  list = withRoom(list, normalizeRoom({ id: 6, name: 'design', visibility: 'public' }));
  assert.deepEqual(list.map((r) => r.key), ['6', '1', '5', '42'], 'a named room still goes among the named ones');
});

test('the sidebar lists direct conversations by the other person, and nothing else among them', () => {
  const list = [general, secret, direct(50, alice, carol), direct(42, bob, alice)].sort(roomOrder);
  assert.deepEqual(directRooms(list, ALICE).map((r) => roomLabel(r, ALICE)), ['Bob', 'Carol']);
});

test('user-updated renames that person in every direct conversation with them, and no one else', () => {
  const withBob = direct(42, alice, bob);
  const withCarol = direct(50, alice, carol);
  const list = [general, withBob, withCarol];
  renamePeople(list, { id: '2', name: 'Robert' });
  assert.equal(roomLabel(withBob, ALICE), 'Robert');
  assert.equal(roomLabel(withCarol, ALICE), 'Carol');
  assert.equal(roomLabel(withBob, BOB), 'Alice');
  assert.equal(general.name, 'general');
  assert.deepEqual(directRooms(list, ALICE).map((r) => roomLabel(r, ALICE)), ['Carol', 'Robert'], 'and it moves in the list');
});
