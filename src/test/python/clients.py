"""Parley driven by python-socketio, a Socket.IO client nobody at Parley wrote (Debian's python3-socketio).

    python3 clients.py <baseUrl> <scenario> [password]

Each scenario prints one JSON line of observations; dev.parley.it.engine.PythonClientIT asserts on them.
The engine scenarios use the test-only handlers of namespace /scenarios (ScenarioHandlers); "chat" logs in
over HTTP like a browser and talks to the chat's own namespace with the session cookie and with a token.
"""
import asyncio
import json
import sys
import threading
import time
from urllib.parse import urlsplit

try:
    import requests
    import socketio
except ImportError as missing:
    sys.stderr.write(f"{missing}: apt-get install -y python3-socketio python3-requests python3-websocket"
                     " python3-aiohttp, and run Debian's /usr/bin/python3\n")
    sys.exit(2)

WAIT = 10
# python-socketio 5.7 records a connect_error at once but returns from connect() only when wait_timeout has
# passed with no further event (its wait loop expects every namespace to connect), whatever the server does.
REFUSED_WAIT = 2
base_url, scenario = sys.argv[1], sys.argv[2]
split = urlsplit(base_url)
origin = f"{split.scheme}://{split.netloc}"
path = split.path.strip("/") + "/socket.io"  # python-socketio wants it without the leading slash
opened = []


def client():
    sio = socketio.Client(reconnection=False)
    opened.append(sio)
    return sio


class Inbox:
    """What a client received, by event, waitable: handlers run on the client's own threads."""

    def __init__(self, sio, *events, namespace="/scenarios"):
        self.got = {event: [] for event in events}
        self.changed = threading.Condition()
        for event in events:
            sio.on(event, self._recorder(event), namespace=namespace)

    def _recorder(self, event):
        def record(*args):
            with self.changed:
                self.got[event].append(list(args))
                self.changed.notify_all()
        return record

    def first(self, event):
        with self.changed:
            if not self.changed.wait_for(lambda: self.got[event], WAIT):
                raise TimeoutError(f"no {event} within {WAIT} s")
            return self.got[event][0]


def connect(sio, transports, token, inbox_events=("hello",)):
    inbox = Inbox(sio, *inbox_events)
    sio.connect(origin, transports=transports, auth={"token": token}, namespaces=["/scenarios"],
                socketio_path=path, wait_timeout=WAIT)
    return inbox


def call(sio, event, *args):
    return list(as_tuple(sio.call(event, args, namespace="/scenarios", timeout=WAIT)))


def as_tuple(answer):
    return answer if isinstance(answer, tuple) else (answer,)


def hex_of(value):
    return value.hex() if isinstance(value, (bytes, bytearray)) else f"not bytes: {value!r}"


def round_trips(transports, token):
    """Greeting, acks both ways and binary over one transport choice; the transport it ended on."""
    sio = client()
    inbox = connect(sio, transports, token, ("hello", "binary-back"))
    sio.on("question", lambda *args: 42, namespace="/scenarios")  # the return value is the client's ack
    hello = inbox.first("hello")[0]
    echo = call(sio, "echo", "text", 7, {"k": [1, None, True]})
    asked = call(sio, "ask-client", 3000)[0]
    sio.emit("binary", b"\x00\x01\x02\xfe\xff", namespace="/scenarios")
    binary = inbox.first("binary-back")
    return {
        "helloIdIsSid": hello["id"] == sio.get_sid("/scenarios"),
        "authToken": hello["auth"].get("token"),
        "echo": echo,
        "asked": asked,
        "binary": hex_of(binary[0]),
        "nestedBinary": hex_of(binary[1]["nested"]),
        "transport": sio.transport(),
    }


def websocket():
    return round_trips(["websocket"], "py-ws")


def polling():
    return round_trips(["polling"], "py-polling")


def upgrade():
    seen = round_trips(["polling", "websocket"], "py-upgrade")
    sio = opened[-1]
    seen["afterUpgrade"] = call(sio, "echo", "after upgrade")
    return seen


def rejected():
    sio = client()
    errors = []
    sio.on("connect_error", lambda data: errors.append(data), namespace="/scenarios")
    raised = None
    try:
        sio.connect(origin, transports=["websocket"], auth={"token": "bad"}, namespaces=["/scenarios"],
                    socketio_path=path, wait_timeout=REFUSED_WAIT)
    except socketio.exceptions.ConnectionError as e:
        raised = str(e)
    return {"connectError": errors, "raised": raised, "connected": sio.connected}


