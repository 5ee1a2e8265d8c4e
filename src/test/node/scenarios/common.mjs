// What both scenario files share: waiting for an event, sleeping, and running one scenario by name.

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves with the event's arguments, or rejects when it does not come within ms. */
export const once = (emitter, event, ms = 5000) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms`)), ms);
    emitter.once(event, (...args) => { clearTimeout(timer); resolve(args); });
  });

/**
 * Waits, 5 s at most, until condition() holds, and says whether it does; what is waited for is named for the
 * reader. A scenario goes on either way and reports what it saw, for the test to judge.
 */
export async function until(what, condition) {
  for (let i = 0; i < 100 && !condition(); i++) await sleep(50);
  return condition();
}

/**
 * Runs scenarios[name], prints its observations as one JSON line and exits; every socket in opened is
 * disconnected first, and its connection closed. An unknown name exits with 2, a crash with the thrown
 * error (the IT shows stderr).
 */
export async function runScenario(scenarios, name, opened) {
  const run = scenarios[name];
  if (!run) {
    console.error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(", ")}`);
    process.exit(2);
  }
  try {
    console.log(JSON.stringify(await run()));
  } finally {
    await closeAll(opened);
  }
  process.exit(0);
}

/**
 * Disconnects the sockets and waits, 2 s at most, until their connections are closed and their last requests
 * sent. Exiting at once would cut an upgrade or a polling request half-way, and Payara's connector can trip
 * over such a cut and fail a request of the next test (README, Production): the client's own close waits
 * for an upgrade under way to end first, which an exit does not.
 */
async function closeAll(opened) {
  const closing = opened.map((s) => s.io?.engine && s.io.engine.readyState !== "closed"
    ? once(s.io.engine, "close", 2000).catch(() => {}) : null);
  opened.forEach((s) => s.disconnect());
  await Promise.all(closing);
  await sleep(200); // the close packet's POST leaves after the engine says it closed
}
