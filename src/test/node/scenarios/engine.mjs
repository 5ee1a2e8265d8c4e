// Engine scenarios driven with the stock socket.io-client, one per run:
//   node scenarios/engine.mjs <baseUrl> <scenario>
// Prints one JSON line of observations; the Java IT asserts on them. Exits non-zero only on a crash
// or a hang (the IT then fails with stderr).
import { io } from "socket.io-client";
import { once, runScenario, sleep } from "./common.mjs";
import { WebSocket } from "ws";
import net from "node:net";

const [baseUrl, scenario] = process.argv.slice(2);
// The WAR may live under a context root (http://host:port/parley): namespaces hang off the origin,
// the Engine.IO path off the context root.
const { origin, pathname } = new URL(baseUrl);
const base = origin;
const path = `${pathname.replace(/\/$/, "")}/socket.io/`;
const NS = `${base}/scenarios`;
const opened = [];

function client(opts = {}, url = NS) {
  const socket = io(url, { path, forceNew: true, reconnection: false, ...opts });
  opened.push(socket);
  return socket;
}
/**
 * Waits for an echo on each socket: whatever the server sent a socket before the ack of an event it handled
 * earlier (a broadcast, a room message) is then in, and whatever it did not send will not come.
 */
const flush = (...sockets) => Promise.all(sockets.map((s) => s.timeout(3000).emitWithAck("echo", "flush")));
const connected = async (socket) => { if (!socket.connected) await once(socket, "connect"); return socket; };
/** Collects an event's payloads on a socket, to check later what did and did not arrive. */
function record(socket, event) {
  const got = [];
  socket.on(event, (...args) => got.push(args));
  return got;
}

