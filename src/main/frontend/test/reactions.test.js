// A reaction's chip: what it shows, whether it is pressed (mine), and who it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PICKER_EMOJI, chipOf } from '../src/lib/reactions.js';

const alice = { id: 1, name: 'Alice' };
const bob = { id: 2, name: 'Bob' };
const me = { id: 3, name: 'Carol' };

test('a chip shows the emoji and how many reacted, and names them', () => {
  assert.deepEqual(chipOf({ emoji: '👍', users: [alice, bob] }, me.id),
    { emoji: '👍', count: 2, pressed: false, title: 'Alice, Bob', label: '👍 2: Alice and Bob' });
});

test('it is pressed when I am among them, and calls me "you"', () => {
  const chip = chipOf({ emoji: '🎉', users: [alice, me] }, me.id);
  assert.equal(chip.pressed, true);
  assert.equal(chip.title, 'Alice, you');
  assert.equal(chip.label, '🎉 2: Alice and you');
  assert.equal(chipOf({ emoji: '🎉', users: [me, alice, bob] }, String(me.id)).label, '🎉 3: You, Alice and Bob',
    'ids compare as strings, and a sentence starts with a capital');
  assert.equal(chipOf({ emoji: '🎉', users: [me] }, me.id).title, 'You');
});

test('a crowd is named in part and counted', () => {
  const users = Array.from({ length: 25 }, (_, i) => ({ id: 100 + i, name: `P${i}` }));
  const chip = chipOf({ emoji: '👀', users }, me.id);
  assert.equal(chip.count, 25);
  assert.ok(chip.label.startsWith('👀 25: P0, P1, '));
  assert.ok(chip.label.endsWith('P18 and 6 others'), chip.label);
  assert.ok(chip.title.endsWith('P18, 6 others'), chip.title);
});

test('no one signed in presses nothing', () => {
  assert.equal(chipOf({ emoji: '👍', users: [{ id: null, name: 'x' }] }, null).pressed, false);
});

test('the picker offers eight emoji, each once', () => {
  assert.equal(PICKER_EMOJI.length, 8);
  assert.equal(new Set(PICKER_EMOJI).size, 8);
});
