// Search results mark each occurrence of the query as the server matched it: plain text, any case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerpt, highlightParts } from '../src/lib/highlight.js';

const marked = (parts) => parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

test('every occurrence is marked, whatever its case, and the parts put together are the text', () => {
  const text = 'Coffee? COFFEE! decaf coffee';
  const parts = highlightParts(text, 'coffee');
  assert.equal(marked(parts), '[Coffee]? [COFFEE]! decaf [coffee]');
  assert.equal(parts.map((p) => p.text).join(''), text);
});

test('the query is trimmed, as the server trims it', () => {
  assert.equal(marked(highlightParts('the new build', '  new ')), 'the [new] build');
});

test('regular expression syntax in the query is plain text', () => {
  assert.equal(marked(highlightParts('a.b axb', 'a.b')), '[a.b] axb');
  assert.equal(marked(highlightParts('f(x) = [1] + $2 ^ 3 | y? *z* {4} \\n', '(x)')), 'f[(x)] = [1] + $2 ^ 3 | y? *z* {4} \\n');
  for (const q of ['[1]', '$2', '^ 3', '| y?', '*z*', '{4}', '\\n', '+', '.', '/', '-']) {
    assert.ok(highlightParts('f(x) = [1] + $2 ^ 3 | y? *z* {4} \\n /-.', q).some((p) => p.match && p.text === q), q);
  }
  assert.equal(marked(highlightParts('aaa', '.')), 'aaa');
});

test('Unicode: accented and non-Latin letters in any case, emoji and letters beyond the BMP', () => {
  assert.equal(marked(highlightParts('École et ÉCOLE', 'école')), '[École] et [ÉCOLE]');
  assert.equal(marked(highlightParts('ΣΟΦΊΑ σοφία', 'σοφία')), '[ΣΟΦΊΑ] [σοφία]');
  assert.equal(marked(highlightParts('회의는 3시 회의', '회의')), '[회의]는 3시 [회의]');
  assert.equal(marked(highlightParts('ship it 🚀🚀 now', '🚀')), 'ship it [🚀][🚀] now');
  assert.equal(marked(highlightParts('Deseret 𐐀 and 𐐨', '𐐨')), 'Deseret [𐐀] and [𐐨]');
});

test('occurrences do not overlap, and back to back ones are separate marks', () => {
  assert.equal(marked(highlightParts('aaaa', 'aa')), '[aa][aa]');
  assert.equal(marked(highlightParts('aaa', 'aa')), '[aa]a');
});

test('no query or no occurrence: the text as one plain part; no text: no parts', () => {
  assert.deepEqual(highlightParts('hello', ''), [{ text: 'hello', match: false }]);
  assert.deepEqual(highlightParts('hello', '   '), [{ text: 'hello', match: false }]);
  assert.deepEqual(highlightParts('hello', 'bye'), [{ text: 'hello', match: false }]);
  assert.deepEqual(highlightParts('', 'x'), []);
});

test('a short text is shown whole', () => {
  assert.equal(excerpt('short one', 'one', 280), 'short one');
});

test('a long text is cut around its first occurrence, with … where text was left out', () => {
  const text = `${'x'.repeat(1000)} needle ${'y'.repeat(1000)}`;
  const cut = excerpt(text, 'NEEDLE', 90);
  assert.ok(cut.startsWith('…') && cut.endsWith('…'), cut);
  assert.ok(cut.includes('needle'));
  assert.equal(cut.length, 92);
  assert.ok(excerpt(`needle ${'y'.repeat(1000)}`, 'needle', 90).startsWith('needle'));
  const atEnd = excerpt(`${'x'.repeat(1000)} needle`, 'needle', 90);
  assert.ok(atEnd.startsWith('…') && atEnd.endsWith(' needle'), atEnd);
  assert.ok(excerpt(`${'x'.repeat(1000)}`, 'absent', 90).startsWith('xxx'));
});

test('a long query stays whole in the excerpt', () => {
  const q = 'q'.repeat(80);
  assert.ok(excerpt(`${'x'.repeat(500)}${q}${'y'.repeat(500)}`, q, 90).includes(q));
});

test('an excerpt never cuts an emoji in half', () => {
  const text = '😀'.repeat(300);
  for (const max of [89, 90, 91]) {
    const cut = excerpt(`${text} needle ${text}`, 'needle', max);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(cut), `max ${max}`);
  }
});
