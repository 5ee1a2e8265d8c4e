// Two Parley instances sharing rooms through Redis, seen by the real socket.io-client:
//   node scenarios/cluster.mjs <baseUrlOfOne> <baseUrlOfTwo> <password> <scenario>
// alice is on instance one (and has a second tab on two), bob on two. Prints one JSON line of observations
// (instanceDies and redisAway print {"type":"ready"} and then wait for lines on stdin: what the test did).
import { createInterface } from "node:readline";
import { io } from "socket.io-client";
import { once, runScenario, sleep, until } from "./common.mjs";

const [one, two, password, scenario] = process.argv.slice(2);
const opened = [];

async function login(base, username) {
  const response = await fetch(new URL("api/auth/login", base), {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login ${username} on ${base}: ${response.status}`);
  return response.headers.get("set-cookie").split(";")[0];
}
async function user(base, name, transports = ["websocket"]) {
  const cookie = await login(base, name);
  const { origin, pathname } = new URL(base);
  const socket = io(origin, { path: `${pathname}socket.io/`, forceNew: true, reconnection: false, transports,
    extraHeaders: { cookie } });
  opened.push(socket);
  await once(socket, "connect", 15000);
  return { socket, cookie };
}
function record(socket, event) {
  const got = [];
  socket.on(event, (payload) => got.push(payload));
  return got;
}
const ask = (socket, event, ...args) => socket.timeout(5000).emitWithAck(event, ...args);
let stdin;
/** The next line the test writes on stdin: it has done what the scenario waits for. */
const nextLine = () => (stdin ??= createInterface({ input: process.stdin })[Symbol.asyncIterator]()).next();

/** Bob on instance two watches general while Alice's only tab opens on instance one. */
async function bobWatchesAliceOnInstanceOne() {
  const bob = await user(two, "bob");
  const general = await generalId(two, bob.cookie);
  await ask(bob.socket, "join-room", general);
  const seen = record(bob.socket, "presence");
  const alice = () => seen.filter((p) => p.user?.name === "Alice");
  await user(one, "alice"); // no reconnection: her tab stays on instance one
  await until("bob hears alice is online", () => alice().length >= 1);
  const aliceOnlineInMembers = async () => (await ask(bob.socket, "join-room", general)).members
    .find((m) => m.name === "Alice")?.online ?? null;
  return { alice, states: () => alice().map((p) => (p.online ? "online" : "offline")), aliceOnlineInMembers };
}

async function createRoom(base, cookie, name, visibility) {
  const created = await fetch(new URL("api/rooms", base), { method: "POST",
    headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ name, visibility }) });
  return (await created.json()).id;
}

async function generalId(base, cookie) {
  const rooms = await (await fetch(new URL("api/rooms", base), { headers: { cookie } })).json();
  return rooms.find((r) => (r.room?.name ?? r.name) === "general")?.room?.id
    ?? rooms.find((r) => r.name === "general").id;
}

const scenarios = {
  /** Alice and Bob become members of general, whose presence the other scenarios watch: run once, first. */
  async members() {
    const joined = {};
    for (const [base, name] of [[one, "alice"], [two, "bob"]]) {
      const { socket, cookie } = await user(base, name);
      joined[name] = (await ask(socket, "join-room", await generalId(base, cookie))).ok === true;
    }
    return joined;
  },
  async instanceDies() {
    const { alice, states, aliceOnlineInMembers } = await bobWatchesAliceOnInstanceOne();
    console.log(JSON.stringify({ type: "ready" }));
    await nextLine(); // instance one was killed
    const killedAt = Date.now();
    for (let i = 0; i < 300 && alice().length < 2; i++) await sleep(100);
    await sleep(500); // time for a duplicate to show
    return {
      type: "observed",
      alice: states(),
      lastSeenAt: alice()[1]?.lastSeenAt ?? null,
      killedAt: new Date(killedAt).toISOString(),
      heardAfterMs: alice().length >= 2 ? Date.now() - killedAt : null,
      aliceOnlineInMembers: await aliceOnlineInMembers(),
    };
  },
  async redisAway() {
    const { alice, states, aliceOnlineInMembers } = await bobWatchesAliceOnInstanceOne();
    console.log(JSON.stringify({ type: "ready" }));
    await nextLine(); // Redis was stopped: instance two no longer hears from one
    for (let i = 0; i < 200 && alice().length < 2; i++) await sleep(100);
    const whileAway = states();
    console.log(JSON.stringify({ type: "away", alice: whileAway }));
    await nextLine(); // Redis is back
    for (let i = 0; i < 200 && alice().length < 3; i++) await sleep(100);
    await sleep(500);
    return { type: "observed", whileAway, alice: states(), aliceOnlineInMembers: await aliceOnlineInMembers() };
  },
  /** A user of their own signs up on one, signs in on two too, and changes the password on one. */
  async passwordAcrossInstances() {
    const name = `pw-${Date.now()}`;
    const post = (base, path, body, cookie) => fetch(new URL(path, base), { method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
    const signup = await post(one, "api/auth/signup", { username: name, password: "the old one" });
    const desk = signup.headers.get("set-cookie").split(";")[0];
    const phone = (await post(two, "api/auth/login", { username: name, password: "the old one" }))
      .headers.get("set-cookie").split(";")[0];
    const connect = (base, cookie) => {
      const { origin, pathname } = new URL(base);
      const socket = io(origin, { path: `${pathname}socket.io/`, forceNew: true, reconnection: false,
        transports: ["websocket"], extraHeaders: { cookie } });
      opened.push(socket);
      return socket;
    };
    const deskSocket = connect(one, desk);
    const phoneSocket = connect(two, phone);
    await Promise.all([once(deskSocket, "connect", 15000), once(phoneSocket, "connect", 15000)]);
    const phoneGone = once(phoneSocket, "disconnect", 5000);
    const changed = await post(one, "api/auth/password", { currentPassword: "the old one", newPassword: "a brand new one" }, desk);
    const [reason] = await phoneGone;
    const phoneMe = (await fetch(new URL("api/me", two), { headers: { cookie: phone } })).status;
    await sleep(300);
    return { status: changed.status, reason, phoneMe, deskStill: deskSocket.connected };
  },
  /**
   * Rae renames herself on instance one; her phone's session and socket are on instance two, where she then
   * posts and types: what Bob (on one) hears, and who her phone's session says she is.
   */
  async renameAcrossInstances() {
    const name = `rn-${Date.now()}`;
    const call = (base, method, path, body, cookie) => fetch(new URL(path, base), { method,
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: body && JSON.stringify(body) });
    const desk = (await call(one, "POST", "api/auth/signup", { username: name, password: "long enough", displayName: "Rae Before" }))
      .headers.get("set-cookie").split(";")[0];
    const phoneCookie = (await call(two, "POST", "api/auth/login", { username: name, password: "long enough" }))
      .headers.get("set-cookie").split(";")[0];
    const room = (await (await call(one, "POST", "api/rooms", { name: `names-${Date.now()}`, visibility: "public" }, desk)).json()).id;
    const { origin, pathname } = new URL(two);
    const phone = io(origin, { path: `${pathname}socket.io/`, forceNew: true, reconnection: false,
      transports: ["websocket"], extraHeaders: { cookie: phoneCookie } });
    opened.push(phone);
    await once(phone, "connect", 15000);
    const bob = await user(one, "bob");
    await ask(phone, "join-room", room);
    await ask(bob.socket, "join-room", room);
    await ask(phone, "message", { roomId: room, text: "before" }); // instance two's writer now knows her name
    const heard = { bob: record(bob.socket, "user-updated"), phone: record(phone, "user-updated") };
    const messages = record(bob.socket, "message");
    const typing = record(bob.socket, "typing");

    const renamed = await call(one, "PATCH", "api/me", { displayName: "Rae After" }, desk);
    await until("user-updated at Bob's and at her phone", () => heard.bob.length && heard.phone.length);
    await ask(phone, "message", { roomId: room, text: "after" });
    phone.emit("typing", { roomId: room, isTyping: true });
    // what Bob got of "before" (its message, its end of typing) may come in late: only what came after counts
    const after = () => messages.find((m) => m.text === "after");
    const typingAfter = () => typing.find((t) => t.isTyping);
    await until("her message and her typing at Bob's", () => after() && typingAfter());
    const phoneMe = await (await call(two, "GET", "api/me", undefined, phoneCookie)).json();
    return { status: renamed.status, bobHeard: heard.bob[0].user.name, phoneHeard: heard.phone[0].user.name,
      messageName: after().user.name, typingName: typingAfter().user.name, phoneMe: phoneMe.displayName };
  },
  /** Alice edits, then deletes, a message in general on instance one; Bob watches it on instance two. */
  async editAcrossInstances() {
    const alice = await user(one, "alice");
    const bob = await user(two, "bob");
    const general = await generalId(one, alice.cookie);
    await ask(alice.socket, "join-room", general);
    await ask(bob.socket, "join-room", general);
    const updated = record(bob.socket, "message-updated");
    const deleted = record(bob.socket, "message-deleted");
    const sent = await ask(alice.socket, "message", { roomId: general, text: `draft ${Date.now()}` });
    const edited = await ask(alice.socket, "edit-message", { roomId: general, messageId: sent.id, text: "final" });
    await until("the edit at Bob's", () => updated.some((m) => m.id === sent.id));
    const removed = await ask(alice.socket, "delete-message", { roomId: general, messageId: sent.id });
    await until("the deletion at Bob's", () => deleted.some((m) => m.id === sent.id));
    return { edited: edited.ok, removed: removed.ok,
      bobUpdated: updated.filter((m) => m.id === sent.id).map((m) => m.text),
      bobDeleted: deleted.filter((m) => m.id === sent.id).map((m) => m.deletedAt != null && m.text === "") };
  },
  async adminAcrossInstances() {
    const bob = await user(two, "bob");
    await user(one, "alice");
    await user(two, "alice");
    const cookie = await login(one, "admin");
    const { origin, pathname } = new URL(one);
    const admin = io(`${origin}/admin`, { path: `${pathname}socket.io/`, forceNew: true, reconnection: false,
      transports: ["websocket"], extraHeaders: { cookie } });
    opened.push(admin);
    await once(admin, "connect", 15000);
    const listed = await ask(admin, "users");
    const me = await (await fetch(new URL("api/me", two), { headers: { cookie: bob.cookie } })).json();
    const gone = once(bob.socket, "disconnect", 5000);
    const kicked = await ask(admin, "disconnect-user", me.id);
    const [reason] = await gone;
    const count = (name) => listed.users?.find((u) => u.name === name)?.sockets ?? 0;
    return { reason, socketsOnTheAdminsInstance: kicked.sockets, listedInstances: listed.instances ?? null,
      listedSockets: { bob: count("Bob"), alice: count("Alice") } };
  },
  async presenceAcrossInstances() {
    const bob = await user(two, "bob");
    const general = await generalId(two, bob.cookie);
    await ask(bob.socket, "join-room", general);
    const seen = record(bob.socket, "presence");
    const alices = () => seen.filter((p) => p.user?.name === "Alice").map((p) => (p.online ? "online" : "offline"));
    const alice = await user(one, "alice"); // her first tab, on the other instance
    await until("bob hears alice is online", () => alices().length >= 1);
    const members = (await ask(bob.socket, "join-room", general)).members;
    const aliceInMembers = members.find((m) => m.name === "Alice")?.online;
    const aliceHere = await user(two, "alice"); // a second tab, on bob's instance: nothing new
    // Instance two told the others of that tab as it was admitted; what it sends later reaches instance one's
    // server-side handlers after that: a message bob posts, of which instance one notifies alice's tab there
    // (it does not view general). Once that arrives, instance one knows she is on both.
    const noticed = once(alice.socket, "notification", 5000);
    await ask(bob.socket, "message", { roomId: general, text: "alice, on two instances now" });
    await noticed;
    alice.socket.disconnect(); // her tab on the first instance goes: she is still online here
    await sleep(500);
    const whileOnBoth = alices();
    aliceHere.socket.disconnect(); // her last tab anywhere
    await until("bob hears alice is offline", () => alices().length >= 2);
    await sleep(300);
    const all = alices();
    // Later her last tab goes on the other instance: a join here says when, not the time it saw itself.
    await sleep(1500);
    const again = await user(one, "alice");
    await until("bob hears alice is online again", () => alices().length >= 3);
    again.socket.disconnect();
    await until("bob hears alice is offline again", () => alices().length >= 4);
    const wentAt = seen.filter((p) => p.user?.name === "Alice").at(-1).lastSeenAt;
    const listed = (await ask(bob.socket, "join-room", general)).members.find((m) => m.name === "Alice");
    return {
      whileOnBoth, all, aliceOnlineInMembersWhileOnTheOtherInstance: aliceInMembers === true,
      wentAt, listed,
    };
  },
  async lastTabsCloseTogether() {
    const bob = await user(two, "bob");
    const general = await generalId(two, bob.cookie);
    await ask(bob.socket, "join-room", general);
    const seen = record(bob.socket, "presence");
    const alices = () => seen.filter((p) => p.user?.name === "Alice").map((p) => (p.online ? "online" : "offline"));
    const first = await user(one, "alice");
    const second = await user(two, "alice");
    await until("bob hears alice is online", () => alices().length >= 1);
    await sleep(300);
    first.socket.disconnect(); // both of her tabs, one on each instance, at the same moment
    second.socket.disconnect();
    await until("bob hears alice is offline", () => alices().length >= 2);
    await sleep(500);
    const members = (await ask(bob.socket, "join-room", general)).members;
    return { all: alices(), aliceOnlineInMembers: members.find((m) => m.name === "Alice")?.online ?? null };
  },
  async notificationsAcrossInstances() {
    const alice = await user(one, "alice");
    const bob = await user(two, "bob");
    const general = await generalId(one, alice.cookie);
    await ask(alice.socket, "join-room", general);
    await ask(bob.socket, "join-room", general); // a member of general...
    await ask(bob.socket, "leave-room", general); // ...with no tab on it now
    const notified = record(bob.socket, "notification");
    const stamp = Date.now();
    await ask(alice.socket, "message", { roomId: general, text: `out of bob's view ${stamp}` });
    await ask(alice.socket, "message", { roomId: general, text: `hey @bob ${stamp}` });
    await until("two notifications", () => notified.length >= 2);
    await sleep(300); // time for a duplicate to show
    return { bobNotified: notified.map((n) => `${n.type}:${n.message?.text}`), stamp: String(stamp) };
  },
  async addedMemberAcrossInstances() {
    const alice = await user(one, "alice");
    const bob = await user(two, "bob"); // in no room
    const team = await createRoom(one, alice.cookie, `team-${Date.now()}`, "private");
    await ask(alice.socket, "join-room", team);
    await ask(alice.socket, "message", { roomId: team, text: "before bob" }); // both instances know its members
    await sleep(300);
    const notified = record(bob.socket, "notification");
    const added = await fetch(new URL(`api/rooms/${team}/members`, one), { method: "POST",
      headers: { "content-type": "application/json", cookie: alice.cookie }, body: JSON.stringify({ username: "bob" }) });
    const stamp = Date.now();
    await ask(alice.socket, "message", { roomId: team, text: `welcome ${stamp}` });
    await until("bob's notification", () => notified.length >= 1);
    await sleep(300); // time for a duplicate to show
    return { added: added.status, bobNotified: notified.map((n) => `${n.type}:${n.message?.text}`), stamp: String(stamp) };
  },
  async joinedMemberAcrossInstances() {
    const alice = await user(one, "alice");
    const lobby = await createRoom(one, alice.cookie, `lobby-${Date.now()}`, "public");
    await ask(alice.socket, "join-room", lobby);
    await ask(alice.socket, "message", { roomId: lobby, text: "before bob" }); // both instances know its members
    await sleep(300);
    const bobHere = await user(one, "bob");
    const bobThere = await user(two, "bob"); // in no room
    const notified = record(bobThere.socket, "notification");
    await ask(bobHere.socket, "join-room", lobby); // a new member, on instance one
    const stamp = Date.now();
    await ask(alice.socket, "message", { roomId: lobby, text: `hello ${stamp}` });
    await until("bob's notification on instance two", () => notified.length >= 1);
    await sleep(300); // time for a duplicate to show
    return { bobNotified: notified.map((n) => `${n.type}:${n.message?.text}`), stamp: String(stamp) };
  },
  async chatAcrossInstances() {
    const alice = await user(one, "alice");
    const aliceTab = await user(two, "alice", ["polling"]); // polling too: sticky to its instance, as in Node
    const bob = await user(two, "bob");
    const general = await generalId(one, alice.cookie);
    for (const s of [alice, aliceTab, bob]) {
      const joined = await ask(s.socket, "join-room", general);
      if (!joined.ok) throw new Error(`join-room: ${JSON.stringify(joined)}`);
    }
    const toBob = record(bob.socket, "message");
    const toAliceTab = record(aliceTab.socket, "message");
    const toAlice = record(alice.socket, "message");
    const typingSeenByAlice = record(alice.socket, "typing");
    const text = `across instances ${Date.now()}`;

    const ack = await ask(alice.socket, "message", { roomId: general, text, clientMsgId: `c-${Date.now()}` });
    await until("both instances delivered", () => toBob.length >= 1 && toAliceTab.length >= 1 && toAlice.length >= 1);
    bob.socket.emit("typing", { roomId: general, isTyping: true });
    await until("alice saw bob typing", () => typingSeenByAlice.length >= 1);
    const reply = await ask(bob.socket, "message", { roomId: general, text: `${text} reply` });
    await until("alice got the reply", () => toAlice.length >= 2);
    await sleep(300); // time for a duplicate to show
    return {
      ackOk: ack.ok === true,
      replyOk: reply.ok === true,
      bobGot: toBob.map((m) => m.text),
      aliceTabGot: toAliceTab.map((m) => m.text),
      aliceGot: toAlice.map((m) => m.text),
      sameIdEverywhere: toBob[0]?.id === ack.id && toAliceTab[0]?.id === ack.id,
      typingSeenByAlice: typingSeenByAlice.map((t) => `${t.user?.name}:${t.isTyping}`),
      text,
    };
  },
  /** Bob starts typing in a tab on instance one and stops in his tab on instance two. */
  async typingAcrossTabs() {
    const alice = await user(one, "alice");
    const bobHere = await user(one, "bob");
    const bobThere = await user(two, "bob");
    const general = await generalId(one, alice.cookie);
    for (const s of [alice, bobHere, bobThere]) await ask(s.socket, "join-room", general);
    const seen = record(alice.socket, "typing");
    const started = Date.now();
    await ask(bobHere.socket, "typing", { roomId: general, isTyping: true });
    await until("alice saw bob typing", () => seen.length >= 1);
    await ask(bobThere.socket, "typing", { roomId: general, isTyping: false });
    await until("alice saw bob stop", () => seen.length >= 2);
    return { typing: seen.map((t) => String(t.isTyping)), stoppedAfterMs: Date.now() - started };
  },
};

await runScenario(scenarios, scenario, opened);
