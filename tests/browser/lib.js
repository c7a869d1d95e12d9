// What every browser test shares: Debian's Chromium driven by playwright-core, the server
// `scripts/test-browser` started (its address and accounts come in the environment), and
// the checks made on every page a test visits: axe-core finds no serious or critical
// violation, nothing is wider than the viewport, and the browser reports no error (a
// Content-Security-Policy refusal, a failed stylesheet) in its console.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** An environment variable the driver script must set; a missing one is a usage error. */
export function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the browser tests through scripts/test-browser`);
  }
  return value;
}

export const BASE = () => env('HEED_URL').replace(/\/$/, '');

/** The accounts scripts/test-browser made, by role. */
export const ACCOUNTS = {
  secretariat: () => ({ name: env('HEED_SECRETARIAT'), password: env('HEED_PASSWORD') }),
  owner: () => ({ name: env('HEED_OWNER'), password: env('HEED_PASSWORD') }),
  viewer: () => ({ name: env('HEED_VIEWER'), password: env('HEED_PASSWORD') }),
};

/** The viewports every flow runs at; the phone reads in the dark colour scheme, so both schemes meet axe's contrast checks. */
export const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, isMobile: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, colorScheme: 'dark' },
];

/** Flags from ECOSYSTEM.md: no sandbox (containers), and nothing that reaches outside hosts. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.HEED_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh browser context (its own cookies) at a viewport, whose pages are checked on every
 * navigation through `visit`. Console errors are collected and fail `check`.
 */
export async function open(browser, vp) {
  const context = await browser.newContext({
    viewport: vp.viewport,
    isMobile: vp.isMobile,
    hasTouch: vp.hasTouch ?? false,
    deviceScaleFactor: vp.deviceScaleFactor ?? 1,
    colorScheme: vp.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      consoleErrors.push({ url: msg.location().url || page.url(), text: msg.text() });
    }
  });
  page.on('pageerror', (err) => consoleErrors.push({ url: page.url(), text: err.message }));
  return { context, page, consoleErrors, vp };
}

/** Goes to a path, expects the status, and runs the page checks. */
export async function visit(session, path, { status = 200 } = {}) {
  const response = await session.page.goto(BASE() + path);
  assert.equal(response.status(), status, `GET ${path} answered ${response.status()}`);
  await check(session, response);
  return response;
}

/**
 * Submits with a click (`locator`: anything with `click()`, such as a key press) and waits
 * for the page the server answers with, then checks it.
 */
export async function submit(session, locator, { status = 200 } = {}) {
  const [response] = await Promise.all([
    session.page.waitForNavigation(),
    locator.click(),
  ]);
  assert.ok(response, 'the form did not navigate');
  assert.equal(response.status(), status, `${response.request().method()} ${response.url()} answered ${response.status()}`);
  await check(session, response);
  return response;
}

/**
 * Every page visited must pass these. The browser logs an error for a page answered with a
 * 4xx; that one is expected when the test asked for it (the response is the page's own).
 */
export async function check(session, response) {
  await noHorizontalScroll(session);
  await accessible(session);
  const errors = session.consoleErrors
    .filter((e) => !(response && response.status() >= 400 && e.url === response.url() &&
      e.text.includes(`status of ${response.status()}`)))
    .map((e) => `${e.url}: ${e.text}`);
  session.consoleErrors.length = 0;
  assert.deepEqual(errors, [], 'the browser reported errors');
}

/** Nothing is wider than the viewport: the page never scrolls sideways. */
export async function noHorizontalScroll(session) {
  const { scroll, client, widest } = await session.page.evaluate(() => {
    const doc = document.documentElement;
    // Name the widest element that sticks out, so a failure says where to look.
    let widest = null;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > doc.clientWidth + 1 && (!widest || r.right > widest.right)) {
        // Content inside a sideways-scrolling box (a wide table) is allowed to be wide.
        let inScroller = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const ox = getComputedStyle(p).overflowX;
          if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') { inScroller = true; break; }
        }
        if (!inScroller) widest = { tag: el.tagName.toLowerCase(), cls: el.className?.baseVal ?? el.className, right: Math.round(r.right) };
      }
    }
    return { scroll: doc.scrollWidth, client: doc.clientWidth, widest };
  });
  assert.ok(
    scroll <= client,
    `${session.page.url()} at ${session.vp.name} (${client}px) scrolls sideways: ${scroll}px wide` +
      (widest ? `; widest: <${widest.tag} class="${widest.cls}"> reaching ${widest.right}px` : ''),
  );
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy does not apply to) and fails on any serious or critical violation,
 * each printed with its rule, help text and the elements it found.
 */
export async function accessible(session) {
  const violations = await session.page.evaluate(async (source) => {
    if (!window.axe) {
      // eslint-disable-next-line no-eval
      (0, eval)(source);
    }
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      url: v.helpUrl,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`),
    }));
  }, AXE_SOURCE);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const text = serious
      .map((v) => `  [${v.impact}] ${v.id}: ${v.help} (${v.url})\n${v.nodes.map((n) => `    - ${n}`).join('\n')}`)
      .join('\n');
    assert.fail(`axe-core: ${serious.length} serious or critical violation(s) on ${session.page.url()} at ${session.vp.name}:\n${text}`);
  }
}

/** Signs in through the form and lands on the dashboard. */
export async function signIn(session, account) {
  const { page } = session;
  await visit(session, '/login');
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Password').fill(account.password);
  await submit(session, page.getByRole('button', { name: 'Sign in' }));
  assert.equal(new URL(page.url()).pathname, '/', 'signing in should land on the dashboard');
  await page.getByText(`Signed in as ${account.name}`).waitFor();
}

/** The dashboard's numbers: the lede's totals, the claims awaiting verification, and each chart's table by group label. */
export async function dashboardNumbers(session) {
  await visit(session, '/');
  return session.page.evaluate(() => {
    const lede = document.querySelector('.lede').textContent;
    const [, total, open] = lede.match(/(\d+) items in the register, (\d+) open/);
    const awaiting = document.querySelector('#awaiting')?.textContent.match(/\((\d+)\)/)?.[1];
    const tables = {};
    for (const table of document.querySelectorAll('table.numbers')) {
      const name = table.caption.textContent.replace(/, as numbers$/, '').trim();
      tables[name] = {};
      for (const row of table.tBodies[0].rows) {
        tables[name][row.cells[0].textContent.trim()] = Number(row.cells[1].textContent);
      }
    }
    return { total: Number(total), open: Number(open), awaiting: Number(awaiting), tables };
  });
}

/** The whole text of a download's stream. */
export async function streamText(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
