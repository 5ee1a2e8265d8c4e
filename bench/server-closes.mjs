// WebSocket closes that the server starts, beside steady clients: sockets join "/" and never answer a ping,
// so the server closes each at its ping timeout (500 ms with ./conformance-fixture) while the client answers
// the close frame, some 400 a second, 200 open at a time. A polling and a WebSocket socket.io-client emit
// "message-with-ack" every 20 ms meanwhile. Prints the close codes the sockets saw and the steady clients'
// acks; exits 0 when every ack came back and both stayed connected. Count the container's exceptions in
// the server's log (GRIZZLY0013). Against ./conformance-fixture (port 3000):
//   node bench/server-closes.mjs            (URL=http://127.0.0.1:3000 DURATION=30 by default)
// Uses the test suite's socket.io-client and ws (src/test/node; `npm ci` there first).
import { io } from '../src/test/node/node_modules/socket.io-client/build/esm/index.js';
import WebSocket from '../src/test/node/node_modules/ws/wrapper.mjs';

const URL = process.env.URL || 'http://127.0.0.1:3000';
const seconds = Number(process.env.DURATION || 30);
let opened = 0, closed = 0, errors = 0, live = 0;
const codes = {};

function steadyClient(transports) {
  const c = { name: transports[0], sent: 0, acked: 0, late: 0, disconnect: null };
  c.socket = io(URL, { transports, reconnection: false, forceNew: true });
  c.socket.on('connect_error', e => { console.log(c.name, 'connect_error', e.message); process.exit(2); });
  c.socket.on('disconnect', (r, d) => { c.disconnect = r; console.log(c.name, 'disconnected:', r, d?.description ?? ''); });
  c.start = () => setInterval(() => {
    const n = ++c.sent;
    c.socket.timeout(5000).emit('message-with-ack', n, err => { if (err) c.late++; else c.acked++; });
  }, 20);
  return c;
}

const steady = [steadyClient(['polling']), steadyClient(['websocket'])];
await Promise.all(steady.map(c => new Promise(r => c.socket.on('connect', r))));
const senders = steady.map(c => c.start());
const opener = setInterval(() => {
  for (let i = 0; i < 5 && live < 200; i++) {
    live++;
    const ws = new WebSocket(`${URL.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    ws.on('open', () => { opened++; ws.send('40'); });
    ws.on('error', () => errors++);
    ws.on('close', code => { closed++; live--; codes[code] = (codes[code] || 0) + 1; });
  }
}, 10);

setTimeout(async () => {
  clearInterval(opener); senders.forEach(clearInterval);
  await new Promise(r => setTimeout(r, 6000));
  const report = steady.map(c => ({ client: c.name, sent: c.sent, acked: c.acked, late: c.late,
    connected: c.socket.connected, disconnect: c.disconnect }));
  console.log(JSON.stringify({ opened, closed, errors, codes, steady: report }));
  process.exit(report.every(c => c.late === 0 && c.sent === c.acked && c.connected) ? 0 : 1);
}, seconds * 1000);
