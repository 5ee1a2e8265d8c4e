// What both scenario files share: waiting for an event, sleeping, and running one scenario by name.

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves with the event's arguments, or rejects when it does not come within ms. */
export const once = (emitter, event, ms = 5000) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms`)), ms);
    emitter.once(event, (...args) => { clearTimeout(timer); resolve(args); });
  });

/**
 * Runs scenarios[name], prints its observations as one JSON line and exits; every socket in opened is
 * disconnected first. An unknown name exits with 2, a crash with the thrown error (the IT shows stderr).
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
    opened.forEach((s) => s.disconnect());
  }
  process.exit(0);
}
