// WebSocket closes that the server starts, beside steady clients: sockets join "/" and never answer a ping,
// so the server closes each at its ping timeout (500 ms with ./conformance-fixture) while the client answers
// the close frame, some 400 a second, 200 open at a time. A polling and a WebSocket socket.io-client emit
// "message-with-ack" every 20 ms meanwhile. Prints the close codes the sockets saw and the steady clients'
// acks; exits 0 when every ack came back and both stayed connected. Count the container's exceptions in
// the server's log (GRIZZLY0013, AS-WEB-CORE-00037). Against ./conformance-fixture (port 3000):
//   node bench/server-closes.mjs            (URL=http://127.0.0.1:3000 DURATION=30 by default)
// On a fixture just started, its 200 ms ping timeout can end the steady polling client (its pong comes late
// from a cold server: "Session ID unknown"); run once to warm it, or start it with -Dparley.ping-timeout=1000.
import WebSocket from '../src/test/node/node_modules/ws/wrapper.mjs';
import { steadyClients } from './lib/steady-clients.mjs';

const URL = process.env.URL || 'http://127.0.0.1:3000';
const seconds = Number(process.env.DURATION || 30);
let opened = 0, closed = 0, errors = 0, live = 0;
const codes = {};

const steady = await steadyClients(URL, [['polling'], ['websocket']]);
steady.start();
const opener = setInterval(() => {
  for (let i = 0; i < 5 && live < 200; i++) {
    live++;
    const ws = new WebSocket(`${URL.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    ws.on('open', () => { opened++; ws.send('40'); });
    ws.on('error', () => errors++);
    ws.on('close', code => { closed++; live--; codes[code] = (codes[code] || 0) + 1; });
  }
}, 10);

steady.finishAfter(seconds, () => clearInterval(opener), () => ({ opened, closed, errors, codes }));
