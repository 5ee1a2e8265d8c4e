// What the chat scenario files share: a server's REST calls and socket.io-client sockets, as one person's
// script would use them. Every socket opened is kept in `opened`, for runScenario to close at the end.
import { io } from "socket.io-client";

/** alice, bob and admin share `password` (the ITs set parley.demo.password). */
export function chatClient(baseUrl, password) {
  const { origin, pathname } = new URL(baseUrl);
  const root = pathname.replace(/\/$/, "");
  const path = `${root}/socket.io/`;
  const opened = [];

  async function api(method, url, body, cookie) {
    const headers = { "content-type": "application/json" };
    if (cookie) headers.cookie = cookie;
    const response = await fetch(`${origin}${root}${url}`, { method, headers, body: body && JSON.stringify(body) });
    const text = await response.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: response.status, json, setCookie: response.headers.get("set-cookie") };
  }
  /** A new account, signed in: its session cookie and id. */
  async function signUp(username, password, displayName) {
    const reply = await api("POST", "/api/auth/signup", { username, password, displayName });
    if (reply.status !== 200 && reply.status !== 201) throw new Error(`sign-up ${username}: ${reply.status}`);
    return { cookie: reply.setCookie.split(";")[0], id: reply.json.id };
  }
  async function login(username) {
    const reply = await api("POST", "/api/auth/login", { username, password });
    if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status}`);
    return reply.setCookie.split(";")[0];
  }
  function connect({ cookie, auth, namespace = "/", transports } = {}) {
    const socket = io(`${origin}${namespace}`, {
      path, forceNew: true, reconnection: false, auth,
      extraHeaders: cookie ? { cookie } : {}, ...(transports ? { transports } : {}),
    });
    opened.push(socket);
    return socket;
  }
  /**
   * Resolves with "connected" or the connect_error message; a connection that closes before either, or
   * takes over 15 s, says so (rather than leaving node with nothing to wait for).
   */
  const outcome = (socket) =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve("no connect or connect_error within 15 s"), 15000);
      const done = (result) => { clearTimeout(timer); resolve(result); };
      socket.once("connect", () => done("connected"));
      socket.once("connect_error", (e) => done(e.message));
      socket.once("disconnect", (reason) => done(`disconnected before connecting: ${reason}`));
    });
  /** Resolves with the connect_error's data.reason, or what happened instead. */
  const refusalReason = (socket) =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve("no connect_error within 15 s"), 15000);
      socket.once("connect", () => { clearTimeout(timer); resolve("connected"); });
      socket.once("connect_error", (e) => { clearTimeout(timer); resolve(e.data?.reason ?? `no reason: ${e.message}`); });
    });
  async function user(name, opts = {}) {
    const socket = connect({ cookie: await login(name), ...opts });
    const result = await outcome(socket);
    if (result !== "connected") throw new Error(`${name} could not connect: ${result}`);
    return socket;
  }
  function record(socket, event) {
    const got = [];
    socket.on(event, (payload) => got.push(payload));
    return got;
  }
  const ask = (socket, event, ...args) => socket.timeout(5000).emitWithAck(event, ...args);
  async function roomId(cookie, name) {
    const rooms = (await api("GET", "/api/rooms", null, cookie)).json;
    return rooms.find((r) => (r.room?.name ?? r.name) === name)?.room?.id ?? rooms.find((r) => r.name === name)?.id;
  }

  return { origin, root, path, opened, api, signUp, login, connect, outcome, refusalReason, user, record, ask, roomId };
}
