// Light formatting of a message's text, as chat users type it (Slack, Teams, Discord): `code`, ``` blocks,
// *bold*, _italic_, ~strike~, "> " quotes. Pure: it turns the text into a small tree of nodes that a component
// renders as elements, so the text is never parsed as HTML (a typed <script> stays text).
//
// The tree: an array of nodes, each one of
//   { type: 'text', text }            plain text
//   { type: 'br' }                    a line break between two lines of a paragraph or a quote
//   { type: 'link', href, text }      an http(s) address, as splitText finds it (text === href)
//   { type: 'mention', text }         "@name", as splitText finds it
//   { type: 'code', text }            `inline code`, nothing formatted inside
//   { type: 'strong' | 'em' | 's', children }   *bold* or **bold**, _italic_, ~strike~ or ~~strike~~
//   { type: 'pre', text }             a ``` block, its lines as typed (a language word after the fence is dropped)
//   { type: 'quote', children }       consecutive lines starting with "> ", without the "> "
// 'pre' and 'quote' (the blocks) appear only at the top level; inline nodes appear anywhere else. Formatting
// never runs over a line break. Put together, the text of the nodes (a 'br' as "\n") is the message without
// its markup: a message with none reads exactly as typed.
//
// Each step here goes once over a line, with no regular expression that backtracks over user text, so a 4000
// character message of nothing but markers costs no more than any other.
import { splitText } from './timeline.js';

const FENCE_OPEN = /^\s*```(?:[ \t]*[\w+#.-]+)?[ \t]*\r?$/; // ``` or ```js: the language word is not shown
const FENCE_CLOSE = /^\s*```[ \t]*\r?$/;
const QUOTE = '> ';
/** The characters a backslash makes literal: `\*` shows "*". A backslash before anything else stays (\\server\share). */
const ESCAPABLE = new Set(['*', '_', '~', '`']);
/** Marker character → node type; a run of the character longer than this is as typed (***, ---, __init__). */
const MARKERS = { '*': 'strong', '_': 'em', '~': 's' };
const LONGEST = { '*': 2, '_': 1, '~': 2 };
// The one everyday text that reads as an escape and an italic: it stays as typed.
const SHRUG = '¯\\_(ツ)_/¯';

const isBlock = (node) => node?.type === 'pre' || node?.type === 'quote';

/** Whether the tree has a block (a ``` block or a quote), which a <p> cannot hold. */
export const hasBlocks = (nodes) => nodes.some(isBlock);

/** The text as a tree of nodes (see above); no text, no nodes. */
export function formatText(text) {
  const lines = String(text ?? '').split('\n');
  const out = [];
  let paragraph = [];
  let afterBlock = false;
  // Empty lines next to a block are left out: a block has space around it of its own.
  const flush = (beforeBlock) => {
    if (beforeBlock) while (paragraph.at(-1) === '') paragraph.pop();
    out.push(...joinLines(paragraph));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    if (FENCE_OPEN.test(line)) {
      flush(true);
      const body = [];
      for (i++; i < lines.length && !FENCE_CLOSE.test(lines[i]); i++) body.push(lines[i]);
      i++; // the closing fence; an unclosed block runs to the end of the message
      out.push({ type: 'pre', text: body.join('\n') });
      afterBlock = true;
    } else if (line.startsWith(QUOTE)) {
      flush(true);
      const quoted = [];
      for (; i < lines.length && lines[i].startsWith(QUOTE); i++) quoted.push(lines[i].slice(QUOTE.length));
      out.push({ type: 'quote', children: joinLines(quoted) });
      afterBlock = true;
    } else {
      if (!(afterBlock && line === '')) {
        paragraph.push(line.startsWith(`\\${QUOTE}`) ? line.slice(1) : line); // "\> " shows "> " and starts no quote
        afterBlock = false;
      }
      i++;
    }
  }
  flush(false);
  return out;
}

/** Lines of a paragraph or a quote: each formatted, with a line break between them. */
function joinLines(lines) {
  const nodes = [];
  lines.forEach((line, i) => {
    if (i > 0) nodes.push({ type: 'br' });
    nodes.push(...inline(line));
  });
  return nodes;
}

/** One line: code spans first (nothing inside them is formatted), then links and mentions, then the markers. */
function inline(line) {
  return emphasis(linksAndMentions(codeSpans(line)));
}

/**
 * Splits a line into raw text (strings) and code spans: a run of backticks up to the next run of as many
 * (```x``` on one line is code too). A run with no partner is as typed; `\`` is a backtick that opens nothing.
 */
