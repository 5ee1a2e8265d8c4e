// Walks through the page against the development stand-in (started here, on its own port) and
// saves screenshots for a person to look at. Every step waits for what a user would see, so a
// broken behaviour stops the walk with an error. Needs the built page (npm run build).
//   npm run screenshots [-- --out dir]
// Uses Debian's /usr/bin/chromium through playwright-core (no browser download).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '3199' },
    out: { type: 'string', default: fileURLToPath(new URL('../../../../target/screenshots-dev', import.meta.url)) },
  },
});
mkdirSync(args.out, { recursive: true });
args.base = `http://127.0.0.1:${args.port}`;
const state = join(mkdtempSync(join(tmpdir(), 'parley-dev-')), 'state.json');
let fake = null;

async function startFake() {
  fake = spawn(process.execPath, [fileURLToPath(new URL('fake-parley.js', import.meta.url)), '--port', args.port, '--state', state],
    { stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`${args.base}/api/auth/config`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('fake server did not start');
}

async function stopFake() {
  const exited = new Promise((r) => fake.once('exit', r));
  fake.kill('SIGTERM');
  await exited;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

await startFake();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const shot = (page, name) => page.screenshot({ path: `${args.out}/${name}.png` });

async function signedIn(user, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${user}] page error:`, err.message));
  await page.goto(args.base);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill('parley');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-status="connected"]').waitFor();
  await page.locator('.messages li.message').first().waitFor();
  return page;
}

try {
  const desktop = { width: 1280, height: 800 };
  const login = await (await browser.newContext({ viewport: desktop })).newPage();
  await login.goto(args.base);
  await login.getByLabel('User name').waitFor();
  await shot(login, '01-sign-in');

  const alice = await signedIn('alice', desktop);
  const bob = await signedIn('bob', { width: 390, height: 780 });
  await alice.getByLabel('Message #general').fill('Hello from Alice <script>alert(1)</script> @bob');
  await alice.keyboard.press('Enter');
  await bob.getByText('Hello from Alice').waitFor();
  await bob.getByLabel('Message #general').pressSequentially('Hi Alice', { delay: 20 });
  await alice.getByText('Bob is typing…').waitFor();
  await shot(alice, '02-chat-desktop-typing');
  await bob.keyboard.press('Enter');
  await shot(bob, '03-chat-mobile');
  await bob.getByRole('button', { name: 'Show rooms' }).click();
  await bob.waitForTimeout(300);
  await shot(bob, '04-mobile-rooms-drawer');
  await bob.keyboard.press('Escape');
  await bob.getByRole('button', { name: /online/ }).click();
  await bob.getByRole('button', { name: 'Close the member list' }).waitFor();
  await bob.waitForTimeout(400); // let the drawers finish sliding
  await shot(bob, '04b-mobile-members');
  await bob.keyboard.press('Escape');
  await bob.getByRole('button', { name: 'Show rooms' }).click();

  // Unread: bob posts in #support while alice stays in #general.
  await bob.getByRole('button', { name: /support/ }).click();
  await bob.getByLabel('Message #support').fill('Printer on 2 is jammed again');
  await bob.keyboard.press('Enter');
  await alice.locator('[data-room="support"] .badge').waitFor();
  await shot(alice, '05-unread-badge');

  // Connection drop: alice is cut off for 4 s, types meanwhile, then catches up.
  await fetch(`${args.base}/dev/drop?user=alice&ms=4000`, { method: 'POST' });
  await alice.locator('[data-status="reconnecting"]').waitFor();
  await alice.getByLabel('Message #general').fill('Typed while offline');
  await alice.keyboard.press('Enter');
  await fetch(`${args.base}/dev/say?user=carol&room=general`, { method: 'POST', body: 'Carol says this while Alice is away' });
  await shot(alice, '06-reconnecting-pending');
  await alice.locator('[data-status="connected"]').waitFor({ timeout: 20000 });
  await alice.getByText('Carol says this while Alice is away').waitFor();
  await alice.locator('[data-status="sent"]', { hasText: 'Typed while offline' }).waitFor();
  await shot(alice, '07-back-online');

  // Older history loads as the reader scrolls up, down to the first message.
  for (let i = 0; i < 10 && !(await alice.getByText('This is the beginning of').isVisible()); i++) {
    await alice.locator('.scroller').evaluate((el) => { el.scrollTop = 0; });
    await alice.waitForTimeout(250);
  }
  await alice.getByText('Morning all! (1)').waitFor();
  const seen = await alice.locator('ol.messages li.message').evaluateAll((els) => els.map((e) => e.dataset.id));
  if (new Set(seen).size !== seen.length) throw new Error(`duplicate messages after paging: ${seen.length} items`);
  await alice.locator('.scroller').evaluate((el) => { el.scrollTop = 0; });
  await shot(alice, '08-history-start');

  // Server restart: the stand-in forgets HTTP sessions like a real restart; the page carries on
  // with its token, rejoins, and shows everything once.
  await stopFake();
  await alice.locator('[data-status="reconnecting"]').waitFor();
  await startFake();
  await alice.locator('[data-status="connected"]').waitFor({ timeout: 30000 });
  await bob.locator('[data-status="connected"]').waitFor({ timeout: 30000 });
  await bob.getByLabel('Message #support').fill('after the restart');
  await bob.keyboard.press('Enter');
  await bob.locator('[data-status="sent"]', { hasText: 'after the restart' }).waitFor();
  await alice.getByRole('button', { name: /support/ }).click();
  await alice.getByText('after the restart').waitFor();
  if ((await alice.getByText('Printer on 2 is jammed again').count()) !== 1) throw new Error('duplicate after restart');

  // Too many at once: the server refuses some; they show as failed with Retry.
  for (let i = 1; i <= 8; i++) {
    await alice.getByLabel('Message #support').fill(`burst ${i}`);
    await alice.keyboard.press('Enter');
  }
  await alice.locator('[data-status="failed"]').first().waitFor();
  await shot(alice, '09-failed-with-retry');
  await alice.waitForTimeout(1100);
  await alice.locator('[data-status="failed"]').first().getByRole('button', { name: 'Retry' }).click();

  // A private room, created from the sidebar.
  await alice.getByRole('button', { name: '+ New room' }).click();
  await alice.getByLabel('Room name').fill('release-war-room');
  await alice.getByRole('checkbox', { name: /Private/ }).check();
  await shot(alice, '10-create-room');
  await alice.getByRole('button', { name: 'Create' }).click();
  await alice.locator('#room-title', { hasText: 'release-war-room' }).waitFor();
  await shot(alice, '11-new-private-room');

  // Search: every room she may read, newest first; a result opens its room and points the message out.
  await alice.getByRole('button', { name: 'Search', exact: true }).click();
  await alice.getByLabel('Search messages').fill('printer');
  await alice.keyboard.press('Enter');
  await alice.locator('li.search-result').first().waitFor();
  await shot(alice, '11b-search');
  await alice.locator('li.search-result button').first().click();
  await alice.locator('li.message.found', { hasText: 'Printer on 2 is jammed again' }).waitFor();

  // A mention while Carol's tab is in the background gives her a desktop notification. Headless
  // Chromium has no notification centre and never hides a tab, so both are stood in for here.
  const carolContext = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  await carolContext.addInitScript(() => {
    window.__notes = [];
    window.Notification = class {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title, options) { window.__notes.push({ title, body: options?.body }); }
      close() {}
    };
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => window.__hidden === true });
  });
  const carol = await carolContext.newPage();
  await carol.goto(args.base);
  await carol.getByLabel('User name').fill('carol');
  await carol.getByLabel('Password').fill('parley');
  await carol.getByRole('button', { name: 'Sign in' }).click();
  await carol.locator('[data-status="connected"]').waitFor();
  await carol.evaluate(() => { window.__hidden = true; });
  await fetch(`${args.base}/dev/say?user=dave&room=support`, { method: 'POST', body: '@carol can you look at the printer?' });
  await carol.waitForFunction(() => window.__notes.length > 0);
  const notes = await carol.evaluate(() => window.__notes);
  if (notes.length !== 1 || !notes[0].title.includes('Dave mentioned you in #support')) throw new Error(JSON.stringify(notes));
  await carol.locator('[data-room="support"] .badge').waitFor();
  await carol.evaluate(() => { window.__hidden = false; });

  // Signing out in another tab ends this tab's session too: back to sign-in, with a word why.
  const otherTab = await carolContext.newPage();
  await otherTab.goto(args.base);
  await otherTab.locator('[data-status="connected"]').waitFor();
  await otherTab.getByRole('button', { name: 'Sign out' }).click();
  await carol.getByText('Your session has ended').waitFor();
  await shot(carol, '13-signed-out-elsewhere');

  // Sign-up form.
  const visitor = await (await browser.newContext({ viewport: { width: 390, height: 700 } })).newPage();
  await visitor.goto(args.base);
  await visitor.getByRole('button', { name: 'Create an account' }).click();
  await shot(visitor, '12-sign-up-mobile');
  console.log('screenshots in', args.out);
} finally {
  await browser.close();
  await stopFake();
}
