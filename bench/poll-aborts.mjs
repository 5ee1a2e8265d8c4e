// Parked polls cut while the server answers them, beside steady clients: each aborter opens a polling
// session, parks a GET on a raw socket, makes the server push a packet to it (which answers the parked GET),
// and resets that socket 0-30 ms later, about 300 times a second. Two socket.io-clients (one on polling, one
// on WebSocket) emit "message-with-ack" every 20 ms meanwhile. Exits 0 when every ack came back and both
// stayed connected. Against ./conformance-fixture (port 3000):
//   node bench/poll-aborts.mjs            (URL=http://127.0.0.1:3000 DURATION=30 by default)
// On a fixture just started, its 200 ms ping timeout can end the steady polling client (its pong comes late
// from a cold server: "Session ID unknown"); run once to warm it, or start it with -Dparley.ping-timeout=1000.
import net from 'node:net';
import { steadyClients } from './lib/steady-clients.mjs';

const URL = process.env.URL || 'http://127.0.0.1:3000';
const port = new globalThis.URL(URL).port;
const seconds = Number(process.env.DURATION || 30);
let aborts = 0, errors = 0;

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

const steady = await steadyClients(URL, [['polling'], ['websocket']]);
steady.start();
const aborter = setInterval(() => { for (let i = 0; i < 3; i++) cutParkedPoll().catch(() => errors++); }, 10);

steady.finishAfter(seconds, () => clearInterval(aborter), () => ({ aborts, errors }));
