// Everyone back at once: USERS people, each with the room "general" open (join-room), all reconnect at the
// same moment, as after a server restart or a network blip. Each connection is a raw WebSocket that speaks
// just enough Engine.IO/Socket.IO (token CONNECT, join-room with ack, pongs) and counts the events it gets
// without parsing them, so the generator is not the limit. Prints, for the first connect and for the storm:
// how long until every one was connected and had joined, the events each got (presence, user joined, user
// left) and the server's CPU seconds, read from /proc (PID, the server's process id).
//   URL=http://127.0.0.1:8380 USERS=1000 PID=<server pid> node bench/reconnect-storm.mjs
// The server needs sign-up on and cheap password hashing, as bench/targets/parley.sh starts it
// (-Dparley.auth.signup-enabled=true -Dparley.auth.pbkdf2-iterations=1024).
import { readFileSync } from 'node:fs';
import WebSocket from '../src/test/node/node_modules/ws/wrapper.mjs';

const URL_ = process.env.URL || 'http://127.0.0.1:8380';
const USERS = Number(process.env.USERS || 1000);
const PID = process.env.PID;
const PASSWORD = 'storm-password-1';
const wsUrl = `${URL_.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;

async function api(path, body, token) {
  const res = await fetch(`${URL_}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

async function token(name) {
  await api('/api/auth/signup', { username: name, password: PASSWORD });
  const got = await api('/api/auth/token', { username: name, password: PASSWORD });
  if (!got.json?.token) throw new Error(`no token for ${name}: ${got.status}`);
  return got.json.token;
}

/** The server's CPU seconds so far (user + system), or NaN without PID. */
function cpuSeconds() {
  if (!PID) return NaN;
  const fields = readFileSync(`/proc/${PID}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks of 1/100 s
}

const counts = { presence: 0, 'user joined': 0, 'user left': 0, other: 0 };
function count(data) {
  const m = /^42\["([^"]+)"/.exec(data);
  if (!m) return;
  counts[m[1] in counts ? m[1] : 'other']++;
}

/** Connects, sends the token CONNECT, joins the room; resolves with the open socket once the join is acked. */
function connect(auth, roomId) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl);
    ws.on('message', (raw) => {
      const data = raw.toString();
      if (data === '2') ws.send('3');
      else if (data.startsWith('0{')) ws.send(`40${JSON.stringify({ token: auth })}`);
      else if (data.startsWith('40')) ws.send(`420["join-room",${roomId}]`);
      else if (data.startsWith('44')) reject(new Error(`refused: ${data}`));
      else if (data.startsWith('430')) resolve(ws);
      else count(data);
    });
    ws.on('error', reject);
  });
}

async function wave(label, tokens, roomId) {
  Object.keys(counts).forEach((k) => { counts[k] = 0; });
  const cpu = cpuSeconds();
  const start = performance.now();
  const sockets = await Promise.all(tokens.map((t) => connect(t, roomId)));
  const joined = performance.now() - start;
  await new Promise((r) => setTimeout(r, 3000)); // what is still on its way
  const perClient = (n) => (n / tokens.length).toFixed(1);
  console.log(`${label}: ${tokens.length} connected and joined in ${(joined / 1000).toFixed(2)} s; events per `
    + `connection: presence ${perClient(counts.presence)}, user joined ${perClient(counts['user joined'])}, `
    + `user left ${perClient(counts['user left'])}, other ${perClient(counts.other)}; server CPU `
    + `${(cpuSeconds() - cpu).toFixed(1)} s (incl. 3 s after)`);
  return sockets;
}

const tokens = [];
for (let i = 0; i < USERS; i += 25) {
  tokens.push(...await Promise.all(Array.from({ length: Math.min(25, USERS - i) }, (_, k) => token(`storm-${i + k}`))));
}
const rooms = await api('/api/rooms', null, tokens[0]);
const general = rooms.json.find((r) => r.name === 'general')?.id;
if (!general) throw new Error(`no room "general": ${JSON.stringify(rooms.json).slice(0, 200)}`);

let sockets = await wave('first connect', tokens, general);
sockets.forEach((ws) => ws.terminate()); // the network goes away for everyone at once
await new Promise((r) => setTimeout(r, 5000));
sockets = await wave('storm', tokens, general);
// closed with their close handshakes: then nothing keeps Node running and the script ends by itself
await Promise.all(sockets.map((ws) => new Promise((resolve) => { ws.once('close', resolve); ws.close(); })));
