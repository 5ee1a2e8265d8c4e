// Handshake aborts beside a steady client: one socket.io-client emits "message-with-ack" every 20 ms while
// others cut WebSocket handshakes and polling->WebSocket upgrades half-way (about 500 a second). Exits 0 when
// every ack came back and the steady client stayed connected. Against ./conformance-fixture (port 3000):
//   node bench/handshake-aborts.mjs            (URL=http://127.0.0.1:3000 DURATION=30 by default)
// Uses the test suite's socket.io-client (src/test/node; `npm ci` there first).
import net from 'node:net';
import http from 'node:http';
import { steadyClients } from './lib/steady-clients.mjs';

const URL = process.env.URL || 'http://127.0.0.1:3000';
const port = new globalThis.URL(URL).port;
const seconds = Number(process.env.DURATION || 30);
let aborts = 0, errors = 0;

const steady = await steadyClients(URL, [['websocket']]);
steady.start();

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

steady.finishAfter(seconds, () => clearInterval(aborter), () => ({ aborts, errors }));
