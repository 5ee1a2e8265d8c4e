// The one Socket.IO connection of the page, and its state for the status bar. Reconnection,
// buffering and acknowledgements are socket.io-client's own; this module only reports on them.
import { io } from 'socket.io-client';
import { socketPath } from '../paths.js';

/**
 * status: 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused'
 * 'refused' means the server turned the connection down (no valid session): the client does not
 * retry by itself then.
 */
export const connection = $state({
  status: 'idle',
  attempt: 0,
  error: null,
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  everConnected: false,
});

let socket = null;
let usedToken = false;
const connectHooks = new Set();
const refusedHooks = new Set();
const troubleHooks = new Set();

/**
 * Opens the connection: same origin, the session cookie, and a token when the page has one.
 * token() is asked before every attempt; dropToken() is called when the server refused it.
 */
export function openSocket({ token = () => null, dropToken = () => {} } = {}) {
  closeSocket();
  const tokenSource = token;
  socket = io({
    path: socketPath,
    withCredentials: true,
    // Called again before every reconnection attempt, so a refreshed token is picked up.
    auth: (cb) => {
      const value = tokenSource();
      usedToken = Boolean(value);
      cb(value ? { token: value } : {});
    },
  });
  connection.status = 'connecting';
  connection.everConnected = false;

  socket.on('connect', () => {
    connection.status = 'connected';
    connection.attempt = 0;
    connection.error = null;
    connection.everConnected = true;
    for (const hook of connectHooks) hook(socket);
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    if (reason === 'io server disconnect') {
      // The server closed this socket on purpose (e.g. sign-out elsewhere): ask whether we may
      // come back rather than retrying blindly.
      connection.status = 'refused';
      connection.error = 'The server closed the connection.';
      for (const hook of refusedHooks) hook(new Error('Disconnected by server'));
      return;
    }
    connection.status = statusWhileDown();
  });
  socket.on('connect_error', (err) => {
    connection.error = err.message;
    if (socket.active) {
      connection.status = statusWhileDown();
      for (const hook of troubleHooks) hook(err, connection.attempt);
      return;
    }
    // Refused by the server's middleware. A stale token must not hide a valid cookie: try once
    // more without it before giving up.
    if (usedToken) {
      dropToken();
      socket.connect();
      return;
    }
    connection.status = 'refused';
    for (const hook of refusedHooks) hook(err);
  });
  socket.io.on('reconnect_attempt', (attempt) => {
    connection.attempt = attempt;
    connection.status = statusWhileDown();
  });
  return socket;
}

function statusWhileDown() {
  return connection.browserOnline ? 'reconnecting' : 'offline';
}

export function closeSocket() {
  if (!socket) return;
  socket.removeAllListeners();
  socket.io.removeAllListeners();
  socket.disconnect();
  socket = null;
  connection.status = 'idle';
}

export const isConnected = () => Boolean(socket?.connected);

/** Skips the back-off wait (the "Retry now" button), or reconnects after a refusal. */
export function reconnectNow() {
  if (!socket || socket.connected) return;
  socket.disconnect();
  socket.connect();
  connection.status = 'connecting';
}

/** Runs after every (re)connection, before anything queued is sent. */
export function onConnected(hook) {
  connectHooks.add(hook);
  return () => connectHooks.delete(hook);
}

export function onRefused(hook) {
  refusedHooks.add(hook);
  return () => refusedHooks.delete(hook);
}

/** Runs on each failed attempt while the client keeps retrying (server down, or HTTP 401 at the handshake). */
export function onConnectTrouble(hook) {
  troubleHooks.add(hook);
  return () => troubleHooks.delete(hook);
}

/** Listens to a server event; returns the function that stops listening. */
export function listen(event, handler) {
  socket?.on(event, handler);
  return () => socket?.off(event, handler);
}

/** An emit that waits for the server's ack; rejects on timeout or when the connection drops. */
export function request(event, payload, timeoutMs = 10000) {
  if (!socket?.connected) return Promise.reject(new Error('Not connected'));
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}

/**
 * Fire-and-forget state (typing, read marks): dropped rather than buffered while disconnected. Not
 * `volatile`: that also drops it whenever the transport is busy (a write or a polling request in flight, an
 * upgrade), and a typing signal is sent once per 2.5 s, so one lost meant no indicator for a short word.
 */
export function signal(event, payload) {
  if (socket?.connected) socket.emit(event, payload);
}

if (typeof window !== 'undefined') {
  const update = () => {
    connection.browserOnline = navigator.onLine;
    if (socket && !socket.connected && connection.status !== 'refused') connection.status = statusWhileDown();
    if (navigator.onLine) reconnectNow();
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
}
