'use strict';
// Checks, with the stock socket.io-client, that a target speaks the part of Parley's chat contract the load
// generator relies on: CONNECT with auth, join-room acked {ok:true}, a message broadcast to every member
// (sender included) with {id, roomId, user, text, createdAt, clientMsgId}, and the sender's ack {ok, id, createdAt}.
// Usage: node contract-check.js <base url> <auth json for user A> <auth json for user B> <room id>
const { io } = require('socket.io-client');

const [url, authA, authB, rawRoom] = process.argv.slice(2);
if (!rawRoom) {
  console.error('usage: node contract-check.js <url> <authA json> <authB json> <roomId>');
  process.exit(2);
}
const roomId = /^[0-9]+$/.test(rawRoom) ? Number(rawRoom) : rawRoom;
const timer = setTimeout(() => fail('timed out after 10 s'), 10000);

function fail(why) {
  console.error(`contract check FAILED against ${url}: ${why}`);
  process.exit(1);
}

function connect(auth) {
  return new Promise((resolve, reject) => {
    const s = io(url, { transports: ['websocket'], auth: JSON.parse(auth), reconnection: false, forceNew: true });
    s.on('connect', () => resolve(s));
    s.on('connect_error', (e) => reject(new Error(`connect_error ${e.message}`)));
  });
}

function expect(cond, what) {
  if (!cond) fail(what);
}

(async () => {
  const a = await connect(authA);
  const b = await connect(authB);
  for (const s of [a, b]) {
    const ack = await s.timeout(5000).emitWithAck('join-room', roomId);
    expect(ack && ack.ok === true && Array.isArray(ack.members) && Array.isArray(ack.history), `join-room ack ${JSON.stringify(ack)}`);
  }
  const text = `t${Date.now()} contract`;
  const clientMsgId = `check-${Date.now()}`;
  const seen = [a, b].map((s) => new Promise((resolve) => s.on('message', (m) => m.clientMsgId === clientMsgId && resolve(m))));
  const ack = await a.timeout(5000).emitWithAck('message', { roomId, text, clientMsgId });
  expect(ack && ack.ok === true && ack.id !== undefined && ack.createdAt !== undefined, `message ack ${JSON.stringify(ack)}`);
  for (const m of await Promise.all(seen)) {
    expect(m.id === ack.id && m.text === text && m.roomId == roomId && m.user && m.user.name && m.createdAt,
      `broadcast ${JSON.stringify(m)}`);
  }
  console.log(`contract check passed against ${url}: join-room, message broadcast to both members, ack ${JSON.stringify(ack)}`);
  clearTimeout(timer);
  a.close();
  b.close();
})().catch((e) => fail(e.message));