const scenarios = {
  async websocket() {
    const s = client({ transports: ["websocket"], auth: { token: "t1" }, extraHeaders: { "X-Team": "blue" } });
    const [hello] = await once(s, "hello");
    return { transport: s.io.engine.transport.name, id: s.id, hello };
  },
  async pollingUpgrade() {
    const s = client({ auth: { token: "t2" }, extraHeaders: { "X-Team": "green" } });
    let first;
    s.io.once("open", () => (first = s.io.engine.transport.name)); // the transport the connection opened on
    const [hello] = await once(s, "hello");
    if (s.io.engine.transport.name !== "websocket") await once(s.io.engine, "upgrade");
    const echo = await s.timeout(3000).emitWithAck("echo", "after upgrade");
    return { first, after: s.io.engine.transport.name, hello, echo };
  },
  async pollingOnly() {
    const s = client({ transports: ["polling"] });
    await connected(s);
    const echo = await s.timeout(3000).emitWithAck("echo", { a: 1 }, [2, 3]);
    return { transport: s.io.engine.transport.name, echo };
  },
  async middlewareRejects() {
    const s = client({ auth: { token: "bad" } });
    const [err] = await once(s, "connect_error");
    return { message: err.message, data: err.data, connected: s.connected };
  },
  async guardedNamespace() {
    const s = client({}, `${base}/guarded`);
    const [err] = await once(s, "connect_error");
    return { message: err.message };
  },
  async unknownNamespace() {
    const s = client({}, `${base}/nowhere`);
    const [err] = await once(s, "connect_error");
    return { message: err.message };
  },
  async dynamicNamespace() {
    const s = client({}, `${base}/dyn-42`);
    const [hello] = await once(s, "hello");
    return hello;
  },
  async rooms() {
    const [a, b, c] = [client(), client(), client()];
    await Promise.all([a, b, c].map(connected));
    const gotA = record(a, "said"), gotB = record(b, "said"), gotC = record(c, "said");
    await a.emitWithAck("join", "room-1");
    await b.emitWithAck("join", "room-1");
    await a.emitWithAck("say", { room: "room-1", text: "hi b" });
    await flush(a, b, c);
    await b.emitWithAck("leave", "room-1");
    await a.emitWithAck("say", { room: "room-1", text: "after b left" });
    await flush(a, b, c);
    return { a: gotA.length, b: gotB.map(([m]) => m.text), c: gotC.length };
  },
  async twoRoomsOnce() {
    const [a, b] = [client(), client()];
    await Promise.all([a, b].map(connected));
    const got = record(b, "said-two");
    await b.emitWithAck("join", "x");
    await b.emitWithAck("join", "y");
    await a.emitWithAck("say-to-two", "x", "y");
    await flush(b);
    return { copies: got.length };
  },
  async broadcastExceptSender() {
    const [a, b, c] = [client(), client(), client()];
    await Promise.all([a, b, c].map(connected));
    const got = [a, b, c].map((s) => record(s, "shouted"));
    const everyone = [a, b, c].map((s) => record(s, "everyone"));
    a.emit("shout", "hey");
    a.emit("everyone", "all");
    await flush(a); // handled after both, which were sent to all three before this answer
    await flush(b, c);
    return { shouted: got.map((g) => g.length), everyone: everyone.map((g) => g.length) };
  },
  async acksBothWays() {
    const s = client();
    await connected(s);
    s.on("question", (q, callback) => callback(42, q));
    const answered = await s.timeout(3000).emitWithAck("ask-client", 2000);
    s.off("question");
    s.on("question", () => {}); // never answers
    const unanswered = await s.timeout(3000).emitWithAck("ask-client", 300);
    const echo = await s.timeout(3000).emitWithAck("echo", 1, "2", { 3: [true] });
    return { answered, unanswered, echo };
  },
  async binary() {
    const s = client({ transports: ["websocket"] });
    await connected(s);
    s.emit("binary", Buffer.from([1, 2, 3, 255]));
    const [bytes, nested] = await once(s, "binary-back");
    const ack = await s.timeout(3000).emitWithAck("echo", Buffer.from([9, 8]));
    return { bytes: [...bytes], nested: [...nested.nested], ack: [...ack] };
  },
  async forceBase64() {
    // socket.io-client's forceBase64 over WebSocket: binary both ways as "b" + base64 text frames
    const s = client({ transports: ["websocket"], forceBase64: true });
    await connected(s);
    const kinds = new Set();
    s.io.engine.transport.ws.addEventListener("message", (e) =>
      kinds.add(typeof e.data === "string" ? e.data.charAt(0) : "binary"));
    s.emit("binary", Buffer.from([1, 2, 3, 255]));
    const [bytes, nested] = await once(s, "binary-back");
    const ack = await s.timeout(3000).emitWithAck("echo", Buffer.from([9, 8]));
    return { bytes: [...bytes], nested: [...nested.nested], ack: [...ack], frameKinds: [...kinds].sort() };
  },
  async subprotocol() {
    const s = client({ transports: ["websocket"], protocols: ["chat.v2", "chat.v1"] });
    await connected(s);
    const echo = await s.timeout(3000).emitWithAck("echo", "over a subprotocol");
    return { protocol: s.io.engine.transport.ws.protocol, echo };
  },
  async noTrailingSlash() {
    const bare = { path: path.replace(/\/$/, ""), addTrailingSlash: false };
    const s = client(bare);
    await connected(s);
    if (s.io.engine.transport.name !== "websocket") await within(once(s.io.engine, "upgrade"), 3000);
    const echo = await s.timeout(3000).emitWithAck("echo", "no slash");
    const ws = client({ ...bare, transports: ["websocket"] });
    const wsOnly = await within(connected(ws).then(() => ws.io.engine.transport.name),
      3000).catch((e) => `error ${e.message}`);
    return { transport: s.io.engine.transport.name, echo, wsOnly };
  },
  async burst() {
    const s = client({ transports: ["websocket"] });
    await connected(s);
    const items = [];
    const done = new Promise((resolve) => s.on("item", (i, body) => {
      items.push([i, Buffer.isBuffer(body) ? "binary" : "text", body.length]);
      if (items.length === 200) resolve();
    }));
    s.emit("burst", 200);
    await done;
    return { items };
  },
  async smallBurst() {
    const s = client({ transports: ["websocket"] });
    await connected(s);
    const items = [];
    const done = new Promise((resolve) => s.on("item", (i, body) => {
      items.push([i, body.length]);
      if (items.length === 100) resolve();
    }));
    s.emit("small-burst", 100);
    await done;
    return { items };
  },
  async binaryOverPolling() {
    const s = client({ transports: ["polling"] });
    await connected(s);
    s.emit("binary", Buffer.from([4, 5, 6]));
    const [bytes] = await once(s, "binary-back");
    return { bytes: [...bytes] };
  },
  async invalidPayloadAndUnknownEvent() {
    const s = client();
    await connected(s);
    const errors = record(s, "error");
    const invalid = await s.timeout(3000).emitWithAck("say", "not an object");
    const unknown = await s.timeout(3000).emitWithAck("no-such-event", 1);
    const failed = await s.timeout(3000).emitWithAck("fail");
    await sleep(200);
    const stillWorks = await s.timeout(3000).emitWithAck("echo", "alive");
    return { invalid, unknown, failed, errors: errors.map(([e]) => e.message), stillWorks, connected: s.connected };
  },
  async reconnectAfterServerDrop() {
    const s = io(NS, { path, forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 200 });
    opened.push(s);
    await connected(s);
    // a drop in the middle of the polling→WebSocket upgrade leaves socket.io-client's paused polling
    // transport waiting for the ping timeout (client behaviour, the same against Node): drop once upgraded
    if (s.io.engine.transport.name !== "websocket") await once(s.io.engine, "upgrade");
    const firstId = s.id;
    const reasons = record(s, "disconnect");
    s.emit("drop-me");
    await once(s.io, "reconnect", 8000);
    await connected(s);
    const echo = await s.timeout(3000).emitWithAck("echo", "back");
    return { reasons: reasons.map(([r]) => r), newId: s.id !== firstId, echo };
  },
  // Needs a server with connection state recovery on (RecoveryIT).
  async recovery() {
    const a = client({ transports: ["websocket"], auth: { token: "ra" } });
    const b = client({ transports: ["websocket"], auth: { token: "rb" } });
    await connected(a);
    await connected(b);
    const firstId = a.id;
    await a.timeout(3000).emitWithAck("join", "rec");
    await b.timeout(3000).emitWithAck("join", "rec");
    const said = [];
    a.on("said", (m) => said.push(m.text));
    await b.timeout(3000).emitWithAck("say", { room: "rec", text: "one" });
    while (said.length < 1) await sleep(10);
    const dropped = once(a, "disconnect");
    const back = once(a, "connect", 10000);
    // the network drops; the client (no automatic reconnect) comes back only once "two" and "three" were sent,
    // however slow the machine, with its pid and offset as an automatic reconnect would send them
    a.io.engine.close();
    await dropped;
    await b.timeout(3000).emitWithAck("say", { room: "rec", text: "two" });
    await b.timeout(3000).emitWithAck("say", { room: "rec", text: "three" });
    const missedWhileAway = said.length === 1;
    a.connect();
    await back;
    const recovered = a.recovered;
    const sameId = a.id === firstId;
    await b.timeout(3000).emitWithAck("say", { room: "rec", text: "four" });
    for (let i = 0; i < 200 && said.length < 4; i++) await sleep(10);
    // a client without a pid (a fresh page) is a new socket
    const fresh = client({ transports: ["websocket"] });
    await connected(fresh);
    return { recovered, sameId, said, missedWhileAway, freshRecovered: fresh.recovered, freshNewId: fresh.id !== firstId };
  },
  async serverNamespaceDisconnect() {
    const s = client();
    await connected(s);
    s.emit("leave-namespace");
    const [reason] = await once(s, "disconnect");
    return { reason };
  },
};

