// Scenarios of what people change after the fact, over the real socket.io-client, one per run: a password,
// a display name, a message (edited, deleted), a room's name. Who hears each change, and what they hear.
//   node scenarios/changes.mjs <baseUrl> <password> <scenario>
// Prints one JSON line of observations; the Java IT asserts on them.
import { once, runScenario, sleep, until } from "./common.mjs";
import { chatClient } from "./chat-client.mjs";

const [baseUrl, password, scenario] = process.argv.slice(2);
const { origin, root, opened, api, signUp, login, connect, outcome, refusalReason, user, record, ask } =
  chatClient(baseUrl, password);

const scenarios = {
  // A user of their own (the others share one password): signed in on a desk and a phone, a script with a
  // token; the desk changes the password. Every socket but the desk's goes, and none comes back in.
  async passwordChange() {
    const name = `pw-${Date.now()}`;
    const desk = (await signUp(name, "the old one")).cookie;
    const phone = (await api("POST", "/api/auth/login", { username: name, password: "the old one" })).setCookie.split(";")[0];
    const deskToken = (await api("POST", "/api/auth/token", null, desk)).json.token;
    const scriptToken = (await api("POST", "/api/auth/token", { username: name, password: "the old one" })).json.token;
    const sockets = {
      desk: connect({ cookie: desk, transports: ["websocket"] }),
      deskByToken: connect({ auth: { token: deskToken } }), // polling: another tab of the desk's sign-in
      phone: connect({ cookie: phone, transports: ["websocket"] }),
      script: connect({ auth: { token: scriptToken }, transports: ["websocket"] }),
    };
    const outcomes = Object.entries(sockets).map(async ([key, socket]) => [key, await outcome(socket)]);
    const before = Object.fromEntries(await Promise.all(outcomes));
    const gone = {};
    for (const [key, socket] of Object.entries(sockets)) socket.once("disconnect", (reason) => { gone[key] = reason; });
    const changed = await fetch(`${origin}${root}/api/auth/password`, {
      method: "POST", headers: { "content-type": "application/json", cookie: desk },
      body: JSON.stringify({ currentPassword: "the old one", newPassword: "a brand new one" }),
    });
    await until("the other sign-ins' sockets to go", () => gone.phone && gone.script);
    await sleep(300); // time for a wrong disconnect of the desk's to show
    const again = {
      phone: await refusalReason(connect({ cookie: phone, transports: ["websocket"] })),
      script: await refusalReason(connect({ auth: { token: scriptToken }, transports: ["websocket"] })),
      desk: await outcome(connect({ cookie: desk, transports: ["websocket"] })),
    };
    return { before, status: changed.status, gone, deskStill: sockets.desk.connected,
      deskByTokenStill: sockets.deskByToken.connected, again };
  },
  /**
   * Rae renames herself over REST while her two tabs (her session's, and a token's on polling) and Bob's are in
   * her room: who hears it, and what name her next message, her typing and the room's member list carry.
   */
  async rename() {
    const name = `rn-${Date.now()}`;
    const rae = (await signUp(name, "long enough", "Rae Before")).cookie;
    const room = (await api("POST", "/api/rooms", { name: `names-${Date.now()}`, visibility: "public" }, rae)).json.id;
    const token = (await api("POST", "/api/auth/token", null, rae)).json.token;
    const desk = connect({ cookie: rae, transports: ["websocket"] });
    const tab = connect({ auth: { token } });
    const connected = await Promise.all([outcome(desk), outcome(tab)]);
    if (connected.some((o) => o !== "connected")) throw new Error(`rae could not connect: ${connected}`);
    const bob = await user("bob");
    for (const socket of [desk, tab, bob]) await ask(socket, "join-room", room);
    await ask(desk, "message", { roomId: room, text: "before" }); // the writer now knows her name
    const heard = { bob: record(bob, "user-updated"), tab: record(tab, "user-updated") };
    const messages = record(bob, "message");
    const typing = record(bob, "typing");

    const renamed = await api("PATCH", "/api/me", { displayName: "Rae After" }, rae);
    await until("user-updated at Bob's and Rae's other tab", () => heard.bob.length && heard.tab.length);
    const sent = await ask(desk, "message", { roomId: room, text: "after" });
    desk.emit("typing", { roomId: room, isTyping: true });
    // what Bob got of "before" (its message, its end of typing) may come in late: only what came after counts
    const after = () => messages.find((m) => m.text === "after");
    const typingAfter = () => typing.find((t) => t.isTyping);
    await until("her message and her typing at Bob's", () => after() && typingAfter());
    const members = (await ask(bob, "join-room", room)).members;
    const notified = record(tab, "notification");
    await ask(bob, "message", { roomId: room, text: "ping @rae after, and @Rae Before is gone" });
    await until("the mention at her tab", () => notified.length);
    return { status: renamed.status, name: renamed.json?.displayName, heard, sentOk: sent.ok,
      messageName: after().user.name, typingName: typingAfter().user.name,
      memberName: members.find((m) => m.name.startsWith("Rae"))?.name, mentioned: notified[0].type };
  },
  /**
   * Ed edits and deletes his own message while his other tab (a token's, on polling) and Bob's are in the room;
   * Bob tries to change it; an administrator deletes Bob's. What each is answered, what the room hears, and what
   * history shows after.
   */
  async editAndDelete() {
    const name = `ed-${Date.now()}`;
    const ed = (await signUp(name, "long enough", "Ed")).cookie;
    const room = (await api("POST", "/api/rooms", { name: `edits-${Date.now()}`, visibility: "public" }, ed)).json.id;
    const token = (await api("POST", "/api/auth/token", null, ed)).json.token;
    const desk = connect({ cookie: ed, transports: ["websocket"] });
    const tab = connect({ auth: { token }, transports: ["polling"] });
    const connected = await Promise.all([outcome(desk), outcome(tab)]);
    if (connected.some((o) => o !== "connected")) throw new Error(`ed could not connect: ${connected}`);
    const bob = await user("bob");
    const bobElsewhere = await user("bob"); // another tab of his, in no room: it may have counted a message unread
    const admin = await user("admin");
    for (const socket of [desk, tab, bob, admin]) await ask(socket, "join-room", room);
    const heard = {
      bobUpdated: record(bob, "message-updated"), tabUpdated: record(tab, "message-updated"),
      bobDeleted: record(bob, "message-deleted"), tabDeleted: record(tab, "message-deleted"),
      elsewhereUpdated: record(bobElsewhere, "message-updated"), elsewhereDeleted: record(bobElsewhere, "message-deleted"),
    };
    const sent = await ask(desk, "message", { roomId: room, text: "helo wrold" });
    const messageId = sent.id;

    const edited = await ask(desk, "edit-message", { roomId: room, messageId, text: "hello world" });
    const bobEdits = await ask(bob, "edit-message", { roomId: room, messageId, text: "bob was here" });
    const bobDeletes = await ask(bob, "delete-message", { roomId: room, messageId });
    const blank = await ask(desk, "edit-message", { roomId: room, messageId, text: "   " });
    const number = await ask(desk, "edit-message", { roomId: room, messageId, text: 42 });
    const noId = await ask(desk, "edit-message", { roomId: room, text: "which one?" });
    await until("the edit at Bob's and Ed's other tab", () => heard.bobUpdated.length && heard.tabUpdated.length);

    const spam = await ask(bob, "message", { roomId: room, text: "buy now" });
    const moderated = await ask(admin, "delete-message", { roomId: room, messageId: spam.id });
    const removed = await api("DELETE", `/api/rooms/${room}/messages/${messageId}`, null, ed);
    const editDeleted = await ask(desk, "edit-message", { roomId: room, messageId, text: "back again" });
    await until("both deletions at Bob's tabs and Ed's other tab",
      () => heard.bobDeleted.length >= 2 && heard.tabDeleted.length >= 2 && heard.elsewhereDeleted.length >= 2);
    await sleep(300); // time for a refused change to be told by mistake
    const history = (await api("GET", `/api/rooms/${room}/messages`, null, ed)).json.messages;
    return { messageId, spamId: spam.id, edited, bobEdits, bobDeletes, blank, number, noId, moderated,
      removed: removed.status, editDeleted, heard, history };
  },
  /**
   * Bob and Ed react to Ed's message over the socket and REST; Bob's other tab, in the room too, hears every
   * change once with the reactions as they then are; refusals are told to no one; a deletion takes them away.
   */
  async reactions() {
    const name = `re-${Date.now()}`;
    const ed = (await signUp(name, "long enough", "Ed")).cookie;
    const room = (await api("POST", "/api/rooms", { name: `reactions-${Date.now()}`, visibility: "public" }, ed)).json.id;
    const desk = connect({ cookie: ed, transports: ["websocket"] });
    if (await outcome(desk) !== "connected") throw new Error("ed could not connect");
    const bob = await user("bob");
    const bobTab = await user("bob", { transports: ["polling"] });
    for (const socket of [desk, bob, bobTab]) await ask(socket, "join-room", room);
    const heard = record(bobTab, "message-reactions");
    const messageId = (await ask(desk, "message", { roomId: room, text: "ship it?" })).id;
    const thumbs = encodeURIComponent("👍");

    const bobThumbs = await ask(bob, "react", { roomId: room, messageId, emoji: "👍" });
    const edThumbs = await api("PUT", `/api/rooms/${room}/messages/${messageId}/reactions/${thumbs}`, null, ed);
    const edParty = await ask(desk, "react", { roomId: room, messageId, emoji: "🎉", on: true });
    const twice = await ask(bob, "react", { roomId: room, messageId, emoji: "👍" });
    const bobTakesBack = await ask(bob, "react", { roomId: room, messageId, emoji: "👍", on: false });
    const refused = {
      word: (await ask(bob, "react", { roomId: room, messageId, emoji: "lol" })).error,
      number: (await ask(bob, "react", { roomId: room, messageId, emoji: 7 })).error,
      onNotFlag: (await ask(bob, "react", { roomId: room, messageId, emoji: "👍", on: "yes" })).error,
      noMessage: (await ask(bob, "react", { roomId: room, messageId: 987654321, emoji: "👍" })).error,
      restWord: (await api("PUT", `/api/rooms/${room}/messages/${messageId}/reactions/lol`, null, ed)).status,
    };
    const joinHistory = (await ask(bobTab, "join-room", room)).history.find((m) => m.id === messageId);
    await api("DELETE", `/api/rooms/${room}/messages/${messageId}`, null, ed);
    const afterDeletion = (await ask(bob, "react", { roomId: room, messageId, emoji: "👍" })).error;
    await until("four changes at Bob's other tab", () => heard.length >= 4);
    await sleep(300); // time for a refused or repeated one to be told by mistake
    const summary = (reactions) => reactions.map((r) => `${r.emoji}:${r.users.map((u) => u.name).join("+")}`);
    return {
      acks: [bobThumbs, edThumbs.json, edParty, twice, bobTakesBack].map((a) => summary(a.reactions)),
      restStatus: edThumbs.status, refused, afterDeletion,
      heard: heard.map((h) => `${h.messageId === messageId} ${summary(h.reactions).join(",")}`),
      joinHistory: summary(joinHistory.reactions ?? []),
      history: (await api("GET", `/api/rooms/${room}/messages`, null, ed)).json.messages.map((m) => m.reactions ?? null),
    };
  },
  /**
   * Ed renames the public room he made and a private one; Bob tries to. Who hears room-updated: everyone for the
   * public room, the members' tabs for the private one.
   */
  async renameRoom() {
    const stamp = Date.now();
    const signup = await signUp(`rr-${stamp}`, "long enough", "Ed");
    const ed = signup.cookie;
    const open = (await api("POST", "/api/rooms", { name: `draft-${stamp}`, visibility: "public" }, ed)).json;
    const closed = (await api("POST", "/api/rooms", { name: `secret-${stamp}`, visibility: "private" }, ed)).json;
    const bobCookie = await login("bob");
    const edTab = connect({ cookie: ed, transports: ["websocket"] });
    const bob = connect({ cookie: bobCookie, transports: ["websocket"] });
    const connected = await Promise.all([outcome(edTab), outcome(bob)]);
    if (connected.some((o) => o !== "connected")) throw new Error(`could not connect: ${connected}`);
    const heard = { ed: record(edTab, "room-updated"), bob: record(bob, "room-updated") };

    const refused = {
      notHis: (await api("PATCH", `/api/rooms/${open.id}`, { name: "bob's now" }, bobCookie)).status,
      number: (await api("PATCH", `/api/rooms/${open.id}`, { name: 42 }, ed)).status,
      taken: (await api("PATCH", `/api/rooms/${open.id}`, { name: "general" }, ed)).status,
      nobody: (await api("PATCH", `/api/rooms/${open.id}`, { name: "anyone" })).status,
    };
    const renamed = await api("PATCH", `/api/rooms/${open.id}`, { name: `final-${stamp}` }, ed);
    const secretly = await api("PATCH", `/api/rooms/${closed.id}`, { name: `hush-${stamp}` }, ed);
    await until("both renames at Ed's tab", () => heard.ed.length >= 2);
    await sleep(300); // time for the private one to reach Bob by mistake
    const bobBefore = heard.bob.map((u) => u.room.name);
    await api("POST", `/api/rooms/${closed.id}/members`, { username: "bob" }, ed);
    await api("PATCH", `/api/rooms/${closed.id}`, { name: `told-${stamp}` }, ed);
    await until("the member's rename at Bob's", () => heard.bob.length >= 2);
    const listed = (await api("GET", "/api/rooms", null, bobCookie)).json.find((r) => r.id === open.id);
    return { refused, status: renamed.status, room: renamed.json, secretStatus: secretly.status, edId: signup.id,
      edHeard: heard.ed.map((u) => u.room.name), bobBefore, bobAfter: heard.bob.map((u) => u.room.name), listed,
      stamp: String(stamp) };
  },
};

await runScenario(scenarios, scenario, opened);
