// Exercises the Java NodeScript harness itself (NodeScriptTest): no server involved.
//   node harness-check.mjs echo A B    one JSON line per argument, after proving the npm clients load
//   node harness-check.mjs fail        writes to stderr and exits with status 3
//   node harness-check.mjs hang        never ends on its own
//   node harness-check.mjs reply       answers each stdin line with {"got": line}
import { io } from "socket.io-client";
import { WebSocket } from "ws";

const [mode, ...rest] = process.argv.slice(2);
const print = (obj) => console.log(JSON.stringify(obj));

switch (mode) {
  case "echo":
    print({ type: "loaded", socketIoClient: typeof io, ws: typeof WebSocket });
    for (const arg of rest) print({ type: "arg", value: arg });
    break;
  case "fail":
    console.error("harness-check: failing on purpose");
    process.exit(3);
  case "hang":
    print({ type: "hanging" });
    setInterval(() => {}, 1000);
    break;
  case "reply": {
    const { createInterface } = await import("node:readline");
    print({ type: "ready" });
    for await (const line of createInterface({ input: process.stdin })) print({ type: "got", value: line });
    break;
  }
  default:
    console.error(`harness-check: unknown mode ${mode}`);
    process.exit(2);
}
