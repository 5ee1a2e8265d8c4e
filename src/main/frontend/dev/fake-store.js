// In-memory data for the development stand-in of Parley: users, rooms (direct conversations too), memberships
// with read marks, messages with their reactions and the message each answers. Optionally saved to a JSON file so a "restart" keeps the conversation.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export const DEV_PASSWORD = 'parley';

export class FakeStore {
  constructor(file) {
    this.file = file;
    if (file && existsSync(file)) {
      Object.assign(this, JSON.parse(readFileSync(file, 'utf8')));
    } else {
      this.seed();
    }
  }

  seed() {
    this.nextId = 1;
    this.users = [];
    this.rooms = [];
    this.members = []; // { roomId, userId, readMark }
    this.messages = [];
    this.secret = randomBytes(32).toString('hex');
    for (const [username, name] of [['alice', 'Alice'], ['bob', 'Bob'], ['carol', 'Carol'], ['dave', 'Dave']]) {
      this.addUser(username, DEV_PASSWORD, name);
    }
    this.users[0].admin = true; // as Parley's initial administrator: she may delete anyone's message
    const general = this.addRoom('general', false, 'Company-wide chatter', 1);
    const support = this.addRoom('support', false, 'Ask the help desk', 2);
    const news = this.addRoom('announcements', false, 'News from the leadership team', 3);
    for (const room of [general, support, news]) for (const user of this.users) this.join(room.id, user.id);
    const design = this.addRoom('design-team', true, 'Mock-ups and reviews', 1);
    this.join(design.id, 2);
    // Enough history in #general to page through.
    const lines = ['Morning all!', 'Did anyone see the new build?', 'Coffee machine on 3 is fixed.',
      'Standup in 5.', 'Thanks @alice, looks good.', 'I will take the release notes.'];
    const start = Date.now() - 26 * 3600 * 1000;
    for (let i = 0; i < 120; i++) {
      const user = this.users[i % 3];
      this.join(general.id, user.id);
      this.addMessage(general.id, user.id, `${lines[i % lines.length]} (${i + 1})`, null, new Date(start + i * 12 * 60000));
    }
    for (const user of this.users) this.markRead(general.id, user.id, this.nextId - 1);
  }

  save() {
    if (!this.file) return;
    const { file, ...data } = this;
    writeFileSync(file, JSON.stringify(data));
  }

  // ---- users and tokens ------------------------------------------------------------------------

  addUser(username, password, name = username) {
    const salt = randomBytes(16).toString('hex');
    const user = { id: this.nextId++, username, name, salt, hash: scryptSync(password, salt, 32).toString('hex'), lastSeenAt: null };
    this.users.push(user);
    return user;
  }

  checkPassword(username, password) {
    const user = this.users.find((u) => u.username === username);
    if (!user) return null;
    const hash = scryptSync(String(password ?? ''), user.salt, 32);
    return timingSafeEqual(hash, Buffer.from(user.hash, 'hex')) ? user : null;
  }

  user(id) {
    return this.users.find((u) => u.id === Number(id)) ?? null;
  }

  /** A signed, expiring token; the secret is saved with the data, so tokens survive a restart. */
  issueToken(user, ttlSeconds = 3600) {
    const body = `${user.id}.${Math.floor(Date.now() / 1000) + ttlSeconds}`;
    return `${body}.${createHmac('sha256', this.secret).update(body).digest('hex')}`;
  }

  userFromToken(token) {
    const [id, expires, sig] = String(token ?? '').split('.');
    if (!sig || Number(expires) * 1000 < Date.now()) return null;
    const expected = createHmac('sha256', this.secret).update(`${id}.${expires}`).digest('hex');
    return expected === sig ? this.user(id) : null;
  }

  // ---- rooms -----------------------------------------------------------------------------------

  addRoom(name, isPrivate, topic, creatorId) {
    const room = { id: this.nextId++, name, private: isPrivate, topic };
    this.rooms.push(room);
    this.join(room.id, creatorId);
    return room;
  }

  room(id) {
    return this.rooms.find((r) => String(r.id) === String(id)) ?? null;
  }

  membership(roomId, userId) {
    return this.members.find((m) => m.roomId === roomId && m.userId === userId) ?? null;
  }

  /** The one direct conversation of two people, made the first time: { room, created }. */
  direct(me, other) {
    const pair = [me.id, other.id].sort((a, b) => a - b);
    const held = this.rooms.find((r) => r.direct && r.people.join() === pair.join());
    if (held) return { room: held, created: false };
    const room = { id: this.nextId++, name: '', private: true, direct: true, people: pair, createdBy: me.id, topic: '' };
    this.rooms.push(room);
    for (const id of pair) this.join(room.id, id);
    return { room, created: true };
  }

  /** A room as GET /api/rooms, join-room and room-added tell it: a direct one by its people, as they are named now. */
  roomView(room) {
    if (!room.direct) return { ...room };
    return {
      id: room.id, visibility: 'direct', createdBy: room.createdBy, topic: '',
      people: room.people.map((id) => ({ id, name: this.user(id).name })),
    };
  }

  canSee(room, userId) {
    return !room.private || Boolean(this.membership(room.id, userId));
  }

  join(roomId, userId) {
    if (!this.membership(roomId, userId)) this.members.push({ roomId, userId, readMark: 0 });
  }

