// The Socket.IO side of the development stand-in: the events of issue 3, and the edits, deletions and reactions
// of messages, on the npm socket.io server.
import { publicUser, roomView } from './fake-store.js';

const MAX_LENGTH = 4000;
const RATE_PER_SECOND = 5;
const TYPING_EXPIRES_MS = 5000;
const MAX_KINDS = 20;
// As Parley's Emoji: symbols and what joins them (joiner, variation selectors, keycap, skin tones, tags), no letters.
const EMOJI = /^(?=.*\p{So})[\p{So}\u200D\uFE0E\uFE0F\u20E3\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]+$/u;

export function attachRealtime(io, store, userFromRequest) {
  const blockedUntil = new Map(); // userId → time: /dev/drop refuses that user's handshakes until then
  const sent = new Map(); // userId → timestamps of the last second's messages

  // Refusing at the HTTP handshake looks like a network failure to the client: it keeps retrying.
  io.engine.opts.allowRequest = (req, callback) => {
    const user = userFromRequest(req);
    callback(null, !(user && (blockedUntil.get(user.id) ?? 0) > Date.now()));
  };

  io.use((socket, next) => {
    const user = userFromRequest(socket.request) ?? store.userFromToken(socket.handshake.auth?.token);
    if (!user) return next(new Error('Unauthorized'));
    socket.data.user = user;
    next();
  });

  const socketsOf = (userId) => [...io.of('/').sockets.values()].filter((s) => s.data.user.id === userId);
  const online = (userId) => socketsOf(userId).length > 0;
  const roomChannel = (roomId) => `room:${roomId}`;
  const inRoom = (userId, roomId) => socketsOf(userId).some((s) => s.rooms.has(roomChannel(roomId)));

  function announcePresence(user, isOnline) {
    const shared = new Set();
    for (const roomId of store.roomsOf(user.id)) for (const m of store.membersOf(roomId)) shared.add(m.id);
    shared.delete(user.id);
    const payload = { user: publicUser(user), online: isOnline, lastSeenAt: user.lastSeenAt };
    for (const id of shared) io.to(`user:${id}`).emit('presence', payload);
  }

  /** `replyTo`: the message of the room it answers, checked by the caller (see answered). */
  function post(user, room, text, clientMsgId, replyTo = null) {
    const earlier = store.byClientMsgId(user.id, clientMsgId);
    if (earlier) return { ok: true, id: earlier.id, createdAt: earlier.createdAt };
    const message = store.addMessage(room.id, user.id, text, clientMsgId, new Date(), replyTo);
    store.save();
    const dto = store.dto(message, { live: true });
    io.to(roomChannel(room.id)).emit('message', dto);
    for (const member of store.membersOf(room.id)) {
      if (member.id === user.id) continue;
      const mentioned = new RegExp(`(^|[^\\w@])@${member.username}(?![\\w-])`, 'i').test(text);
      if (mentioned) io.to(`user:${member.id}`).emit('notification', { type: 'mention', roomId: room.id, message: dto });
      else if (!inRoom(member.id, room.id)) io.to(`user:${member.id}`).emit('notification', { type: 'message', roomId: room.id, message: dto });
    }
    return { ok: true, id: message.id, createdAt: message.createdAt };
  }

  /**
   * The message a `replyTo` names, as Parley checks it: undefined when there is none, null when it is refused (an id
   * that is no positive number: Invalid; not a message of the room, or deleted: NotFound), with the code in `why`.
   */
  function answered(room, replyTo, why) {
    if (replyTo == null) return undefined;
    if (!/^[1-9]\d{0,17}$/.test(String(replyTo)) || (typeof replyTo !== 'number' && typeof replyTo !== 'string')) {
      why.error = 'Invalid';
      return null;
    }
    const message = store.message(replyTo);
    if (!message || message.roomId !== room.id || message.deletedAt) {
      why.error = 'NotFound';
      return null;
    }
    return message;
  }

  function rateLimited(userId) {
    const now = Date.now();
    const recent = (sent.get(userId) ?? []).filter((t) => now - t < 1000);
    recent.push(now);
    sent.set(userId, recent);
    return recent.length > RATE_PER_SECOND;
  }

  io.on('connection', (socket) => {
    const user = socket.data.user;
    socket.join(`user:${user.id}`);
    if (socketsOf(user.id).length === 1) announcePresence(user, true);
    const typingTimers = new Map();

    // Parley's shape: the ack { ok:false, error } and an `error` event { message, error, event }.
    const refuse = (ack, error, event, message = error) => {
      socket.emit('error', { message, error, event });
      if (typeof ack === 'function') ack({ ok: false, error, ...(message !== error && { message }) });
    };

    socket.on('join-room', (roomId, ack) => {
      const room = store.room(roomId);
      if (!room) return refuse(ack, 'NotFound', 'join-room');
      if (!store.canSee(room, user.id)) return refuse(ack, 'Forbidden', 'join-room');
      store.join(room.id, user.id);
      const first = !inRoom(user.id, room.id);
      socket.join(roomChannel(room.id));
      if (first) socket.to(roomChannel(room.id)).emit('user joined', { roomId: room.id, user: publicUser(user) });
      const members = store.membersOf(room.id).map((m) => ({ ...publicUser(m), online: online(m.id), lastSeenAt: m.lastSeenAt }));
      const history = store.page(room.id, { limit: 50 }).map((m) => store.dto(m, { history: true }));
      ack?.({ ok: true, room: store.roomView(room), members, history });
    });

    socket.on('leave-room', (roomId, ack) => {
      const room = store.room(roomId);
      if (room) {
        socket.leave(roomChannel(room.id));
        if (!inRoom(user.id, room.id)) socket.to(roomChannel(room.id)).emit('user left', { roomId: room.id, user: publicUser(user) });
      }
      ack?.({ ok: true });
    });

    socket.on('message', (payload, ack) => {
      const room = store.room(payload?.roomId);
      const text = typeof payload?.text === 'string' ? payload.text.trim() : '';
      if (!room) return refuse(ack, 'NotFound', 'message');
      if (!socket.rooms.has(roomChannel(room.id))) return refuse(ack, 'Forbidden', 'message');
      if (!text) return refuse(ack, 'Invalid', 'message');
      if (text.length > MAX_LENGTH) return refuse(ack, 'Invalid', 'message');
      const why = {};
      const replyTo = answered(room, payload.replyTo, why);
      if (replyTo === null) {
        return refuse(ack, why.error, 'message', why.error === 'Invalid' ? 'replyTo must be a positive number'
          : 'The message replied to is not in this room');
      }
      if (rateLimited(user.id)) return refuse(ack, 'RateLimited', 'message');
      ack?.(post(user, room, text, payload.clientMsgId ?? null, replyTo));
    });

    // edit-message and delete-message: the message they name, in a room this socket joined; else refused.
    const target = (payload, ack, event) => {
      const room = store.room(payload?.roomId);
      if (!room) return refuse(ack, 'NotFound', event);
      if (!socket.rooms.has(roomChannel(room.id))) return refuse(ack, 'Forbidden', event);
      const message = store.message(payload?.messageId);
      if (!message || message.roomId !== room.id) return refuse(ack, 'NotFound', event);
      return message;
    };

    socket.on('edit-message', (payload, ack) => {
      const message = target(payload, ack, 'edit-message');
      if (!message) return;
      const text = typeof payload.text === 'string' ? payload.text.trim() : '';
      if (message.deletedAt) return refuse(ack, 'NotFound', 'edit-message');
      if (message.userId !== user.id) return refuse(ack, 'Forbidden', 'edit-message');
      if (!text || text.length > MAX_LENGTH) return refuse(ack, 'Invalid', 'edit-message');
      if (rateLimited(user.id)) return refuse(ack, 'RateLimited', 'edit-message');
      store.editMessage(message, text);
      store.save();
      const dto = store.dto(message);
      io.to(roomChannel(message.roomId)).emit('message-updated', dto);
      ack?.({ ok: true, message: dto });
    });

    socket.on('delete-message', (payload, ack) => {
      const message = target(payload, ack, 'delete-message');
      if (!message) return;
      if (message.userId !== user.id && !user.admin) return refuse(ack, 'Forbidden', 'delete-message');
      if (rateLimited(user.id)) return refuse(ack, 'RateLimited', 'delete-message');
      if (!message.deletedAt) {
        store.deleteMessage(message);
        store.save();
        io.to(roomChannel(message.roomId)).emit('message-deleted', store.dto(message));
      }
      ack?.({ ok: true, message: store.dto(message) });
    });

    // react { roomId, messageId, emoji, on? }: acked with all of the message's reactions, told to the whole room.
    socket.on('react', (payload, ack) => {
      const message = target(payload, ack, 'react');
      if (!message) return;
      if (message.deletedAt) return refuse(ack, 'NotFound', 'react', 'No such message in this room');
      const emoji = payload.emoji;
      if (typeof emoji !== 'string' || [...emoji].length > 16 || !EMOJI.test(emoji)) {
        return refuse(ack, 'Invalid', 'react', 'emoji is one emoji, such as "👍"');
      }
      const on = payload.on !== false;
      const kinds = store.reactions(message);
      if (on && kinds.length >= MAX_KINDS && !kinds.some((r) => r.emoji === emoji)) {
        return refuse(ack, 'Invalid', 'react', `A message has at most ${MAX_KINDS} different reactions`);
      }
      if (rateLimited(user.id)) return refuse(ack, 'RateLimited', 'react');
      if (store.react(message, user.id, emoji, on)) {
        store.save();
        const reactions = store.reactions(message);
        io.to(roomChannel(message.roomId)).emit('message-reactions', { roomId: message.roomId, messageId: message.id, reactions });
      }
      ack?.({ ok: true, reactions: store.reactions(message) });
    });

    socket.on('typing', (payload) => {
      const room = store.room(payload?.roomId);
      if (!room || !socket.rooms.has(roomChannel(room.id))) return;
      const isTyping = Boolean(payload.isTyping);
      socket.to(roomChannel(room.id)).emit('typing', { roomId: room.id, user: publicUser(user), isTyping });
      clearTimeout(typingTimers.get(room.id));
      if (isTyping) {
        typingTimers.set(room.id, setTimeout(() => {
          socket.to(roomChannel(room.id)).emit('typing', { roomId: room.id, user: publicUser(user), isTyping: false });
        }, TYPING_EXPIRES_MS));
      }
    });

    socket.on('read', (payload) => {
      const room = store.room(payload?.roomId);
      if (room) {
        store.markRead(room.id, user.id, Number(payload.messageId));
        store.save();
      }
    });

    socket.on('disconnecting', () => {
      for (const timer of typingTimers.values()) clearTimeout(timer);
      for (const channel of socket.rooms) {
        if (!channel.startsWith('room:')) continue;
        const others = socketsOf(user.id).filter((s) => s !== socket && s.rooms.has(channel));
        if (others.length === 0) socket.to(channel).emit('user left', { roomId: Number(channel.slice(5)), user: publicUser(user) });
      }
    });

    socket.on('disconnect', () => {
      if (online(user.id)) return;
      user.lastSeenAt = new Date().toISOString();
      store.save();
      announcePresence(user, false);
    });
  });

  return {
    post,
    answered,
    /** `room-added` to both people of a new direct conversation. */
    roomAdded(room) {
      io.to(room.people.map((id) => `user:${id}`)).emit('room-added', { room: store.roomView(room) });
    },
    /** `room-updated` to every page that can see the room: all of them, or a private room's members'. */
    roomUpdated(room) {
      const to = room.private ? io.to(store.membersOf(room.id).map((u) => `user:${u.id}`)) : io;
      to.emit('room-updated', { room: roomView(room) });
    },
    disconnectUser(userId) {
      for (const s of socketsOf(userId)) s.disconnect(true);
    },
    /** Simulates a network drop: the transport closes and reconnects are refused for a while. */
    dropUser(userId, ms) {
      blockedUntil.set(userId, Date.now() + ms);
      for (const s of socketsOf(userId)) s.conn.close();
    },
  };
}
