// Who is in a room, over the real socket.io-client, one scenario per run: public rooms and private ones, a
// member taken out of a private room and one brought in, a direct conversation between two people.
//   node scenarios/members.mjs <baseUrl> <password> <scenario>
// Prints one JSON line of observations; the Java IT asserts on them.
import { runScenario, sleep, until } from "./common.mjs";
import { chatClient } from "./chat-client.mjs";

const [baseUrl, password, scenario] = process.argv.slice(2);
const { opened, api, signUp, login, connect, outcome, user, record, ask, roomId } = chatClient(baseUrl, password);

const scenarios = {
  async rooms() {
    const aliceCookie = await login("alice");
    const alice = await user("alice");
    const bob = await user("bob");
    const general = await roomId(aliceCookie, "general");
    const created = await api("POST", "/api/rooms", { name: `secret-${Date.now()}`, visibility: "private" }, aliceCookie);
    const secret = created.json.id;
    const errors = record(bob, "error");
    const publicJoin = await ask(bob, "join-room", general);
    const privateByMember = await ask(alice, "join-room", secret);
    const privateByOther = await ask(bob, "join-room", secret);
    const missing = await ask(bob, "join-room", 999999);
    const garbage = await ask(bob, "join-room", { nonsense: true });
    const byStringId = await ask(bob, "join-room", String(general));
    const left = await ask(bob, "leave-room", general);
    await sleep(200);
    return {
      publicJoin: { ok: publicJoin.ok, room: publicJoin.room.name, history: Array.isArray(publicJoin.history),
        members: publicJoin.members.map((m) => m.name).sort() },
      privateByMember: privateByMember.ok, privateByOther, missing, garbage: garbage.error,
      byStringId: byStringId.ok, left: left.ok, errorEvents: errors.map((e) => e.error), connected: bob.connected,
    };
  },
  async removedMember() {
    const aliceCookie = await login("alice");
    const alice = await user("alice");
    const bob = await user("bob");
    const created = await api("POST", "/api/rooms", { name: `private-${Date.now()}`, visibility: "private" }, aliceCookie);
    const secret = created.json.id;
    const added = await api("POST", `/api/rooms/${secret}/members`, { username: "bob" }, aliceCookie);
    await ask(alice, "join-room", secret);
    const bobJoined = (await ask(bob, "join-room", secret)).ok;
    const bobGot = record(bob, "message");
    const aliceSawLeft = record(alice, "user left");
    const removed = await api("DELETE", `/api/rooms/${secret}/members/${added.json.id}`, null, aliceCookie);
    const afterRemoval = await ask(alice, "message", { roomId: secret, text: "not for bob any more" });
    await sleep(500);
    const bobTyping = (await ask(bob, "typing", { roomId: secret, isTyping: true })).error;
    const bobPosts = (await ask(bob, "message", { roomId: secret, text: "still here?" })).error;
    return {
      bobJoined, removed: removed.status, afterRemoval: afterRemoval.ok, bobGot: bobGot.map((m) => m.text),
      aliceSawLeft: aliceSawLeft.map((e) => e.user.name), bobTyping, bobPosts,
    };
  },
  async addedMember() {
    const aliceCookie = await login("alice");
    const alice = await user("alice");
    const bob = await user("bob"); // in no room: what reaches him comes as notifications
    const created = await api("POST", "/api/rooms", { name: `team-${Date.now()}`, visibility: "private" }, aliceCookie);
    const team = created.json.id;
    await ask(alice, "join-room", team);
    await ask(alice, "message", { roomId: team, text: "before bob" }); // the server now knows the room's members
    const notified = record(bob, "notification");
    const roomAdded = record(bob, "room-added");
    const added = await api("POST", `/api/rooms/${team}/members`, { username: "bob" }, aliceCookie);
    await ask(alice, "message", { roomId: team, text: "welcome, bob" });
    await ask(alice, "message", { roomId: team, text: "@bob see above" });
    await until("bob's two notifications", () => notified.length >= 2);
    await sleep(300); // time for a duplicate to show
    return { added: added.status, roomAdded: roomAdded.filter((e) => e.room.id === team).length,
      notified: notified.map((n) => `${n.type}:${n.message.text}`) };
  },
  async direct() {
    const stamp = Date.now();
    const name = `dana-${stamp}`; // new to the server, so the conversation is too
    const { cookie: danaCookie, id: danaId } = await signUp(name, "long enough", `Dana ${stamp}`);
    const aliceCookie = await login("alice");
    const bobCookie = await login("bob");
    const alice = await user("alice");
    const bob = await user("bob");
    const dana = connect({ cookie: danaCookie, transports: ["websocket"] });
    await outcome(dana);
    const heard = { alice: record(alice, "room-added"), bob: record(bob, "room-added"), dana: record(dana, "room-added") };
    const notified = record(dana, "notification");
    const opened = await api("POST", "/api/rooms/direct", { userId: danaId }, aliceCookie);
    const again = await api("POST", "/api/rooms/direct", { username: "alice" }, danaCookie);
    const id = opened.json.id;
    await until("both hear of it", () => heard.alice.length >= 1 && heard.dana.length >= 1);
    await ask(alice, "join-room", id);
    const sent = await ask(alice, "message", { roomId: id, text: "just between us" });
    await until("dana is notified", () => notified.length >= 1);
    const listed = (await api("GET", "/api/rooms", null, danaCookie)).json.find((r) => r.id === id);
    const danaJoin = await ask(dana, "join-room", id);
    const refused = {
      bobJoins: (await ask(bob, "join-room", id)).error,
      bobReads: (await api("GET", `/api/rooms/${id}/messages`, null, bobCookie)).status,
      withSelf: (await api("POST", "/api/rooms/direct", { userId: danaId }, danaCookie)).json?.error,
      withNobody: (await api("POST", "/api/rooms/direct", { username: `nobody-${stamp}` }, aliceCookie)).status,
      rename: (await api("PATCH", `/api/rooms/${id}`, { name: `ours-${stamp}` }, aliceCookie)).json?.error,
      addBob: (await api("POST", `/api/rooms/${id}/members`, { username: "bob" }, aliceCookie)).json?.error,
      leave: (await api("DELETE", `/api/rooms/${id}/members/${danaId}`, null, danaCookie)).json?.error,
    };
    // Dana's new name reaches a tab of Alice's in no room (it lists the conversation by her name), not Bob's
    const aliceElsewhere = await user("alice");
    const renames = { alice: record(aliceElsewhere, "user-updated"), bob: record(bob, "user-updated") };
    await api("PATCH", "/api/me", { displayName: `Dana R ${stamp}` }, danaCookie);
    await until("alice hears dana's new name", () => renames.alice.length >= 1);
    const relisted = (await api("GET", "/api/rooms", null, aliceCookie)).json.find((r) => r.id === id);
    await sleep(300); // time for a stray room-added or user-updated to show
    const rooms = (events) => events.map((e) => e.room.id === id);
    return {
      opened: { status: opened.status, room: opened.json }, again: { status: again.status, id: again.json.id },
      heard: { alice: rooms(heard.alice), bob: rooms(heard.bob), dana: rooms(heard.dana) },
      peopleHeard: heard.dana[0]?.room.people.map((p) => p.name) ?? [],
      sent: sent.ok, notified: notified.map((n) => `${n.type}:${n.message.text}`), listed,
      danaJoin: { ok: danaJoin.ok, history: danaJoin.history?.map((m) => m.text), members: danaJoin.members?.length },
      refused, dana: `Dana ${stamp}`, renamedTo: relisted.people.map((p) => p.name),
      renameHeard: { alice: renames.alice.map((e) => e.user.name), bob: renames.bob.map((e) => e.user.name) },
    };
  },
};

await runScenario(scenarios, scenario, opened);