def rooms():
    alice, bob = client(), client()
    alice_inbox = connect(alice, ["websocket"], "py-alice", ("hello", "said"))
    bob_inbox = connect(bob, ["polling"], "py-bob", ("hello", "said"))
    alice_inbox.first("hello")
    bob_inbox.first("hello")
    joined = [call(alice, "join", "py-room")[0]["ok"], call(bob, "join", "py-room")[0]["ok"]]
    said = call(alice, "say", {"room": "py-room", "text": "hello from python"})[0]
    bob_got = bob_inbox.first("said")[0]
    call(alice, "echo", "flush")  # anything sent to alice before this ack has arrived
    refused = call(alice, "say", [1, 2])[0]  # "say" binds an object: an array is refused through the ack
    return {
        "joined": joined, "said": said, "bobGot": bob_got,
        "fromIsAlice": bob_got["from"] == alice.get_sid("/scenarios"),
        "aliceGotOwn": len(alice_inbox.got["said"]), "refused": refused, "stillConnected": alice.connected,
        "afterRefusal": call(alice, "echo", "still here"),
    }


def liveness():
    """Several ping intervals of the deployment (PythonClientIT sets 400 ms) on each transport."""
    seen = {}
    for transports in (["websocket"], ["polling"]):
        sio = client()
        drops = []
        sio.on("disconnect", lambda: drops.append(time.time()), namespace="/scenarios")
        connect(sio, transports, "py-live").first("hello")
        time.sleep(3)
        seen["+".join(transports)] = {"connected": sio.connected, "drops": len(drops),
                                      "echo": call(sio, "echo", "alive")}
    return seen


def asyncio_client():
    """The asyncio client (aiohttp underneath: its own HTTP and WebSocket code) on each transport choice."""
    async def one(transports):
        sio = socketio.AsyncClient(reconnection=False)
        got = asyncio.get_running_loop().create_future()
        sio.on("binary-back", lambda *args: got.set_result(args), namespace="/scenarios")
        await sio.connect(origin, transports=transports, auth={"token": "py-async"}, namespaces=["/scenarios"],
                          socketio_path=path, wait_timeout=WAIT)
        try:
            echo = await sio.call("echo", ("async", 1.5), namespace="/scenarios", timeout=WAIT)
            await sio.emit("binary", b"\xca\xfe", namespace="/scenarios")
            binary = await asyncio.wait_for(got, WAIT)
            return {"echo": list(as_tuple(echo)), "binary": hex_of(binary[0]), "transport": sio.transport()}
        finally:
            await sio.disconnect()
            if sio.eio.http:  # the client leaves its aiohttp session open
                await sio.eio.http.close()

    async def all_three():
        return {"+".join(t): await one(t) for t in (["websocket"], ["polling"], ["polling", "websocket"])}
    return asyncio.run(all_three())


def chat():
    """A person logs in over HTTP, then chats with the session cookie; another gets in with a token."""
    password = sys.argv[3]
    session = requests.Session()
    login = session.post(f"{base_url}/api/auth/login", json={"username": "alice", "password": password})
    cookie = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    rooms = session.get(f"{base_url}/api/rooms").json()
    general = next((r.get("room") or r)["id"] for r in rooms if (r.get("room") or r)["name"] == "general")
    token = requests.post(f"{base_url}/api/auth/token", json={"username": "bob", "password": password}).json()["token"]

    alice, bob, stranger = client(), client(), client()
    alice.connect(origin, headers={"Cookie": cookie}, transports=["polling", "websocket"], socketio_path=path,
                  wait_timeout=WAIT)
    bob_messages = []
    arrived = threading.Event()
    bob.on("message", lambda m: (bob_messages.append(m), arrived.set()))
    bob.connect(origin, auth={"token": token}, transports=["websocket"], socketio_path=path, wait_timeout=WAIT)
    refusals = []
    stranger.on("connect_error", lambda data: refusals.append(data))
    try:
        stranger.connect(origin, headers={"Cookie": "JSESSIONID=forged"}, transports=["websocket"],
                         socketio_path=path, wait_timeout=REFUSED_WAIT)
    except socketio.exceptions.ConnectionError:
        pass

    ask = lambda sio, event, payload: sio.call(event, payload, timeout=WAIT)
    joined = [ask(alice, "join-room", general)["ok"], ask(bob, "join-room", general)["ok"]]
    msg_id = f"py-{time.time_ns()}"
    sent = ask(alice, "message", {"roomId": general, "text": "hello from python", "clientMsgId": msg_id})
    arrived.wait(WAIT)
    invalid = ask(alice, "message", {"roomId": general, "text": 42})
    history = session.get(f"{base_url}/api/rooms/{general}/messages", params={"after": sent["id"] - 1}).json()
    return {
        "login": login.status_code, "joined": joined, "sent": {"ok": sent["ok"], "hasId": "id" in sent},
        "bobGot": [{"text": m["text"], "from": m["user"]["name"], "idMatches": m["id"] == sent["id"]}
                   for m in bob_messages],
        "invalid": invalid, "history": [m["text"] for m in history["messages"]],
        "forged": refusals, "aliceTransport": alice.transport(), "stillConnected": alice.connected,
    }


SCENARIOS = {"websocket": websocket, "polling": polling, "upgrade": upgrade, "rejected": rejected,
             "rooms": rooms, "liveness": liveness, "asyncio": asyncio_client, "chat": chat}

try:
    print(json.dumps(SCENARIOS[scenario]()), flush=True)
finally:
    for sio in opened:
        sio.disconnect()
