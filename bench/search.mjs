// What a message search costs as a room's history grows: fills one new public room with MESSAGES messages over
// REST (every 1000th has a rare word), then times searches (wall time of the HTTP call, ROUNDS each, the first
// left out as warm-up): a rare word in every room and in that room alone, a word in every message (a page comes
// at once), and a word in none (the whole history read). Prints one line per query: p50 and max in ms.
//   node bench/search.mjs [url]      (a server with sign-up on and parley.chat.rate-limit raised above 1000,
//                                     e.g. -Dparley.chat.rate-limit=100000; MESSAGES=20000 ROUNDS=10)
import { chatApi } from './lib/chat-users.mjs';

const URL = (process.argv[2] || process.env.URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const MESSAGES = Number(process.env.MESSAGES || 20000);
const ROUNDS = Number(process.env.ROUNDS || 10);
const chat = chatApi(URL);
const [user] = await chat.users(1);
const stamp = Date.now().toString(36);
const room = (await chat.api('/api/rooms', { token: user.token, body: { name: `search-${stamp}`, visibility: 'public' } })).json.id;
const rare = `needle${stamp}`;

let next = 0;
const started = Date.now();
await Promise.all(Array.from({ length: 50 }, async () => {
  while (next < MESSAGES) {
    const i = next++;
    const text = i % 1000 === 0 ? `${rare} ${i} in the haystack` : `ordinary line ${i} of ${stamp}, nothing to see`;
    const r = await chat.api(`/api/rooms/${room}/messages`, { token: user.token, body: { text } });
    if (r.status !== 201) throw new Error(`post: ${r.status} ${JSON.stringify(r.json)}`);
  }
}));
console.log(`${MESSAGES} messages posted in ${((Date.now() - started) / 1000).toFixed(1)} s to room ${room}`);

async function time(query) {
  const took = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const t0 = performance.now();
    const r = await chat.api(`/api/search?${query}`, { token: user.token });
    if (r.status !== 200) throw new Error(`search ${query}: ${r.status} ${JSON.stringify(r.json)}`);
    if (round > 0) took.push(performance.now() - t0);
    if (round === ROUNDS) return { found: r.json.messages.length, took: took.sort((a, b) => a - b) };
  }
}
for (const [label, query] of [
  ['rare word, every room', `q=${rare}`],
  ['rare word, its room', `q=${rare}&roomId=${room}`],
  ['word in every message, every room', `q=${stamp}`],
  ['word in none, every room', `q=absent${stamp}`],
  ['word in none, its room', `q=absent${stamp}&roomId=${room}`],
]) {
  const { found, took } = await time(query);
  console.log(`${label.padEnd(36)} found ${String(found).padStart(2)}  p50 ${took[Math.floor(took.length / 2)].toFixed(1)} ms`
    + `  max ${took.at(-1).toFixed(1)} ms`);
}
