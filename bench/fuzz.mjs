// Bad input beside good: batches of raw WebSockets send the chat's events with mutated payloads (wrong
// types, missing fields, huge strings, lone surrogates, unknown and prototype-named events), and in every
// other batch also malformed packets (bad JSON, deep nesting, bad ack ids, unknown types), while one
// socket.io-client sends a message every 250 ms. Exits 1 unless every event of a batch without malformed
// packets got its ack (a refusal is an ack too: {ok: false, error}) and the steady client lost nothing and
// got acks (each of its messages counts once answered, or lost at its 5 s timeout).
// A malformed packet closes its connection (as on Node), so the acks still due on it are not counted.
//   URL=http://127.0.0.1:8080 BATCHES=40 node bench/fuzz.mjs      (against a server started by churn.sh's
//   settings or any bench target: sign-up on; uses the test suite's socket.io-client and ws, src/test/node)
//   node bench/fuzz.mjs <url> <batches>                            (the same; FuzzIT runs it so, 10 batches)
import { createRequire } from 'node:module';
import { chatApi } from './lib/chat-users.mjs';

const require = createRequire(new globalThis.URL('../src/test/node/', import.meta.url));
const { io } = require('socket.io-client');
const WebSocket = require('ws');
// the URL may carry a context path (http://host/parley/): Socket.IO's path is under it
const URL = (process.argv[2] || process.env.URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const PATH = `${new globalThis.URL(URL).pathname.replace(/\/$/, '')}/socket.io`;
const BATCHES = Number(process.argv[3] || process.env.BATCHES || 40);
const chat = chatApi(URL);
const users = await chat.users(10); // users[0] is the steady client's alone: its flood limit stays its own
const [room] = await chat.rooms(1, users[0].token);
const tokens = users.slice(1).map((u) => u.token);

const values = [null, true, false, 0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, '', 'x'.repeat(5000), '1', [], {}, [1, 2],
  { roomId: String(room) }, '\u0000', '\ud800', 'é'];
const events = ['join-room', 'leave-room', 'message', 'edit-message', 'delete-message', 'react', 'typing', 'read', 'unknown', '', 'constructor', '__proto__', 'toString'];
const malformed = ['42', '42[', '42[]', '42[1]', '42[null]', '4', '43', '431[]', '41', '40', '40/nope,', '44', '45',
  '451-[]', '42["message"', '6', '5', 'x', '42{"a":1}', '4' + '['.repeat(200),
  '42["message",' + '['.repeat(150) + ']'.repeat(150) + ']', '42999999999999999999999["message",{}]', '42-1["message",{}]'];
const pick = (a) => a[Math.floor(Math.random() * a.length)];

function payload() {
  if (Math.random() < 0.2) return pick(values);
  const o = { roomId: room, text: 'hi', clientMsgId: crypto.randomUUID(), isTyping: true, messageId: 1, emoji: '👍', on: true };
  for (const k of Object.keys(o)) if (Math.random() < 0.4) o[k] = pick(values);
  if (Math.random() < 0.2) o[pick(['extra', '__proto__', 'roomId'])] = pick(values);
  return o;
}

const steady = io(new globalThis.URL(URL).origin, { path: PATH, transports: ['websocket'], auth: { token: users[0].token } });
await new Promise((r) => steady.on('connect', r));
await steady.emitWithAck('join-room', room);
let steadyAcks = 0, steadyLost = 0;
const steadySent = [];
const sendSteady = () => steadySent.push((async () => {
  try {
    const a = await steady.timeout(5000).emitWithAck('message', { roomId: room, text: 'steady', clientMsgId: crypto.randomUUID() });
    if (a.ok) steadyAcks++; else steadyLost++;
  } catch { steadyLost++; }
})());
sendSteady();
const timer = setInterval(sendSteady, 250);

let asked = 0, unanswered = 0, malformedSent = 0;
for (let batch = 0; batch < BATCHES; batch++) {
  const clean = batch % 2 === 0;
  await new Promise((resolve) => {
    const ws = new WebSocket(`${new globalThis.URL(URL).origin.replace(/^http/, 'ws')}${PATH}/?EIO=4&transport=websocket`);
    const pending = new Set();
    let id = 1;
    ws.on('message', (d) => {
      const s = d.toString();
      if (s.startsWith('0{')) return ws.send(`40${JSON.stringify({ token: pick(tokens) })}`);
      if (s === '2') return ws.send('3');
      if (s.startsWith('40{')) {
        for (let i = 0; i < 30; i++) {
          if (!clean && Math.random() < 0.15) { ws.send(pick(malformed)); malformedSent++; continue; }
          pending.add(id);
          if (clean) asked++;
          ws.send(`42${id++}${JSON.stringify([pick(events), payload()])}`);
        }
        // a clean batch ends with its last answer (some wait for a commit), or after 15 s as lost; the others
        // after 1.5 s, since a malformed packet may have closed the connection without answers
        setTimeout(() => ws.close(), clean ? 15000 : 1500);
        return;
      }
      const ack = /^43(\d+)/.exec(s);
      if (ack) pending.delete(Number(ack[1]));
      if (ack && clean && pending.size === 0) ws.close();
    });
    ws.on('close', () => { if (clean) unanswered += pending.size; resolve(); });
    ws.on('error', () => {});
  });
}
clearInterval(timer);
// every steady message sent is counted, acked or lost at its 5 s timeout: a fixed pause raced a loaded
// machine, where the batches can end within 2 s and the steady client's first acks come later
await Promise.all(steadySent);
const ok = unanswered === 0 && steadyLost === 0 && steady.connected && steadyAcks > 0;
console.log(JSON.stringify({ batches: BATCHES, askedInCleanBatches: asked, unanswered, malformedSent, steadyAcks, steadyLost, steadyConnected: steady.connected, ok }));
process.exit(ok ? 0 : 1);