  membersOf(roomId) {
    return this.members.filter((m) => m.roomId === roomId).map((m) => this.user(m.userId));
  }

  roomsOf(userId) {
    return this.members.filter((m) => m.userId === userId).map((m) => m.roomId);
  }

  markRead(roomId, userId, messageId) {
    const m = this.membership(roomId, userId);
    if (m && messageId > m.readMark) m.readMark = messageId;
  }

  unread(roomId, userId) {
    const m = this.membership(roomId, userId);
    if (!m) return 0;
    return this.messages.filter((x) => x.roomId === roomId && x.id > m.readMark && x.userId !== userId).length;
  }

  // ---- messages --------------------------------------------------------------------------------

  /** `replyTo`: a message of the room answered, quoted as it is now for the live event (as Parley does). */
  addMessage(roomId, userId, text, clientMsgId, at = new Date(), replyTo = null) {
    const message = { id: this.nextId++, roomId, userId, text, clientMsgId, createdAt: at.toISOString() };
    if (replyTo) Object.assign(message, { replyToId: replyTo.id, quoteThen: this.quote(replyTo) });
    this.messages.push(message);
    return message;
  }

  /** A reply's quote of `message`: { id, user, text (200 characters at most, the last "…" when cut), deletedAt? }. */
  quote(message) {
    const chars = [...message.text];
    const text = chars.length <= 200 ? message.text : `${chars.slice(0, 199).join('')}…`;
    const { id, name } = this.user(message.userId);
    return { id: message.id, user: { id, name }, text, ...(message.deletedAt && { deletedAt: message.deletedAt }) };
  }

  message(id) {
    return this.messages.find((m) => String(m.id) === String(id)) ?? null;
  }

  editMessage(message, text) {
    message.text = text;
    message.editedAt = new Date().toISOString();
  }

  /** A tombstone: the text goes, and its reactions; the message stays in its place in the history. */
  deleteMessage(message) {
    message.text = '';
    message.deletedAt ??= new Date().toISOString();
    delete message.reactions;
  }

  /** A user's reaction on or off; false when that changes nothing. Emoji stay in the order first used. */
  react(message, userId, emoji, on) {
    const list = (message.reactions ??= []); // [{ emoji, userIds }]
    const entry = list.find((r) => r.emoji === emoji);
    if (on === Boolean(entry?.userIds.includes(userId))) return false;
    if (on && entry) entry.userIds.push(userId);
    else if (on) list.push({ emoji, userIds: [userId] });
    else entry.userIds = entry.userIds.filter((id) => id !== userId);
    message.reactions = list.filter((r) => r.userIds.length > 0);
    return true;
  }

  /** The message's reactions as clients see them: [{ emoji, users: [{ id, name }] }]. */
  reactions(message) {
    return (message.reactions ?? []).map((r) => ({
      emoji: r.emoji, users: r.userIds.map((id) => ({ id, name: this.user(id).name })),
    }));
  }

  byClientMsgId(userId, clientMsgId) {
    return clientMsgId ? this.messages.find((m) => m.userId === userId && m.clientMsgId === clientMsgId) : null;
  }

  page(roomId, { before, after, limit }) {
    let list = this.messages.filter((m) => m.roomId === roomId);
    if (after != null) return list.filter((m) => m.id > after).slice(0, limit);
    if (before != null) list = list.filter((m) => m.id < before);
    return list.slice(-limit);
  }

  /** GET /api/search: readable rooms (or `roomId`), not deleted, text containing q in any case; newest first. */
  search(userId, { q, roomId, before, limit }) {
    const needle = q.toLowerCase();
    const readable = (m) => this.canSee(this.room(m.roomId), userId) && (roomId == null || String(m.roomId) === roomId);
    const found = this.messages.filter((m) => !m.deletedAt && (before == null || m.id < before) && readable(m)
      && m.text.toLowerCase().includes(needle)).reverse();
    return { messages: found.slice(0, limit).map((m) => this.dto(m)), hasMore: found.length > limit };
  }

  /**
   * `history`: a copy for the history (a page, the join's history), the only one with `reactions`, when there are any,
   * and a reply's quote as the answered message now is. `live`: the `message` event's, quoting it as it was then.
   * Edits and deletions carry no quote.
   */
  dto(message, { history = false, live = false } = {}) {
    const user = this.user(message.userId);
    const reactions = history ? this.reactions(message) : [];
    const answered = message.replyToId != null && history ? this.message(message.replyToId) : null;
    const replyTo = answered ? this.quote(answered) : live ? message.quoteThen : null;
    return {
      id: message.id, roomId: message.roomId, user: publicUser(user),
      text: message.text, createdAt: message.createdAt, clientMsgId: message.clientMsgId,
      ...(message.editedAt && { editedAt: message.editedAt }),
      ...(message.deletedAt && { deletedAt: message.deletedAt }),
      ...(replyTo && { replyTo }),
      ...(reactions.length > 0 && { reactions }),
    };
  }
}

export const publicUser = (u) => ({ id: u.id, name: u.name, username: u.username });
/** A room as PATCH /api/rooms/{id} and `room-updated` tell it. */
export const roomView = (r) => ({
  id: r.id, name: r.name, visibility: r.private ? 'private' : 'public', ...(r.createdBy && { createdBy: r.createdBy }),
});
/** What /api/me tells a user about themselves. */
export const selfView = (u) => ({ ...publicUser(u), admin: Boolean(u.admin) });