function codeSpans(line) {
  const pieces = [];
  const unpaired = new Set(); // lengths of runs with no run of that length left after them
  let raw = 0;
  for (let i = 0; i < line.length; ) {
    const c = line[i];
    if (c === '\\' && ESCAPABLE.has(line[i + 1])) {
      i += 2;
      continue;
    }
    if (c !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (line[j] === '`') j++;
    const length = j - i;
    const close = unpaired.has(length) ? -1 : closingRun(line, j, length);
    if (close < 0) {
      unpaired.add(length);
      i = j;
      continue;
    }
    if (i > raw) pieces.push(line.slice(raw, i));
    pieces.push({ type: 'code', text: line.slice(j, close) });
    i = raw = close + length;
  }
  if (raw < line.length) pieces.push(line.slice(raw));
  return pieces;
}

/** Where the next run of exactly `length` backticks starts, from `from` on; -1 when there is none. */
function closingRun(line, from, length) {
  for (let k = line.indexOf('`', from); k >= 0; k = line.indexOf('`', k)) {
    const start = k;
    while (line[k] === '`') k++;
    if (k - start === length) return start;
  }
  return -1;
}

/**
 * Raw text → plain strings, link and mention nodes (timeline.js's splitText, as before formatting). An
 * address right after a "_" or "~" that it ends with leaves that marker out: _https://x.example/_ is an italic link.
 */
function linksAndMentions(pieces) {
  const out = [];
  let before = '';
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      out.push(piece);
      before = '`';
      continue;
    }
    for (const part of splitText(piece)) {
      if (part.href) {
        let href = part.href;
        let tail = '';
        if ((before === '_' || before === '~') && href.endsWith(before)) {
          const trimmed = href.slice(0, href.endsWith(before + before) && before === '~' ? -2 : -1);
          if (/^https?:\/\/[^/?#]/i.test(trimmed)) {
            tail = href.slice(trimmed.length);
            href = trimmed;
          }
        }
        out.push({ type: 'link', href, text: href });
        if (tail) out.push(tail);
      } else if (part.mention) {
        out.push({ type: 'mention', text: part.text });
      } else if (part.text) {
        out.push(part.text);
      }
      before = part.text.at(-1) ?? before;
    }
  }
  return out;
}

/**
 * Pairs the markers in a line's items (strings, and nodes that are kept whole) and returns the line's nodes.
 * A marker opens when it is followed by a non-space and is not preceded by a letter or digit, and closes when
 * it is preceded by a non-space and not followed by a letter or digit: "*bold*" and "(_so_)" are formatted,
 * "a * b * c", "2*3*4", "snake_case_name" are not. A closing marker pairs with the open one of the same
 * character and length; markers of other characters left open inside it are as typed. While a character's
 * marker is open, another of that character opens nothing: different markers nest (*bold _and italic_*), a
 * marker never nests in itself, so the tree is at most three formatting levels deep.
 */
function emphasis(items) {
  const stack = [{ marker: '', children: [] }]; // the line, then the open markers, innermost last
  const add = (text) => {
    if (text) append(stack.at(-1).children, { type: 'text', text });
  };
  const unwind = () => {
    const frame = stack.pop();
    const parent = stack.at(-1).children;
    append(parent, { type: 'text', text: frame.marker });
    for (const child of frame.children) append(parent, child);
  };
  items.forEach((item, n) => {
    if (typeof item !== 'string') {
      append(stack.at(-1).children, item);
      return;
    }
    const special = /[\\*_~¯]/g;
    let from = 0; // start of the text not added yet
    for (let found; (found = special.exec(item)); ) {
      const i = found.index;
      const c = item[i];
      if (c === '\\') {
        if (!ESCAPABLE.has(item[i + 1])) continue;
        add(item.slice(from, i));
        add(item[i + 1]);
        from = special.lastIndex = i + 2;
        continue;
      }
      if (c === '¯') {
        if (!item.startsWith(SHRUG, i)) continue;
        special.lastIndex = i + SHRUG.length; // added with the text around it
        continue;
      }
      let j = i + 1;
      while (item[j] === c) j++;
      special.lastIndex = j;
      if (j - i > LONGEST[c]) continue;
      const marker = item.slice(i, j);
      const previous = i > 0 ? charBefore(item, i) : lastChar(items[n - 1]);
      const next = j < item.length ? charAt(item, j) : firstChar(items[n + 1]);
      const open = stack.findIndex((frame, k) => k > 0 && frame.marker[0] === c);
      if (open > 0 && stack[open].marker === marker && closes(previous, next)) {
        add(item.slice(from, i));
        from = j;
        while (stack.length - 1 > open) unwind();
        const frame = stack.pop();
        append(stack.at(-1).children, { type: MARKERS[c], children: frame.children });
      } else if (open < 0 && opens(previous, next)) {
        add(item.slice(from, i));
        from = j;
        stack.push({ marker, children: [] });
      }
    }
    add(item.slice(from));
  });
  while (stack.length > 1) unwind(); // never closed: as typed
  return stack[0].children;
}

const space = /\s/u;
const wordChar = /[\p{L}\p{N}]/u;
const opens = (previous, next) => next !== '' && !space.test(next) && !wordChar.test(previous);
const closes = (previous, next) => previous !== '' && !space.test(previous) && !wordChar.test(next);

/** The character (a whole code point, an emoji or a rare letter too) just before index i, or at it. */
function charBefore(text, i) {
  const low = text.charCodeAt(i - 1);
  return i >= 2 && low >= 0xdc00 && low <= 0xdfff ? text.slice(i - 2, i) : text[i - 1];
}
const charAt = (text, i) => String.fromCodePoint(text.codePointAt(i));

/** The edge characters of an item next to a marker: a code span's are its backticks. */
function lastChar(item) {
  if (item === undefined) return '';
  if (typeof item === 'string') return item ? charBefore(item, item.length) : '';
  return item.type === 'code' ? '`' : charBefore(item.text, item.text.length);
}
function firstChar(item) {
  if (item === undefined) return '';
  if (typeof item === 'string') return item ? charAt(item, 0) : '';
  return item.type === 'code' ? '`' : charAt(item.text, 0);
}

/** Adds a node to a list, joining text to the text before it. */
function append(list, node) {
  const last = list.at(-1);
  if (node.type === 'text' && last?.type === 'text') last.text += node.text;
  else if (node.type !== 'text' || node.text) list.push(node);
}
