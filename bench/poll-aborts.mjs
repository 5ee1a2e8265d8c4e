// Parked polls cut while the server answers them, beside steady clients: each aborter opens a polling
// session, parks a GET on a raw socket, makes the server push a packet to it (which answers the parked GET),
// and resets that socket 0-30 ms later, about 300 times a second. Two socket.io-clients (one on polling, one
// on WebSocket) emit "message-with-ack" every 20 ms meanwhile (inside the default packet budget of 100/s). Exits 0 when every ack came back and both
// stayed connected. Against ./conformance-fixture (port 3000):
//   node bench/poll-aborts.mjs            (URL=http://127.0.0.1:3000 DURATION=30 by default)
// Uses the test suite's socket.io-client (src/test/node; `npm ci` there first).
import { io } from '../src/test/node/node_modules/socket.io-client/build/esm/index.js';
import net from 'node:net';

const URL = process.env.URL || 'http://127.0.0.1:3000';
const port = new globalThis.URL(URL).port;
const seconds = Number(process.env.DURATION || 30);
let aborts = 0, errors = 0;

function steadyClient(transports) {
  const c = { name: transports[0], sent: 0, acked: 0, late: 0, wrong: 0, pending: new Map(), disconnect: null };
  c.socket = io(URL, { transports, reconnection: false, forceNew: true });
  c.socket.on('connect_error', e => { console.log(c.name, 'connect_error', e.message); process.exit(2); });
  c.socket.on('disconnect', (r, details) => {
    c.disconnect = r;
    const status = details?.description ?? details?.message;
    const body = details?.context?.responseText ?? details?.context?.xhr?.responseText;
    console.log(c.name, 'disconnected:', r, status ?? '', body ? JSON.stringify(body.slice(0, 200)) : '');
  });
  c.start = () => setInterval(() => {
    const n = ++c.sent;
    c.pending.set(n, Date.now());
    c.socket.timeout(5000).emit('message-with-ack', n, (err, v) => {
      if (err) { if (++c.late <= 5) console.log(c.name, 'ack', n, 'timed out'); return; }
      if (v !== n) { if (++c.wrong <= 5) console.log(c.name, 'wrong ack', v, 'for', n); return; }
      c.pending.delete(n); c.acked++;
    });
  }, 20);
  return c;
}

// One HTTP request on a fresh connection; resolves with the body.
function request(method, path, body) {
  return fetch(URL + path, { method, body, headers: { 'content-type': 'text/plain;charset=UTF-8' } })
    .then(r => r.text());
}

async function cutParkedPoll() {
  const open = await request('GET', '/socket.io/?EIO=4&transport=polling');
  const sid = /"sid":"([^"]+)"/.exec(open)?.[1];
  if (!sid) { errors++; return; }
  const q = `/socket.io/?EIO=4&transport=polling&sid=${sid}`;
  await request('POST', q, '40');
  await request('GET', q); // the CONNECT reply and the "auth" event: the next GET parks
  const s = net.connect(port, '127.0.0.1');
  s.on('error', () => {});
  await new Promise(r => s.on('connect', r));
  s.write(`GET ${q} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
  await new Promise(r => setTimeout(r, Math.random() * 5));
  request('POST', q, '42["message","x"]').catch(() => {}); // "message-back" answers the parked GET
  setTimeout(() => { s.resetAndDestroy ? s.resetAndDestroy() : s.destroy(); aborts++; }, Math.random() * 30);
}

const steady = [steadyClient(['polling']), steadyClient(['websocket'])];
await Promise.all(steady.map(c => new Promise(r => c.socket.on('connect', r))));
const senders = steady.map(c => c.start());
const aborter = setInterval(() => { for (let i = 0; i < 3; i++) cutParkedPoll().catch(() => errors++); }, 10);

setTimeout(async () => {
  clearInterval(aborter); senders.forEach(clearInterval);
  await new Promise(r => setTimeout(r, 6000));
  const report = steady.map(c => ({ client: c.name, sent: c.sent, acked: c.acked, late: c.late, wrong: c.wrong,
    missing: c.pending.size, connected: c.socket.connected, disconnect: c.disconnect }));
  console.log(JSON.stringify({ aborts, errors, steady: report }));
  process.exit(report.every(c => c.missing === 0 && c.late === 0 && c.wrong === 0 && c.connected) ? 0 : 1);
}, seconds * 1000);
