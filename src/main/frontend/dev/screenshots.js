// Screenshots of the page against the development stand-in, for a person to look at.
//   node dev/fake-parley.js &  then  node dev/screenshots.js [--base http://127.0.0.1:3100] [--out dir]
// Uses Debian's /usr/bin/chromium through playwright-core (no browser download).
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://127.0.0.1:3100' },
    out: { type: 'string', default: fileURLToPath(new URL('../../../../target/screenshots-dev', import.meta.url)) },
    only: { type: 'string' },
  },
});
mkdirSync(args.out, { recursive: true });

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
  console.log('screenshots in', args.out);
} finally {
  await browser.close();
}
