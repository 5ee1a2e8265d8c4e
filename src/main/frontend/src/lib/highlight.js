// Where a search query occurs in a message, as the server matches it (GET /api/search): the trimmed
// query as a plain substring, any case. Pure, so that node's test runner can check it.

/** Escapes every character a RegExp reads as syntax; the set is also valid with the `u` flag. */
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// `u` makes the case folding Unicode's (É/é, 𐐀/𐐨) and never splits a surrogate pair.
const pattern = (query) => new RegExp(literal(query), 'giu');

/**
 * Splits text into parts, `match: true` for each occurrence of the query, so that a component can
 * wrap those in <mark> without any HTML. No query, or none found: the text as one plain part.
 */
export function highlightParts(text, query) {
  const q = String(query ?? '').trim();
  if (!q) return text ? [{ text, match: false }] : [];
  const parts = [];
  let last = 0;
  for (const found of text.matchAll(pattern(q))) {
    if (found.index > last) parts.push({ text: text.slice(last, found.index), match: false });
    parts.push({ text: found[0], match: true });
    last = found.index + found[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

/**
 * At most about `max` characters of a long text, cut so that the first occurrence of the query is in
 * it (a third of the way in, less for a long query), with "…" where text was left out. A message may have 4000 characters
 * and the match be at its end; a list of results shows a few lines of each.
 */
export function excerpt(text, query, max = 280) {
  if (text.length <= max) return text;
  const q = String(query ?? '').trim();
  const at = q ? text.search(pattern(q)) : -1;
  const lead = Math.max(0, Math.min(Math.floor(max / 3), max - q.length));
  let start = Math.max(0, Math.min(at - lead, text.length - max));
  let end = start + max;
  // never half of a surrogate pair (an emoji) at either edge
  if (isLowSurrogate(text.charCodeAt(start))) start++;
  if (isLowSurrogate(text.charCodeAt(end))) end--;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

const isLowSurrogate = (code) => code >= 0xdc00 && code <= 0xdfff;
