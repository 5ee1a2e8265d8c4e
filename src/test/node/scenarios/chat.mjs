// Chat scenarios over the real socket.io-client, one per run:
//   node scenarios/chat.mjs <baseUrl> <password> <scenario>
// alice, bob and admin share <password> (the ITs set parley.demo.password). Prints one JSON line of
// observations; the Java IT asserts on them.
import { io } from "socket.io-client";
import { once, runScenario, sleep, until } from "./common.mjs";
import { chatClient } from "./chat-client.mjs";

const [baseUrl, password, scenario] = process.argv.slice(2);
const { origin, root, path, opened, api, login, connect, outcome, refusalReason, user, record, ask, roomId } =
  chatClient(baseUrl, password);

const scenarios = {
  async authentication() {
    const cookie = await login("alice");
    const websocket = await outcome(connect({ cookie, transports: ["websocket"] }));
    const polling = await outcome(connect({ cookie, transports: ["polling"] }));
    const noCookie = await outcome(connect({}));
    const forged = await outcome(connect({ cookie: "JSESSIONID=forged-session-id" }));
    const badToken = await outcome(connect({ auth: { token: "not.a.token" } }));
    const issued = await api("POST", "/api/auth/token", { username: "bob", password });
    const tokenSocket = connect({ auth: { token: issued.json.token }, transports: ["websocket"] });
    const token = await outcome(tokenSocket);
    const general = await roomId(cookie, "general");
    const joined = await ask(tokenSocket, "join-room", general);
    const me = joined.members.find((m) => m.name === "Bob");
    // why, in data.reason: no credentials, a token that is not ours, one whose browser sign-in has ended
    const leaving = await login("alice");
    const sessionToken = (await api("POST", "/api/auth/token", null, leaving)).json.token;
    await api("POST", "/api/auth/logout", null, leaving);
    const reasons = {
      noCookie: await refusalReason(connect({})),
      badToken: await refusalReason(connect({ auth: { token: "not.a.token" } })),
      signedOut: await refusalReason(connect({ auth: { token: sessionToken } })),
    };
    return { websocket, polling, noCookie, forged, badToken, token, tokenUserIsBob: Boolean(me), reasons };
  },
  async messages() {
    const cookie = await login("alice");
    const general = await roomId(cookie, "general");
    const alice = await user("alice");
    const bob = await user("bob");
    await ask(alice, "join-room", general);
    await ask(bob, "join-room", general);
    const bobGot = record(bob, "message");
    const clientMsgId = `it-${Date.now()}`;
    const first = await ask(alice, "message", { roomId: general, text: "  hello bob  ", clientMsgId });
    const retry = await ask(alice, "message", { roomId: general, text: "hello bob", clientMsgId });
    await sleep(300);
    const history = (await api("GET", `/api/rooms/${general}/messages?after=${first.id - 1}`, null, cookie)).json;
    const invalid = {
      empty: (await ask(alice, "message", { roomId: general, text: "   " })).error,
      invisible: (await ask(alice, "message", { roomId: general, text: "\u00a0\u200b\ufeff" })).error,
      loneSurrogate: (await ask(alice, "message", { roomId: general, text: "half an emoji \ud83d" })).error,
      tooLong: (await ask(alice, "message", { roomId: general, text: "x".repeat(4001) })).error,
      notText: (await ask(alice, "message", { roomId: general, text: 42 })).error,
      noRoom: (await ask(alice, "message", { text: "where?" })).error,
      notAnObject: (await ask(alice, "message", "just a string")).error,
      notJoined: (await ask(bob, "message", { roomId: 999999, text: "hi" })).error,
      unknownEvent: (await ask(alice, "no-such-event", 1)).error,
    };
    const after = await ask(alice, "message", { roomId: general, text: "still fine" });
    // the room's copy left for bob before alice's ack: an answer to bob comes after it
    await ask(bob, "typing", { roomId: general, isTyping: false });
    return {
      first: { ok: first.ok, id: first.id, createdAt: typeof first.createdAt },
      retry: { ok: retry.ok, id: retry.id, duplicate: retry.duplicate },
      bobGot: bobGot.map((m) => ({ id: m.id, text: m.text, user: m.user.name, clientMsgId: m.clientMsgId ?? null })),
      storedCopies: history.messages.filter((m) => m.clientMsgId === clientMsgId).length,
      invalid, after: after.ok, bobConnected: bob.connected,
    };
  },
  async replies() {
    const cookie = await login("alice");
    const general = await roomId(cookie, "general");
    const support = await roomId(cookie, "support");
    const alice = await user("alice");
    const bob = await user("bob");
    for (const socket of [alice, bob]) await ask(socket, "join-room", general);
    await ask(alice, "join-room", support);
    const heard = record(alice, "message");
    const notified = record(alice, "notification");
    const question = await ask(alice, "message", { roomId: general, text: "who has the keys?" });
    const elsewhere = await ask(alice, "message", { roomId: support, text: "not here" });
    const answer = await ask(bob, "message", { roomId: general, text: "I do", replyTo: question.id });
    const bobCookie = await login("bob");
    const overRest = await api("POST", `/api/rooms/${general}/messages`, { text: "and a spare", replyTo: question.id }, bobCookie);
    const refused = {
      otherRoom: (await ask(bob, "message", { roomId: general, text: "re", replyTo: elsewhere.id })).error,
      notANumber: (await ask(bob, "message", { roomId: general, text: "re", replyTo: "first" })).error,
      restNotANumber: (await api("POST", `/api/rooms/${general}/messages`, { text: "re", replyTo: "x" }, bobCookie)).status,
    };
    await until("alice hears both replies, and is told of each", () => heard.filter((m) => m.replyTo).length >= 2
      && notified.length >= 2);
    const history = (await ask(bob, "join-room", general)).history.filter((m) => m.replyTo);
    const quote = (m) => m.replyTo && `${m.replyTo.id === question.id} ${m.replyTo.user.name}: ${m.replyTo.text}`;
    return {
      answered: answer.ok, rest: overRest.status, restQuote: quote(overRest.json), refused,
      heard: heard.filter((m) => m.replyTo).map((m) => `${m.text} <- ${quote(m)}`),
      notified: notified.map((n) => `${n.type}:${n.message.text}`),
      history: history.slice(-2).map((m) => `${m.text} <- ${quote(m)}`),
    };
  },
  async typing() {
    const cookie = await login("alice");
    const general = await roomId(cookie, "general");
    const alice = await user("alice");
    const bob = await user("bob");
    await ask(alice, "join-room", general);
    await ask(bob, "join-room", general);
    const aliceSaw = record(alice, "typing");
    const bobSaw = record(bob, "typing");
    const started = Date.now();
    bob.emit("typing", { roomId: general, isTyping: true });
    await once(alice, "typing");
    await once(alice, "typing", 8000); // expiry
    const expiredAfter = Date.now() - started;
    const invalid = await ask(bob, "typing", { roomId: general, isTyping: "yes" });
    const expiring = aliceSaw.map((t) => ({ user: t.user.name, isTyping: t.isTyping }));
    // A client that says so on every keystroke: the room hears the start, a renewal once half the expiry has
    // gone (750 ms here), and one stop.
    const keystrokes = record(alice, "typing");
    for (let i = 0; i < 20; i++) bob.emit("typing", { roomId: general, isTyping: true });
    await sleep(1050); // past the renewal's 750 ms, short of the 1 500 ms expiry
    for (let i = 0; i < 5; i++) bob.emit("typing", { roomId: general, isTyping: true });
    await ask(bob, "typing", { roomId: general, isTyping: false });
    await ask(bob, "typing", { roomId: general, isTyping: false });
    await sleep(300); // time for anything more to show
    return { aliceSaw: expiring, bobSaw: bobSaw.length, expiredAfter, invalid: invalid.error,
      keystrokes: keystrokes.map((t) => String(t.isTyping)) };
  },
  async presence() {
    const cookie = await login("alice");
    const general = await roomId(cookie, "general");
    const setup = await user("bob"); // bob becomes a member of general, so his presence goes there
    await ask(setup, "join-room", general);
    setup.disconnect();
    const alice = await user("alice");
    await ask(alice, "join-room", general);
    const heard = record(alice, "presence");
    // the setup tab's going may be announced after alice joined: what counts starts with bob's next tab
    const bobs = () => heard.filter((p) => p.user.name === "Bob")
      .map((p) => ({ online: p.online, lastSeenAt: p.lastSeenAt ?? null }));
    const seen = () => bobs().slice(Math.max(0, bobs().findIndex((p) => p.online)));
    let bob = await user("bob");
    await until("alice hears bob is online", () => seen().length >= 1);
    bob.disconnect();
    await until("alice hears bob went", () => seen().length >= 2); // his last-seen is stored by then
    const late = await user("alice"); // a tab opened while bob is away lists him with when he was last seen
    const away = (await ask(late, "join-room", general)).members.find((m) => m.name === "Bob") ?? null;
    late.disconnect();
    bob = await user("bob");
    await until("alice hears bob is back", () => seen().length >= 3);
    await sleep(300); // nothing more should come
    return { seen: seen(), away };
  },
  async notifications() {
    const cookie = await login("alice");
    const general = await roomId(cookie, "general");
    const support = await roomId(cookie, "support");
    const viewing = await user("alice");
    const otherTab = await user("alice");
    await ask(viewing, "join-room", general);
    await ask(otherTab, "join-room", support); // member of support...
    await ask(otherTab, "leave-room", support); // ...but no tab views it now
    const tab1 = record(viewing, "notification");
    const tab2 = record(otherTab, "notification");
    const bob = await user("bob");
    await ask(bob, "join-room", general);
    await ask(bob, "join-room", support);
    await ask(bob, "message", { roomId: general, text: "plain message in a room alice views" });
    await ask(bob, "message", { roomId: support, text: "message in support, which alice is not viewing" });
    await ask(bob, "message", { roomId: general, text: "hey @alice look" });
    await ask(viewing, "leave-room", general); // now no tab views general either...
    await ask(bob, "message", { roomId: general, text: "general, out of view" });
    await ask(viewing, "join-room", general); // ...and now one does again
    await ask(bob, "message", { roomId: general, text: "general, in view again" });
    // the notifications left before bob's ack: an answer to each tab comes after them (a refusal for the tab
    // outside general is an answer too)
    await Promise.all([viewing, otherTab].map((tab) => ask(tab, "typing", { roomId: general, isTyping: false })));
    const summary = (n) => n.map((x) => `${x.type}:${x.roomId === general ? "general" : "support"}`).sort();
    return { tab1: summary(tab1), tab2: summary(tab2) };
  },
  async admin() {
    // The refused clients open on WebSocket: on long-polling their engines go on upgrading after the refusal,
    // and one cut at the end of the scenario mid-upgrade can hit Payara's connector race (README, Production),
    // which then fails a request of the next test.
    const alice = await outcome(connect({ cookie: await login("alice"), namespace: "/admin", transports: ["websocket"] }));
    const anonymous = await outcome(connect({ namespace: "/admin", transports: ["websocket"] }));
    const admin = connect({ cookie: await login("admin"), namespace: "/admin" });
    const adminOutcome = await outcome(admin);
    const bob = await user("bob");
    // Kicked in the middle of the polling→WebSocket upgrade, the client drops its handshake, and Payara
    // can fail that request inside Tyrus (a NullPointerException on the recycled request) and leave request
    // contexts behind on its worker thread for the next test: kick a settled connection.
    if (bob.io.engine.transport.name !== "websocket") await once(bob.io.engine, "upgrade");
    const users = await ask(admin, "users");
    const bobGone = once(bob, "disconnect");
    const kicked = await ask(admin, "disconnect-user", users.users.find((u) => u.name === "Bob").id);
    const [reason] = await bobGone;
    return { alice, anonymous, admin: adminOutcome, listed: users.users.map((u) => u.name).sort(),
      kicked: kicked.sockets, bobReason: reason };
  },
  async rateLimit() {
    const cookie = await login("alice");
    const general = await roomId(cookie, "general");
    // four tabs of one user flood at once: the allowance is per user, and the tabs are served in parallel,
    // so the burst is over well before the allowance could refill
    const tabs = await Promise.all([1, 2, 3, 4].map(() => user("alice")));
    await Promise.all(tabs.map((tab) => ask(tab, "join-room", general)));
    const burst = await Promise.all(Array.from({ length: 24 }, (_, i) =>
      ask(tabs[i % 4], "message", { roomId: general, text: `burst ${i}` })));
    await sleep(1500);
    const later = await ask(tabs[0], "message", { roomId: general, text: "after a pause" });
    return { accepted: burst.filter((r) => r.ok).length, limited: burst.filter((r) => r.error === "RateLimited").length, later: later.ok };
  },
  async packetFlood() {
    const general = await roomId(await login("alice"), "general");
    const alice = await user("alice", { transports: ["websocket"] });
    const bob = await user("bob", { transports: ["websocket"] });
    await ask(alice, "join-room", general);
    await ask(bob, "join-room", general);
    const errors = record(alice, "error");
    // 250 packets at once against a budget of 100 a second: the rest are dropped, and answered since they ask.
    // What refills while they arrive depends on the machine's speed, so the time they took is reported too
    const floodStart = Date.now();
    const typed = await Promise.all(Array.from({ length: 250 }, (_, i) =>
      ask(alice, "typing", { roomId: general, isTyping: i % 2 === 0 })));
    const floodMillis = Date.now() - floodStart;
    await sleep(1100); // the allowance refills
    const heard = once(bob, "message");
    const after = await ask(alice, "message", { roomId: general, text: "after the flood" });
    const [message] = await heard;
    // far over the budget: disconnected by the server, so the stock client does not reconnect by itself
    const flooder = await user("admin", { transports: ["websocket"] });
    const gone = once(flooder, "disconnect");
    for (let i = 0; i < 1300; i++) flooder.emit("typing", { roomId: general, isTyping: true });
    const [reason] = await gone;
    await sleep(500);
    const bobStill = await ask(bob, "leave-room", general);
    return {
      typedOk: typed.filter((r) => r.ok).length, floodMillis,
      typedLimited: typed.filter((r) => r.error === "RateLimited").length,
      errorEvents: errors.filter((e) => e.error === "RateLimited").length,
      after: after.ok, heard: message.text, connected: alice.connected,
      flooderReason: reason, flooderReconnecting: flooder.active, bobStill: bobStill.ok,
    };
  },
  async disconnectLeaves() {
    const general = await roomId(await login("alice"), "general");
    const alice = await user("alice");
    const bob = await user("bob");
    await ask(alice, "join-room", general);
    await ask(bob, "join-room", general);
    const left = record(alice, "user left");
    const typing = record(alice, "typing");
    await ask(bob, "typing", { roomId: general, isTyping: true });
    await sleep(200);
    bob.disconnect(); // a tab closed
    await until("alice hears bob left and stopped typing", () => left.length >= 1 && typing.length >= 2);
    await sleep(300); // nothing more should come
    return {
      left: left.map((e) => `${e.user.name}@${e.roomId === general ? "general" : e.roomId}`),
      typing: typing.map((e) => `${e.user.name}:${e.isTyping}`),
    };
  },
  async logoutEverywhere() {
    // a socket signed in with a token (no session at all) looks on: no logout may touch it
    const issued = await api("POST", "/api/auth/token", { username: "bob", password });
    const onlooker = connect({ auth: { token: issued.json.token }, transports: ["websocket"] });
    const onlookerOutcome = await outcome(onlooker);
    // an administrator connected to /admin only: logging out ends that socket too
    const adminCookie = await login("admin");
    const admin = connect({ cookie: adminCookie, namespace: "/admin", transports: ["websocket"] });
    const adminOutcome = await outcome(admin);
    const adminGone = once(admin, "disconnect");
    await api("POST", "/api/auth/logout", null, adminCookie);
    const [adminReason] = await adminGone;
    // an Engine.IO connection opened with the cookie, its CONNECT sent only after the logout
    const bobCookie = await login("bob");
    const sio = `${origin}${path}?EIO=4&transport=polling`;
    const opened = await fetch(sio, { headers: { cookie: bobCookie } });
    const sid = JSON.parse((await opened.text()).slice(1)).sid;
    await api("POST", "/api/auth/logout", null, bobCookie);
    await fetch(`${sio}&sid=${sid}`, { method: "POST", headers: { cookie: bobCookie }, body: "40" });
    const lateConnect = await (await fetch(`${sio}&sid=${sid}`, { headers: { cookie: bobCookie } })).text();
    // Alice's socket, then Bob signs in on the same browser session (a new session id) and signs out
    const aliceCookie = await login("alice");
    const alice = connect({ cookie: aliceCookie, transports: ["websocket"] });
    await outcome(alice);
    const aliceGone = once(alice, "disconnect");
    const relogin = await fetch(`${origin}${root}/api/auth/login`, {
      method: "POST", headers: { "content-type": "application/json", cookie: aliceCookie },
      body: JSON.stringify({ username: "bob", password }),
    });
    const sharedCookie = relogin.headers.get("set-cookie")?.split(";")[0] ?? aliceCookie;
    await api("POST", "/api/auth/logout", null, sharedCookie);
    const [aliceReason] = await aliceGone;
    await sleep(200);
    return { adminOutcome, adminReason, lateConnect, renamed: sharedCookie !== aliceCookie, aliceReason,
      onlookerOutcome, onlookerStill: onlooker.connected };
  },
  async logout() {
    const cookie = await login("alice");
    const socket = connect({ cookie, transports: ["websocket"] });
    const connected = await outcome(socket);
    const gone = once(socket, "disconnect", 10000).then(([reason]) => reason, (e) => e.message);
    const status = (await api("POST", "/api/auth/logout", null, cookie)).status;
    const reason = await gone;
    const again = await outcome(connect({ cookie }));
    return { connected, status, reason, again };
  },
  /** A sign-out posted by another site's page (no body, the cookie along), then by this server's own page. */
  async crossSite() {
    const cookie = await login("alice");
    const logout = async (from) => (await fetch(`${origin}${root}/api/auth/logout`,
      { method: "POST", headers: { cookie, origin: from } })).status;
    const me = async () => (await api("GET", "/api/me", null, cookie)).status;
    const foreign = await logout("https://wiki.intranet.example");
    const stillIn = await me();
    const own = await logout(origin);
    return { foreign, stillIn, own, after: await me() };
  },
  // Needs a server with connection state recovery on (ChatRecoveryIT). Alice's connection drops (the
  // network, as the server sees it) and her client comes back by itself with its private id; Bob posts while
  // she is away. Then it drops again, and Bob offers her private id and offset with his own cookie.
  async recovery() {
    const cookie = await login("alice");
    const general = await roomId(cookie, "general");
    const alice = io(`${origin}/`, { path, forceNew: true, transports: ["websocket"], extraHeaders: { cookie },
      reconnectionDelay: 1500, reconnectionDelayMax: 1500, randomizationFactor: 0 });
    opened.push(alice);
    await once(alice, "connect", 15000);
    await ask(alice, "join-room", general);
    const bob = await user("bob");
    await ask(bob, "join-room", general);
    const got = record(alice, "message");
    const firstId = alice.id;

    alice.io.engine.close(); // no DISCONNECT packet: the server keeps her socket for the window
    const text = `while alice was away ${Date.now()}`;
    const posted = await ask(bob, "message", { roomId: general, text });
    await once(alice, "connect", 15000);
    await until("the missed message", () => got.length >= 1);
    await sleep(300); // time for a second copy to show
    const recovered = { recovered: alice.recovered, sameId: alice.id === firstId,
      got: got.map((m) => m.text), postedOk: posted.ok };

    const stolen = { pid: alice._pid, offset: alice._lastOffset };
    const thiefCookie = await login("bob"); // before the drop: the thief must come before her 1.5 s return
    alice.io.engine.close();
    await sleep(200); // the server has seen the close and kept her socket
    const thief = connect({ cookie: thiefCookie, auth: stolen, transports: ["websocket"] });
    const theft = await refusalReason(thief);
    await once(alice, "connect", 15000);
    return { ...recovered, theft, thiefRecovered: thief.recovered ?? false, aliceBack: alice.connected };
  },
};

await runScenario(scenarios, scenario, opened);
