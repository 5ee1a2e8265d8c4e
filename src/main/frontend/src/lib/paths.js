// The page is served at the WAR's context root, which need not be "/": resolve every server path
// against the folder the page was loaded from.
const base = typeof location === 'undefined' ? '/' : new URL('.', location.href).pathname;

export const apiPath = (path) => `${base}api/${path.replace(/^\//, '')}`;
export const socketPath = `${base}socket.io`;
