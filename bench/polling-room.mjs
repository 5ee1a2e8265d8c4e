// Many long-polling tabs in one chat room, as a client stuck behind a proxy that refuses WebSockets would
// be: TABS socket.io-clients on polling only (one user's tabs, with its session cookie) join "general";
// another user posts RATE messages a second for DURATION seconds. Every tab must get every message once,
// in order. Prints the deliveries, the latency from post to arrival (p50/p99/max) and the server's errors
// as the clients saw them; exits 0 when nothing was lost. Against Parley started with ./run (demo accounts):
//   PASSWORD=<demo password> node bench/polling-room.mjs
// (URL=http://127.0.0.1:8080 TABS=300 RATE=8 DURATION=30 by default; RATE above the user's flood limit,
// parley.chat.rate-limit, 10 a second, is refused).
import { createRequire } from 'node:module';
const require = createRequire(new globalThis.URL('../src/test/node/', import.meta.url));
const { io } = require('socket.io-client');

const URL = process.env.URL || 'http://127.0.0.1:8080';
const PASSWORD = process.env.PASSWORD;
const NODE = process.env.TARGET === 'node';
const TABS = Number(process.env.TABS || 300);
const RATE = Number(process.env.RATE || 8);
const SECONDS = Number(process.env.DURATION || 30);
if (!PASSWORD && !NODE) { console.error('PASSWORD=<the demo accounts\' password> is needed'); process.exit(2); }

async function login(username) {
  const r = await fetch(`${URL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return r.headers.get('set-cookie').split(';')[0];
}
// A user's session cookie for Parley; for the Node reference, a name in the CONNECT auth.
const credentials = async (name) => (NODE ? { auth: { name } } : { extraHeaders: { cookie: await login(name) } });
const connect = (user, transports) => new Promise((resolve, reject) => {
  const s = io(URL, { transports, ...user, reconnection: false, forceNew: true });
  s.once('connect', () => resolve(s));
  s.once('connect_error', reject);
});

const alice = await credentials('alice');
const bob = await credentials('bob');
const general = NODE ? 'general' : (await (await fetch(`${URL}/api/rooms`, { headers: bob.extraHeaders })).json())
  .find((r) => r.name === 'general').id;

const sentAt = new Map(); // message text -> time posted
const latencies = [];
const problems = { disconnects: 0, errors: 0, outOfOrder: 0, duplicates: 0 };
const tabs = [];
for (let i = 0; i < TABS; i += 50) { // 50 at a time: a burst of handshakes, as a reload of many tabs
  tabs.push(...await Promise.all(Array.from({ length: Math.min(50, TABS - i) }, async () => {
    const socket = await connect(alice, ['polling']);
    const tab = { socket, got: [] };
    socket.on('message', (m) => {
      if (!m.text?.startsWith('poll-')) return;
      const n = Number(m.text.slice(5));
      if (tab.got.includes(n)) problems.duplicates++;
      else if (tab.got.length && n < tab.got[tab.got.length - 1]) problems.outOfOrder++;
      tab.got.push(n);
      latencies.push(Date.now() - sentAt.get(m.text));
    });
    socket.on('disconnect', () => problems.disconnects++);
    socket.on('error', () => problems.errors++);
    const joined = await socket.timeout(20000).emitWithAck('join-room', general);
    if (!joined.ok) throw new Error(`join-room: ${JSON.stringify(joined)}`);
    return tab;
  })));
}
const sender = await connect(bob, ['websocket']);
await sender.timeout(5000).emitWithAck('join-room', general);
console.log(`${tabs.length} polling tabs joined; posting ${RATE}/s for ${SECONDS} s`);

let sent = 0, refused = 0;
const started = Date.now();
await new Promise((done) => {
  const timer = setInterval(async () => {
    const due = Math.floor((Date.now() - started) / 1000 * RATE);
    while (sent < due && sent < RATE * SECONDS) {
      const text = `poll-${sent++}`;
      sentAt.set(text, Date.now());
      sender.timeout(10000).emitWithAck('message', { roomId: general, text })
        .then((ack) => { if (!ack.ok) refused++; }, () => refused++);
    }
    if (sent >= RATE * SECONDS) { clearInterval(timer); done(); }
  }, 20);
});
const deadline = Date.now() + 15000;
while (Date.now() < deadline && tabs.some((t) => t.got.length < sent - refused)) await new Promise((r) => setTimeout(r, 200));

const expected = sent - refused;
const complete = tabs.filter((t) => t.got.length === expected).length;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(JSON.stringify({ tabs: tabs.length, posted: sent, refused, deliveries: latencies.length,
  expected: expected * tabs.length, complete, latencyMs: { p50: at(0.5), p99: at(0.99), max: latencies.at(-1) }, ...problems }));
tabs.forEach((t) => t.socket.disconnect());
sender.disconnect();
await new Promise((r) => setTimeout(r, 500));
process.exit(complete === tabs.length && !problems.duplicates && !problems.outOfOrder && !refused ? 0 : 1);
