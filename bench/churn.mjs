// Connection churn: rounds of clients that come and go in every way real clients do (clean disconnects,
// dropped TCP connections, polling given up mid-session, logouts, recoveries, handshakes never finished,
// /admin refused), so that bench/churn.sh can compare the server's live heap before and after. Each round
// waits for its clients to settle; the caller then waits out the server's timeouts.
//   URL=http://127.0.0.1:8080 ROUNDS=3 CLIENTS=240 node bench/churn.mjs
// Needs the server's sign-up on and an administrator (bench/churn.sh starts it so), and the test suite's
// socket.io-client (src/test/node; `npm ci` there first).
import net from 'node:net';
import { createRequire } from 'node:module';
import { chatApi } from './lib/chat-users.mjs';

const require = createRequire(new globalThis.URL('../src/test/node/', import.meta.url));
const { io } = require('socket.io-client');

const URL = process.env.URL || 'http://127.0.0.1:8080';
const port = new globalThis.URL(URL).port;
const ROUNDS = Number(process.env.ROUNDS || 3);
const CLIENTS = Number(process.env.CLIENTS || 240);
const ADMIN = { username: process.env.ADMIN_USER || 'admin', password: process.env.ADMIN_PASSWORD || 'churn-admin-0' };
const USERS = 40;
const { api, token, login, users: makeUsers, rooms: makeRooms } = chatApi(URL);
// KINDS=0,8 runs only those kinds of client (their index in `kinds`)
const KINDS = process.env.KINDS ? process.env.KINDS.split(',').map(Number) : null;

