// A development stand-in for Parley: the REST API and Socket.IO events of the chat contract
// (issue 3), in memory, on the real npm `socket.io` server. Not Parley, and not a test of it:
// it lets the page be built and looked at before the Java server exists.
//
//   node dev/fake-parley.js [--port 3170] [--state /tmp/parley-dev.json] [--no-signup]
//
// Users alice (an administrator), bob, carol, dave; password "parley". Direct conversations, reactions and replies too. Serves the built page from target/frontend.
// Dev-only controls: POST /dev/drop?user=alice&ms=3000 drops that user's connections and refuses
// new ones for ms; POST /dev/say?user=bob&room=general[&replyTo=ID] (body: text) posts as that user.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import { FakeStore, roomView, selfView } from './fake-store.js';
import { attachRealtime } from './fake-realtime.js';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.FAKE_PORT ?? '3170' },
    state: { type: 'string' },
    'no-signup': { type: 'boolean', default: false },
    static: { type: 'string', default: fileURLToPath(new URL('../../../../target/frontend', import.meta.url)) },
  },
});

const store = new FakeStore(args.state);
const sessions = new Map(); // sid → userId; forgotten on restart, like a real server's HTTP sessions
const COOKIE = 'PARLEY_DEV_SESSION';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

export function userFromRequest(req) {
  const sid = /(?:^|;\s*)PARLEY_DEV_SESSION=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const fromCookie = sid && sessions.has(sid) ? store.user(sessions.get(sid)) : null;
  if (fromCookie) return fromCookie;
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  return bearer ? store.userFromToken(bearer) : null;
}

const http = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/api/')) return await routeApi(req, res, url);
    if (url.pathname.startsWith('/dev/')) return await routeDev(req, res, url);
    return await serveStatic(res, url.pathname);
  } catch (err) {
    console.error(err);
    send(res, 500, { error: 'Internal', message: String(err.message) });
  }
});

const io = new Server(http, { cors: { origin: false } });
const realtime = attachRealtime(io, store, userFromRequest);

