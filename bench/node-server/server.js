'use strict';
// The anchor for Parley's benchmarks: stock Socket.IO 4.8 on Node doing Parley's chat event contract
// (issue 3) with no persistence, no rate limit and no dedupe, so it is the Node server at its most
// favourable. Usage: node server.js [port]   (default 3100; listens on 127.0.0.1 only)
const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2] || process.env.PORT || 3100);
const MAX_TEXT = 4000;

const httpServer = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return;
  }
  res.writeHead(404);
  res.end();
});

const io = new Server(httpServer, { serveClient: false });

// Auth mirrors what Parley accepts from non-browser clients: `auth: { token }`; the reference trusts the
// token as the user's name (no signature check: the anchor pays no crypto). A plain `auth: { name }` works too.
let nextUserId = 1;
const userIds = new Map();
io.use((socket, next) => {
  const auth = socket.handshake.auth || {};
  const name = typeof auth.name === 'string' ? auth.name : typeof auth.token === 'string' ? auth.token : null;
  if (!name) {
    next(new Error('Unauthorized'));
    return;
  }
  if (!userIds.has(name)) userIds.set(name, nextUserId++);
  socket.data.user = { id: userIds.get(name), name };
  next();
});

let nextMessageId = 1;

function reply(ack, body) {
  if (typeof ack === 'function') ack(body);
}

function reject(socket, ack, error) {
  reply(ack, { ok: false, error });
  socket.emit('error', { message: error });
}

function membersOf(roomId) {
  const ids = io.of('/').adapter.rooms.get(roomId) || new Set();
  const members = [];
  for (const id of ids) {
    const s = io.of('/').sockets.get(id);
    if (s) members.push(s.data.user);
  }
  return members;
}

io.on('connection', (socket) => {
  const user = socket.data.user;

  socket.on('join-room', (roomId, ack) => {
    if (typeof roomId !== 'string' || roomId.length === 0) {
      reject(socket, ack, 'NotFound');
      return;
    }
    socket.join(roomId);
    reply(ack, { ok: true, room: { id: roomId, name: roomId }, members: membersOf(roomId), history: [] });
  });

  socket.on('leave-room', (roomId, ack) => {
    socket.leave(roomId);
    reply(ack, { ok: true });
  });

  socket.on('message', (payload, ack) => {
    const roomId = payload && payload.roomId;
    const text = payload && typeof payload.text === 'string' ? payload.text.trim() : '';
    if (text.length === 0 || text.length > MAX_TEXT) {
      reject(socket, ack, 'Invalid');
      return;
    }
    if (typeof roomId !== 'string' || !socket.rooms.has(roomId)) {
      reject(socket, ack, 'Forbidden');
      return;
    }
    const message = {
      id: nextMessageId++,
      roomId,
      user,
      text,
      createdAt: new Date().toISOString(),
      clientMsgId: payload.clientMsgId,
    };
    io.to(roomId).emit('message', message);
    reply(ack, { ok: true, id: message.id, createdAt: message.createdAt });
  });

  socket.on('typing', (payload) => {
    if (!payload || typeof payload.roomId !== 'string' || !socket.rooms.has(payload.roomId)) return;
    socket.to(payload.roomId).emit('typing', { roomId: payload.roomId, user, isTyping: !!payload.isTyping });
  });
});

httpServer.listen(port, '127.0.0.1', () => {
  console.log(`node reference listening on 127.0.0.1:${port} (pid ${process.pid}, socket.io ${require('socket.io/package.json').version})`);
});
