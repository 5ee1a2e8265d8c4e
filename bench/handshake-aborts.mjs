// Handshake aborts beside a steady client: one socket.io-client emits "message-with-ack" every 20 ms while
// others cut WebSocket handshakes and polling->WebSocket upgrades half-way (about 500 a second). Exits 0 when
// every ack came back and the steady client stayed connected. Against ./conformance-fixture (port 3000):
//   node bench/handshake-aborts.mjs            (URL=http://127.0.0.1:3000 DURATION=30 by default)
// Uses the test suite's socket.io-client (src/test/node; `npm ci` there first).
import { io } from '../src/test/node/node_modules/socket.io-client/build/esm/index.js';
import net from 'node:net';
import http from 'node:http';

const URL = process.env.URL || 'http://127.0.0.1:3000';
const port = new globalThis.URL(URL).port;
const seconds = Number(process.env.DURATION || 30);
let sent = 0, acked = 0, late = 0, aborts = 0, errors = 0, disconnect = null;
const pending = new Map();

const steady = io(URL, { transports: ['websocket'], reconnection: false });
steady.on('connect_error', e => { console.log('steady connect_error', e.message); process.exit(2); });
steady.on('disconnect', r => { disconnect = r; console.log('steady disconnected:', r); });
await new Promise(r => steady.on('connect', r));

const sender = setInterval(() => {
  const n = ++sent;
  pending.set(n, Date.now());
  steady.timeout(5000).emit('message-with-ack', n, (err, v) => {
    if (err) { late++; console.log('ack', n, 'timed out'); return; }
    if (v !== n) console.log('wrong ack', v, 'for', n);
    pending.delete(n); acked++;
  });
}, 20); // inside the default packet budget of 100 a second

// Abort kinds: raw upgrade request cut after k bytes; full upgrade then RST; polling handshake then probe cut.
function rawAbort() {
  const s = net.connect(port, '127.0.0.1');
  const req = `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;
  const cut = Math.random() < 0.5 ? Math.floor(Math.random() * req.length) : req.length;
  s.on('error', () => {});
  s.on('connect', () => {
    s.write(req.slice(0, cut));
    setTimeout(() => { s.resetAndDestroy ? s.resetAndDestroy() : s.destroy(); aborts++; }, Math.random() * 20);
  });
}
function pollingThenCutProbe() {
  http.get(`${URL}/socket.io/?EIO=4&transport=polling`, res => {
    let body = ''; res.on('data', d => body += d); res.on('end', () => {
      const m = /"sid":"([^"]+)"/.exec(body); if (!m) { errors++; return; }
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => {});
      s.on('connect', () => {
        s.write(`GET /socket.io/?EIO=4&transport=websocket&sid=${m[1]} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
        setTimeout(() => { s.resetAndDestroy ? s.resetAndDestroy() : s.destroy(); aborts++; }, Math.random() * 10);
      });
    });
  }).on('error', () => errors++);
}
const aborter = setInterval(() => { for (let i = 0; i < 5; i++) (Math.random() < 0.5 ? rawAbort : pollingThenCutProbe)(); }, 10);

setTimeout(async () => {
  clearInterval(aborter); clearInterval(sender);
  await new Promise(r => setTimeout(r, 6000));
  console.log(JSON.stringify({ sent, acked, late, missing: pending.size, aborts, errors, connected: steady.connected, disconnect }));
  process.exit(pending.size === 0 && late === 0 && steady.connected ? 0 : 1);
}, seconds * 1000);