async function routeApi(req, res, url) {
  const path = url.pathname.slice('/api'.length);
  const body = req.method === 'POST' || req.method === 'PATCH' ? await readJson(req) : null;
  if (path === '/auth/config') {
    const me = userFromRequest(req);
    return send(res, 200, me ? { signup: !args['no-signup'], user: selfView(me) } : { signup: !args['no-signup'] });
  }
  if (path === '/auth/login' && req.method === 'POST') {
    const user = store.checkPassword(body?.username, body?.password);
    if (!user) return send(res, 401, { error: 'Unauthorized', message: 'Wrong user name or password.' });
    const sid = randomBytes(18).toString('base64url');
    sessions.set(sid, user.id);
    res.setHeader('Set-Cookie', `${COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax`);
    return send(res, 200, selfView(user));
  }
  if (path === '/auth/signup' && req.method === 'POST') {
    if (args['no-signup']) return send(res, 403, { error: 'Forbidden', message: 'Sign-up is off.' });
    const username = String(body?.username ?? '').trim();
    if (!/^[\w.-]{2,32}$/.test(username) || String(body?.password ?? '').length < 6) {
      return send(res, 400, { error: 'Invalid', message: 'User name 2–32 letters/digits, password at least 6 characters.' });
    }
    if (store.users.some((u) => u.username === username)) return send(res, 409, { error: 'Conflict', message: 'That user name is taken.' });
    const user = store.addUser(username, body.password, username);
    for (const room of store.rooms.filter((r) => r.name === 'general')) store.join(room.id, user.id);
    store.save();
    return send(res, 201, selfView(user));
  }
  const me = userFromRequest(req);
  if (!me) return send(res, 401, { error: 'Unauthorized', message: 'Not signed in.' });
  if (path === '/auth/logout' && req.method === 'POST') {
    for (const [sid, id] of sessions) if (id === me.id) sessions.delete(sid);
    realtime.disconnectUser(me.id);
    res.setHeader('Set-Cookie', `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    return send(res, 204);
  }
  if (path === '/auth/token' && req.method === 'POST') return send(res, 200, { token: store.issueToken(me), expiresIn: 3600 });
  if (path === '/me') return send(res, 200, selfView(me));
  if (path === '/rooms' && req.method === 'GET') {
    const visible = store.rooms.filter((r) => store.canSee(r, me.id));
    return send(res, 200, visible.map((r) => ({ ...store.roomView(r), unread: store.unread(r.id, me.id) })));
  }
  if (path === '/rooms/direct' && req.method === 'POST') {
    const other = store.user(body?.userId);
    if (!other) return send(res, 404, { error: 'NotFound', message: 'No such user.' });
    if (other.id === me.id) return send(res, 400, { error: 'Invalid', message: 'A direct conversation is with someone else.' });
    const { room, created } = store.direct(me, other);
    if (created) {
      store.save();
      realtime.roomAdded(room);
    }
    return send(res, created ? 201 : 200, { ...store.roomView(room), unread: store.unread(room.id, me.id) });
  }
  if (path === '/rooms' && req.method === 'POST') {
    const name = String(body?.name ?? '').trim();
    if (!name || name.length > 80) return send(res, 400, { error: 'Invalid', message: 'A room needs a name (at most 80 characters).' });
    if (store.rooms.some((r) => r.name.toLowerCase() === name.toLowerCase())) {
      return send(res, 409, { error: 'Conflict', message: `A room called ${name} exists already.` });
    }
    // Parley's body is { name, visibility: 'public' | 'private' } (docs/chat-api.md).
    const room = store.addRoom(name, body?.visibility === 'private', '', me.id);
    room.createdBy = me.id; // the demo rooms have none: the server made them
    store.save();
    return send(res, 201, { ...room, unread: 0 });
  }
  const renaming = /^\/rooms\/([^/]+)$/.exec(path);
  if (renaming && req.method === 'PATCH') {
    const room = store.room(decodeURIComponent(renaming[1]));
    if (!room || !store.canSee(room, me.id)) return send(res, 404, { error: 'NotFound', message: 'No such room.' });
    if (room.direct) return send(res, 400, { error: 'Invalid', message: 'A direct conversation has no name.' });
    if (room.createdBy !== me.id && !me.admin) {
      return send(res, 403, { error: 'Forbidden', message: 'Only the room\'s creator or an administrator may rename it.' });
    }
    const name = String(body?.name ?? '').trim();
    if (!name || name.length > 64 || /[\r\n]/.test(name)) {
      return send(res, 400, { error: 'Invalid', message: 'A room name is 1 to 64 characters on one line.' });
    }
    if (store.rooms.some((r) => r !== room && r.name.toLowerCase() === name.toLowerCase())) {
      return send(res, 409, { error: 'Conflict', message: `A room called ${name} exists already.` });
    }
    if (room.name !== name) {
      room.name = name;
      store.save();
      realtime.roomUpdated(room);
    }
    return send(res, 200, roomView(room));
  }
  const paging = /^\/rooms\/([^/]+)\/messages$/.exec(path);
  if (paging && req.method === 'GET') {
    const room = store.room(decodeURIComponent(paging[1]));
    if (!room || !store.canSee(room, me.id)) return send(res, 404, { error: 'NotFound', message: 'No such room.' });
    const number = (name) => (url.searchParams.has(name) ? Number(url.searchParams.get(name)) : null);
    const limit = Math.min(Math.max(number('limit') ?? 50, 1), 200);
    const page = store.page(room.id, { before: number('before'), after: number('after'), limit });
    return send(res, 200, page.map((m) => store.dto(m, { history: true })));
  }
  if (path === '/search' && req.method === 'GET') {
    const q = (url.searchParams.get('q') ?? '').trim();
    if (!q || q.length > 200) return send(res, 400, { error: 'Invalid', message: 'Search for 1 to 200 characters.' });
    const before = url.searchParams.has('before') ? Number(url.searchParams.get('before')) : null;
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 20) || 20, 1), 50);
    return send(res, 200, store.search(me.id, { q, roomId: url.searchParams.get('roomId'), before, limit }));
  }
  return send(res, 404, { error: 'NotFound', message: `No API at ${path}` });
}

async function routeDev(req, res, url) {
  const user = store.users.find((u) => u.username === url.searchParams.get('user'));
  if (!user) return send(res, 404, { message: 'no such user' });
  if (url.pathname === '/dev/drop') {
    realtime.dropUser(user.id, Number(url.searchParams.get('ms') ?? 3000));
    return send(res, 204);
  }
  if (url.pathname === '/dev/say') {
    const room = store.rooms.find((r) => r.name === url.searchParams.get('room'));
    const text = await readText(req);
    const why = {};
    const replyTo = realtime.answered(room, url.searchParams.get('replyTo'), why);
    if (replyTo === null) return send(res, why.error === 'Invalid' ? 400 : 404, { error: why.error });
    return send(res, 200, realtime.post(user, room, text, null, replyTo));
  }
  return send(res, 404, {});
}

async function serveStatic(res, pathname) {
  const file = normalize(join(args.static, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(normalize(args.static))) return send(res, 403, {});
  try {
    const data = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(data);
  } catch {
    send(res, 404, { message: `Not built yet? ${pathname} not in ${args.static} (npm run build)` });
  }
}

function send(res, status, body) {
  if (status === 204 || body === undefined) {
    res.writeHead(status);
    return res.end();
  }
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readText(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(req) {
  const text = await readText(req);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

http.listen(Number(args.port), '127.0.0.1', () => {
  console.log(`fake Parley on http://127.0.0.1:${args.port} (users alice, bob, carol, dave; password "parley")`);
});

const stop = () => {
  store.save();
  io.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