/** A raw WebSocket to the Engine.IO endpoint, for input no real client would send. */
function raw(headers = {}) {
  const ws = new WebSocket(`${base.replace("http", "ws")}${path}?EIO=4&transport=websocket`, { headers });
  const messages = [];
  const waiters = [];
  ws.on("message", (data, isBinary) => {
    const m = isBinary ? data : data.toString();
    const w = waiters.shift();
    w ? w(m) : messages.push(m);
  });
  ws.on("error", () => {});
  const closed = new Promise((resolve) => ws.on("close", (code) => resolve(code)));
  const next = () => (messages.length ? Promise.resolve(messages.shift()) : new Promise((r) => waiters.push(r)));
  return { ws, next, closed };
}
const until = async (test, ms = 3000) => {
  for (const end = Date.now() + ms; !test(); await sleep(10)) {
    if (Date.now() > end) throw new Error("timed out waiting");
  }
};
const within = (promise, ms) => Promise.race([promise, sleep(ms).then(() => "timeout")]);

/** A WebSocket client on a bare TCP socket that reads frames and never answers a close frame. */
function silent() {
  const { hostname, port, host } = new URL(base);
  const sock = net.connect(Number(port), hostname);
  let buf = Buffer.alloc(0);
  let upgraded = false;
  const frames = [];
  const waiters = [];
  sock.on("error", () => {});
  const ended = new Promise((resolve) => sock.on("close", () => resolve(Date.now())));
  sock.on("data", (data) => {
    buf = Buffer.concat([buf, data]);
    if (!upgraded) {
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      upgraded = true;
      buf = buf.subarray(end + 4);
    }
    while (buf.length >= 2) {
      let length = buf[1] & 0x7f;
      let at = 2;
      if (length === 126) { if (buf.length < 4) return; length = buf.readUInt16BE(2); at = 4; }
      if (buf.length < at + length) return;
      const frame = { opcode: buf[0] & 0x0f, payload: buf.subarray(at, at + length) };
      buf = buf.subarray(at + length);
      const w = waiters.shift();
      w ? w(frame) : frames.push(frame);
    }
  });
  sock.on("connect", () => sock.write(`GET ${path}?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${host}\r\n`
    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    + "Sec-WebSocket-Version: 13\r\n\r\n"));
  const next = () => (frames.length ? Promise.resolve(frames.shift()) : new Promise((r) => waiters.push(r)));
  // a client's text frame, masked with a zero key (valid, and the payload stays as it is); short texts only
  const send = (text) => {
    const payload = Buffer.from(text);
    sock.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length, 0, 0, 0, 0]), payload]));
  };
  // a client's close frame (code 1000, masked with a zero key), as a browser answers the server's
  const answerClose = () => sock.write(Buffer.from([0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8]));
  return { next, send, answerClose, ended };
}