const tally = {};
const count = (what) => { tally[what] = (tally[what] || 0) + 1; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Settles when the socket is done with: disconnected, refused, or never to be heard of again.
function client(opts, script, ns = '/') {
  return new Promise((resolve) => {
    const socket = io(URL + ns, { forceNew: true, reconnection: false, timeout: 10000, ...opts });
    const done = (what) => { count(what); resolve(); };
    socket.on('connect_error', (e) => { if (!script.expectRefusal) count(`unexpected connect_error ${e.message}`); socket.close(); done(script.expectRefusal ? `refused ${e.message}` : 'failed'); });
    socket.on('connect', () => script(socket, done).catch((e) => { count(`error ${e.message}`); socket.close(); done('failed'); }));
  });
}

// Drops the TCP connection under a socket.io-client without a close frame or a DISCONNECT.
function dropConnection(socket) {
  const transport = socket.io.engine.transport;
  if (transport.name === 'websocket') transport.ws._socket.destroy();
  else socket.io.engine.close(); // polling: the client stops asking; the server only hears the silence
}

const kinds = [
  // 0: WebSocket, token, join, type, send, leave cleanly
  async (room, tok) => client({ transports: ['websocket'], auth: { token: tok } }, async (s, done) => {
    await s.emitWithAck('join-room', room);
    s.emit('typing', { roomId: room, isTyping: true });
    const ack = await s.emitWithAck('message', { roomId: room, text: 'churn', clientMsgId: crypto.randomUUID() });
    if (!ack.ok) count(`message refused ${ack.error}`);
    s.disconnect(); done('ws clean');
  }),
  // 1: long-polling only
  async (room, tok) => client({ transports: ['polling'], auth: { token: tok } }, async (s, done) => {
    await s.emitWithAck('join-room', room);
    await s.emitWithAck('message', { roomId: room, text: 'churn', clientMsgId: crypto.randomUUID() });
    s.disconnect(); done('polling clean');
  }),
  // 2: session cookie, polling then upgrade, typing on, then the TCP connection drops
  async (room, tok, user) => {
    const cookie = await login(user);
    return client({ extraHeaders: { Cookie: cookie } }, async (s, done) => {
      await s.emitWithAck('join-room', room);
      if (s.io.engine.transport.name !== 'websocket') await new Promise((r) => s.io.engine.once('upgrade', r));
      s.emit('typing', { roomId: room, isTyping: true });
      await sleep(20);
      dropConnection(s); done('upgraded dropped');
    });
  },
  // 3: join racing the disconnect
  async (room, tok) => client({ transports: ['websocket'], auth: { token: tok } }, async (s, done) => {
    s.emit('join-room', room);
    s.emit('message', { roomId: room, text: 'racing', clientMsgId: crypto.randomUUID() }, () => {});
    s.disconnect(); done('ws join racing close');
  }),
  // 4: /admin as an administrator
  async (room, tok, user, adminTok) => client({ transports: ['websocket'], auth: { token: adminTok } }, async (s, done) => {
    await s.emitWithAck('users');
    s.disconnect(); done('admin clean');
  }, '/admin'),
  // 5: /admin refused
  async (room, tok) => {
    const script = async () => {};
    script.expectRefusal = true;
    return client({ transports: ['websocket'], auth: { token: tok } }, script, '/admin');
  },
  // 6: a WebSocket that never sends CONNECT (the server's connect timeout ends it)
  async () => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => {});
    s.on('connect', () => s.write(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`));
    s.once('data', () => { count('raw ws no connect'); resolve(); });
    s.on('close', () => {});
    setTimeout(resolve, 10000);
  }),
  // 7: a polling session given up after CONNECT (the server's ping timeout ends it)
  async (room, tok) => {
    const hs = await (await fetch(`${URL}/socket.io/?EIO=4&transport=polling`)).text();
    const sid = /"sid":"([^"]+)"/.exec(hs)[1];
    await fetch(`${URL}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body: `40${JSON.stringify({ token: tok })}` });
    await (await fetch(`${URL}/socket.io/?EIO=4&transport=polling&sid=${sid}`)).text();
    count('polling abandoned');
  },
  // 8: WebSocket, joined and typing, then the TCP connection drops
  async (room, tok) => client({ transports: ['websocket'], auth: { token: tok } }, async (s, done) => {
    await s.emitWithAck('join-room', room);
    s.emit('typing', { roomId: room, isTyping: true });
    await sleep(20);
    dropConnection(s); done('ws dropped');
  }),
  // 9: logged out over REST while the socket is open: the server ends the socket
  async (room, tok, user) => {
    const cookie = await login(user);
    return client({ transports: ['websocket'], extraHeaders: { Cookie: cookie } }, async (s, done) => {
      await s.emitWithAck('join-room', room);
      const closed = new Promise((r) => s.once('disconnect', r));
      await api('/api/auth/logout', { method: 'POST', cookie });
      await Promise.race([closed, sleep(5000)]);
      if (s.connected) { count('still connected after logout'); s.disconnect(); }
      done('logged out');
    });
  },
  // 10: dropped, comes back and recovers (when the server has recovery on), then leaves
  async (room, tok) => new Promise((resolve) => {
    const s = io(URL, { forceNew: true, transports: ['websocket'], auth: { token: tok }, reconnectionDelay: 100, reconnectionDelayMax: 200 });
    let first = true;
    s.on('connect', async () => {
      if (first) {
        first = false;
        await s.emitWithAck('join-room', room);
        dropConnection(s);
        return;
      }
      count(s.recovered ? 'recovered' : 'reconnected, not recovered');
      s.disconnect(); resolve();
    });
    setTimeout(() => { if (s.active) { count('never came back'); s.close(); } resolve(); }, 15000);
  }),
];

const admin = await token(ADMIN.username, ADMIN.password);
const users = await makeUsers(USERS);
const rooms = await makeRooms(4, admin);

for (let round = 1; round <= ROUNDS; round++) {
  const started = Date.now();
  const all = [];
  for (let i = 0; i < CLIENTS; i++) {
    const u = users[i % USERS];
    const kind = KINDS ? KINDS[i % KINDS.length] : i % kinds.length;
    all.push(kinds[kind](rooms[i % rooms.length], u.token, u.name, admin).catch((e) => count(`error ${e.message}`)));
    if (i % 20 === 19) await sleep(50);
  }
  await Promise.all(all);
  console.log(`round ${round}: ${CLIENTS} clients in ${Date.now() - started} ms`);
}
console.log(JSON.stringify(tally, null, 1));
process.exit(0);
