/**
 * A fresh clientMsgId. crypto.randomUUID exists only in secure contexts, and intranet servers are
 * often plain http, so fall back to getRandomValues, which exists everywhere.
 */
export function newClientMsgId() {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Ids may come as numbers or strings; maps are keyed by the string form. */
export const keyOf = (id) => (id === null || id === undefined ? '' : String(id));
