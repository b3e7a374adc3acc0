#!/usr/bin/env node
/* global document -- the waitForFunction callbacks run in the page */
// The holds calendar in Chromium with a year of holds for 50 artists: time to show the calendar,
// to move a month, and to filter by artist — measured from the click to the grid holding the new
// month's chips. Needs the built app (npm run build) and Chromium (CHROMIUM_PATH or /usr/bin/chromium).
//   npm run bench:calendar
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const ARTISTS = 50;
const VENUES = 40;
const HOLDS_PER_ARTIST = 80;
const ROUNDS = 10;

const home = mkdtempSync(join(tmpdir(), 'flowstage-bench-calendar-'));
const host = spawn(process.execPath, ['out/main/host.js'], {
  env: { ...process.env, FLOWSTAGE_HOME: home },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  host.stdout.on('data', (chunk) => {
    out += chunk;
    const match = /^FLOWSTAGE_URL=(\S+)$/m.exec(out);
    if (match) resolve(match[1]);
  });
  host.on('exit', (code) => reject(new Error(`host exited with ${code}`)));
});
const { origin, hash } = new URL(url);
const token = hash.replace('#token=', '');
async function call(method, input) {
  const res = await fetch(`${origin}/api/invoke/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = await res.json();
  if (!body.ok) throw new Error(`${method}: ${body.error.message}`);
  return body.value;
}

// A year of holds from the first day of the current month, so the calendar opens on a busy month and
// "next month" stays inside the seeded year.
const now = new Date();
const firstDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
const artists = [];
const venues = [];
for (let i = 0; i < ARTISTS; i++)
  artists.push((await call('artists.create', { name: `Artiste ${String(i).padStart(2, '0')}` })).id);
for (let i = 0; i < VENUES; i++)
  venues.push((await call('venues.create', { name: `Salle ${i}`, city: 'Lyon' })).id);
let holds = 0;
const seeded = performance.now();
for (let a = 0; a < ARTISTS; a++) {
  for (let h = 0; h < HOLDS_PER_ARTIST; h++) {
    const day = new Date(firstDay + ((h * 4 + a) % 365) * 86_400_000).toISOString().slice(0, 10);
    try {
      await call('holds.place', {
        artistId: artists[a],
        venueId: venues[(a * 7 + h) % VENUES],
        startDate: day,
      });
      holds++;
    } catch {
      // the same artist twice at a venue on a day: refused by the engine, as it should be
    }
  }
}
console.log(
  `seeded ${holds} holds for ${ARTISTS} artists through the API in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
await page.goto(url);
await page.getByRole('button', { name: 'Offres' }).first().click();

const grid = page.getByRole('grid');
const monthHeading = () =>
  page
    .locator('[role=grid]')
    .getAttribute('aria-labelledby')
    .then((id) => page.locator(`#${id}`).innerText());
const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${pick(0.5).toFixed(0)} ms, p90 ${pick(0.9).toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms (n=${values.length})`;
};

const open = [];
for (let i = 0; i < ROUNDS; i++) {
  await page.getByRole('tab', { name: 'Offres' }).click();
  const t0 = performance.now();
  await page.getByRole('tab', { name: 'Calendrier' }).click();
  await grid.locator('.hold-chip').first().waitFor();
  open.push(performance.now() - t0);
}
const chipsShown = await grid.locator('.hold-chip').count();

const move = [];
for (let i = 0; i < ROUNDS; i++) {
  const before = await monthHeading();
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Mois suivant' }).click();
  await page.waitForFunction((previous) => {
    const grid = document.querySelector('[role=grid]');
    const heading = grid && document.getElementById(grid.getAttribute('aria-labelledby') ?? '');
    return heading && heading.textContent !== previous && grid.querySelector('.hold-chip');
  }, before);
  move.push(performance.now() - t0);
}

const filter = [];
const artistSelect = page.getByRole('combobox', { name: 'Artiste' }).first();
for (let i = 0; i < ROUNDS; i++) {
  const t0 = performance.now();
  await artistSelect.selectOption({ index: 1 + (i % ARTISTS) });
  await page.waitForFunction(() => {
    const chips = [...document.querySelectorAll('[role=grid] .hold-chip')];
    return chips.length > 0 && chips.length < 40;
  });
  filter.push(performance.now() - t0);
}

console.log(`calendar with ${holds} holds (${chipsShown} chips in the first month shown):`);
console.log(`  open the calendar tab:   ${stats(open)}`);
console.log(`  next month:              ${stats(move)}`);
console.log(`  filter by one artist:    ${stats(filter)}`);
await browser.close();
host.kill('SIGTERM');
rmSync(home, { recursive: true, force: true });