Object.assign(scenarios, {
  async badInputIsolated() {
    const a = client();
    await connected(a);
    const garbage = raw();
    await garbage.next(); // open packet
    garbage.ws.send("40/scenarios,");
    await garbage.next(); // CONNECT reply
    garbage.ws.send("42/scenarios,{not json");
    const garbageClosed = await within(garbage.closed, 3000);
    const oversize = raw();
    await oversize.next();
    oversize.ws.send("4" + "x".repeat(1_100_000));
    const oversizeClosed = await within(oversize.closed, 3000);
    // under the limit in characters, over it in bytes: the limit is bytes, as Node counts it
    const oversizeUtf8 = raw();
    await oversizeUtf8.next();
    oversizeUtf8.ws.send("4" + "€".repeat(400_000));
    const oversizeUtf8Closed = await within(oversizeUtf8.closed, 3000);
    const flood = raw();
    await flood.next();
    flood.ws.send("40/scenarios,");
    await flood.next();
    // over the connection's packet budget (100 a second) events are dropped, those asking for an ack
    // answered RATE_LIMITED; 2 000 at once is far over the cut-off: the flooder is disconnected, then closed
    let cutOffAt = null;
    flood.ws.on("message", (m) => { if (!cutOffAt && String(m) === "41/scenarios,") cutOffAt = Date.now(); });
    const floodStart = Date.now();
    for (let i = 0; i < 2000; i++) flood.ws.send(`42/scenarios,${i}["echo","flood"]`);
    const floodClosed = await within(flood.closed, 5000);
    const echo = await a.timeout(3000).emitWithAck("echo", "still here");
    const got = [];
    while (true) {
      const m = await within(flood.next(), 100);
      if (m === "timeout") break;
      got.push(String(m));
    }
    flood.ws.close();
    const acks = got.filter((m) => m.startsWith("43/scenarios,"));
    return {
      garbageClosed, oversizeClosed, oversizeUtf8Closed, echo, connected: a.connected, floodClosed,
      floodEchoed: acks.filter((m) => !m.includes("RATE_LIMITED")).length,
      floodRateLimited: acks.filter((m) => m.includes("RATE_LIMITED")).length,
      floodDisconnected: got.includes("41/scenarios,"), floodMillis: cutOffAt && cutOffAt - floodStart,
    };
  },
  async refusedUpgrades() {
    const wsUrl = (sid) => `${base.replace("http", "ws")}${path}?EIO=4&transport=websocket&sid=${sid}`;
    // The HTTP status a WebSocket handshake got, or "open" if the container switched protocols.
    const handshake = (url) => new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.on("unexpected-response", (req, res) => { resolve(res.statusCode); req.destroy(); });
      ws.on("open", () => { resolve("open"); ws.terminate(); });
      ws.on("error", () => {});
    });
    // The HTTP status a refused handshake got, or "closed by the server" after it opened.
    const closedOnceOpen = (url) => new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.on("unexpected-response", (req, res) => { resolve(res.statusCode); req.destroy(); });
      ws.on("close", () => resolve("closed by the server"));
      ws.on("error", () => {});
    });
    const unknownSid = await handshake(wsUrl("no-such-sid"));
    const malformedQuery = await handshake(`${base.replace("http", "ws")}${path}?EIO=4&transport=websocket&x=%zz`);
    const open = await (await fetch(`${base}${path}?EIO=4&transport=polling`)).text();
    const sid = JSON.parse(open.slice(1)).sid;
    const upgrade = new WebSocket(wsUrl(sid));
    const frames = [];
    upgrade.on("message", (data) => frames.push(data.toString()));
    await once(upgrade, "open");
    upgrade.send("2probe");
    await until(() => frames.includes("3probe"));
    upgrade.send("5");
    await sleep(100);
    const secondAfterUpgrade = await closedOnceOpen(wsUrl(sid));
    upgrade.send("40/scenarios,");
    await until(() => frames.some((f) => f.startsWith("40/scenarios,")));
    const stillConnected = upgrade.readyState === WebSocket.OPEN;
    upgrade.close();
    return { unknownSid, malformedQuery, secondAfterUpgrade, stillConnected };
  },
  // Between the probe's answer (3probe) and the upgrade packet (5), polling still carries packets, as on Node.
  async pollingDuringUpgrade() {
    const poll = `${base}${path}?EIO=4&transport=polling`;
    const sid = JSON.parse((await (await fetch(poll)).text()).slice(1)).sid;
    const post = (body) => fetch(`${poll}&sid=${sid}`, { method: "POST", body });
    const get = async () => (await fetch(`${poll}&sid=${sid}`)).text();
    await post("40/scenarios,");
    const connectReply = await get();
    const upgrade = new WebSocket(`${base.replace("http", "ws")}${path}?EIO=4&transport=websocket&sid=${sid}`);
    const frames = [];
    upgrade.on("message", (data) => frames.push(data.toString()));
    await once(upgrade, "open");
    upgrade.send("2probe");
    await until(() => frames.includes("3probe"));
    await post('42/scenarios,1["echo","over polling"]');
    const polled = [];
    for (let i = 0; i < 30 && !polled.some((p) => p.includes("over polling")); i++) {
      polled.push(await get()); // the answer, or the no-op that ends a parked poll every 100 ms meanwhile
    }
    upgrade.send("5");
    upgrade.send('42/scenarios,2["echo","over the WebSocket"]');
    await until(() => frames.some((f) => f.startsWith("43/scenarios,2")));
    upgrade.close();
    return { connectReply, polled, websocket: frames };
  },
  // The server ends a socket ("drop-me"): a client that answers the close frame, and one that never does.
  async serverClose() {
    const answering = raw();
    await answering.next(); // open packet
    answering.ws.send("40/scenarios,");
    await answering.next(); // CONNECT reply
    let start = Date.now();
    answering.ws.send('42/scenarios,["drop-me"]');
    const answeringClosed = await within(answering.closed, 3000);
    const answeringMs = Date.now() - start;
    const quiet = silent();
    await quiet.next(); // open packet
    quiet.send("40/scenarios,");
    await quiet.next(); // CONNECT reply
    const droppedAt = Date.now(); // not the close frame's arrival, which a busy client may see late
    quiet.send('42/scenarios,["drop-me"]');
    let frame;
    do {
      frame = await within(quiet.next(), 3000);
    } while (frame !== "timeout" && frame.opcode !== 8);
    const silentCloseCode = frame === "timeout" ? "timeout" : frame.payload.readUInt16BE(0);
    const ended = await within(quiet.ended, 6000);
    // one close frame from the server, however the close goes (RFC 6455; Chromium fails a second one)
    const polite = silent();
    await polite.next(); // open packet
    polite.send("40/scenarios,");
    await polite.next(); // CONNECT reply
    polite.send('42/scenarios,["drop-me"]');
    let closeFrames = 0;
    while (true) {
      const next = await within(Promise.race([polite.next(), polite.ended.then(() => "ended")]), 4000);
      if (next === "timeout" || next === "ended") break;
      if (next.opcode === 8 && ++closeFrames === 1) polite.answerClose();
    }
    return { answeringClosed, answeringMs, silentCloseCode, closeFramesToAnAnsweringClient: closeFrames,
      silentEndedMs: ended === "timeout" ? "timeout" : ended - droppedAt };
  },
  async behindProxy() {
    // as a reverse proxy on this machine passes a browser's request on (the deployment trusts 127.0.0.1 as one)
    const forwarded = { "X-Forwarded-Host": "chat.example", "X-Forwarded-For": "198.51.100.1, 203.0.113.7" };
    const page = { Origin: "https://chat.example", ...forwarded };
    const ws = client({ transports: ["websocket"], extraHeaders: page });
    const [wsHello] = await once(ws, "hello");
    const polling = client({ transports: ["polling"], extraHeaders: forwarded });
    const [pollingHello] = await once(polling, "hello");
    const handshake = `${base}${path}?EIO=4&transport=polling`;
    const viaProxy = await fetch(handshake, { headers: page });
    const noForwardedHost = await fetch(handshake, { headers: { Origin: "https://chat.example" } });
    return { wsAddress: wsHello.address, pollingAddress: pollingHello.address, viaProxy: viaProxy.status,
      viaProxyAllowOrigin: viaProxy.headers.get("access-control-allow-origin"),
      noForwardedHost: noForwardedHost.status };
  },
  async largeCookie() {
    // a company's single sign-on cookies: 12 KB of request headers, which Node's HTTP server takes (up to 16 KB)
    const Cookie = `sso=${"a".repeat(12000)}`;
    const polling = await fetch(`${base}${path}?EIO=4&transport=polling`, { headers: { Cookie } });
    const s = client({ transports: ["websocket"], extraHeaders: { Cookie } });
    const websocket = await within(new Promise((resolve) => {
      s.once("hello", () => resolve("hello"));
      s.once("connect_error", (e) => resolve(`connect_error: ${e.message}`));
    }), 5000);
    return { polling: polling.status, websocket };
  },
  async foreignOrigin() {
    const handshake = `${base}${path}?EIO=4&transport=polling`;
    const foreign = await fetch(handshake, { headers: { Origin: "http://evil.example" } });
    const same = await fetch(handshake, { headers: { Origin: base } });
    const listed = await fetch(handshake, { headers: { Origin: "https://trusted.example" } });
    // refused at the handshake (an HTTP status), or opened and then closed (a close code, and what came first)
    const ws = await within(new Promise((resolve) => {
      const socket = new WebSocket(`${base.replace("http", "ws")}${path}?EIO=4&transport=websocket`,
        { headers: { Origin: "http://evil.example" } });
      const messages = [];
      socket.on("message", (data) => messages.push(data.toString()));
      socket.on("unexpected-response", (req, res) => { resolve({ wsStatus: res.statusCode }); req.destroy(); });
      socket.on("close", (code) => resolve({ wsClosed: code, wsMessages: messages.length }));
      socket.on("error", () => {});
    }), 3000);
    return { pollingForeign: foreign.status, pollingForeignBody: await foreign.text(), pollingSame: same.status,
      sameAllowOrigin: same.headers.get("access-control-allow-origin"),
      sameAllowCredentials: same.headers.get("access-control-allow-credentials"),
      sameCacheControl: same.headers.get("cache-control"),
      listed: listed.status, listedAllowOrigin: listed.headers.get("access-control-allow-origin"),
      listedAllowCredentials: listed.headers.get("access-control-allow-credentials"),
      ...(ws === "timeout" ? { ws } : ws) };
  },
});

await runScenario(scenarios, scenario, opened);
