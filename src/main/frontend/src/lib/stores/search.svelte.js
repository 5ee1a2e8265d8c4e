// Message search (GET /api/search): the query, where to look, and the results shown, page by page.
// Kept while the search panel is closed, so that after opening one result the others are still there.
import { api, listOf } from '../api.js';
import { keyOf } from '../ids.js';
import { normalizeMessage } from '../timeline.js';

const PAGE_SIZE = 20;

export const search = $state({
  /** What the search field holds. */
  query: '',
  /** 'all' rooms, or the active 'room' only. */
  scope: 'all',
  /** The search the results answer, { q, roomId }, or null before the first. */
  ran: null,
  /** Newest first, as the server sends them. */
  results: [],
  hasMore: false,
  busy: false,
  error: null,
});

// Only the latest request may write: an answer to an older search that comes late is dropped.
let latest = 0;

/** Forgets the search on sign-out: the next person at this browser must not find the last one's results. */
export function resetSearch() {
  latest++;
  Object.assign(search, { query: '', scope: 'all', ran: null, results: [], hasMore: false, busy: false, error: null });
}

/** Runs the query in the field, over every readable room or over `roomId` alone; a blank query runs nothing. */
export function runSearch(roomId = null) {
  const q = search.query.trim();
  if (!q) return;
  search.ran = { q, roomId };
  search.results = [];
  search.hasMore = false;
  return fetchPage(null);
}

/** The next page: the messages older than the oldest one shown. */
export function searchMore() {
  if (!search.ran || search.busy || !search.hasMore) return;
  return fetchPage(search.results.at(-1).id);
}

async function fetchPage(before) {
  const request = ++latest;
  const { q, roomId } = search.ran;
  const params = new URLSearchParams({ q, limit: String(PAGE_SIZE) });
  if (roomId != null) params.set('roomId', roomId);
  if (before != null) params.set('before', before);
  search.busy = true;
  search.error = null;
  try {
    const data = await api(`search?${params}`);
    if (request !== latest) return;
    const shown = new Set(search.results.map((m) => keyOf(m.id)));
    const page = listOf(data, 'messages').map((raw) => normalizeMessage(raw)).filter((m) => !shown.has(keyOf(m.id)));
    search.results = [...search.results, ...page];
    search.hasMore = Boolean(data?.hasMore) && page.length > 0;
  } catch (err) {
    if (request !== latest) return;
    // A 400 is about the query (blank, too long): the server's words say what to change.
    search.error = err.status === 400 ? err.message : `Could not search: ${err.message}`;
  } finally {
    if (request === latest) search.busy = false;
  }
}
