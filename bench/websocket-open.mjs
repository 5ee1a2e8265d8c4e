// How long a WebSocket takes to open, one after another: the time from connecting to Engine.IO's open packet
// (`0{"sid":...}`) for each. For the reverse DNS lookup Tyrus's upgrade made Grizzly do (HISTORY, twentieth
// session): connect to one of the machine's own non-loopback addresses, with a DNS server that answers and
// with one that does not. Against ./conformance-fixture, or any Parley (URL's host and port):
//   node bench/websocket-open.mjs [host:port, default 127.0.0.1:3000] [count, default 5]
import WebSocket from '../src/test/node/node_modules/ws/wrapper.mjs';

const [host = '127.0.0.1:3000', count = '5'] = process.argv.slice(2);
for (let i = 0; i < Number(count); i++) {
  const start = performance.now();
  await new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${host}/socket.io/?EIO=4&transport=websocket`);
    ws.once('message', (data) => {
      console.log(`${(performance.now() - start).toFixed(1)} ms  ${String(data).slice(0, 30)}`);
      ws.close();
      resolve();
    });
    ws.once('error', reject);
  });
}
