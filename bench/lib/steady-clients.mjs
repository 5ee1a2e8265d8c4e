// Steady socket.io-clients for the abort scripts: each emits "message-with-ack" every 20 ms (inside the
// default packet budget of 100 a second) and checks that every ack comes back with its own number.
// Uses the test suite's socket.io-client (src/test/node; `npm ci` there first).
import { io } from '../../src/test/node/node_modules/socket.io-client/build/esm/index.js';

/** One client per transport list, connected; start() begins the sends, finishAfter() ends the run. */
export async function steadyClients(url, transportLists) {
  const clients = transportLists.map(transports => {
    const c = { name: transports.join('+'), sent: 0, acked: 0, late: 0, wrong: 0, pending: new Map(), disconnect: null };
    c.socket = io(url, { transports, reconnection: false, forceNew: true });
    c.socket.on('connect_error', e => { console.log(c.name, 'connect_error', e.message); process.exit(2); });
    c.socket.on('disconnect', (reason, details) => {
      c.disconnect = reason;
      const body = details?.context?.responseText;
      console.log(c.name, 'disconnected:', reason, details?.description ?? '', body ? JSON.stringify(body.slice(0, 200)) : '');
    });
    return c;
  });
  await Promise.all(clients.map(c => new Promise(r => c.socket.on('connect', r))));
  let timers = [];
  return {
    start() {
      timers = clients.map(c => setInterval(() => {
        const n = ++c.sent;
        c.pending.set(n, Date.now());
        c.socket.timeout(5000).emit('message-with-ack', n, (err, v) => {
          if (err) { if (++c.late <= 5) console.log(c.name, 'ack', n, 'timed out'); return; }
          if (v !== n) { if (++c.wrong <= 5) console.log(c.name, 'wrong ack', v, 'for', n); return; }
          c.pending.delete(n); c.acked++;
        });
      }, 20));
    },
    /**
     * After {@code seconds}: stops the load and the sends, waits 6 s for the last acks, prints the script's
     * own figures with each client's as one JSON line, and exits 0 when every client got every ack and
     * stayed connected.
     */
    finishAfter(seconds, stopLoad, figures) {
      setTimeout(async () => {
        stopLoad();
        timers.forEach(clearInterval);
        await new Promise(r => setTimeout(r, 6000));
        const steady = clients.map(c => ({ client: c.name, sent: c.sent, acked: c.acked, late: c.late,
          wrong: c.wrong, missing: c.pending.size, connected: c.socket.connected, disconnect: c.disconnect }));
        console.log(JSON.stringify({ ...figures(), steady }));
        process.exit(steady.every(c => c.missing === 0 && c.late === 0 && c.wrong === 0 && c.connected) ? 0 : 1);
      }, seconds * 1000);
    },
  };
}
