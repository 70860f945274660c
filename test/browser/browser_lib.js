// What ui_tests.js and admin_tests.js share: the settings from the environment, a tiny test
// runner around one headless Chromium (playwright-core), assertions and page helpers.
// Environment: BASE_URL (the server), ARTIFACTS_DIR (screenshots), CHROMIUM (the browser,
// default /usr/bin/chromium), OTHER_EMAIL and OTHER_PASSWORD (the owner of a second household,
// which run.sh makes through the API), OTHER_TOKEN (its dev token, for the tests of tokens).
'use strict';

const fs = require('fs');
const path = require('path');

const BASE_URL = process.env.BASE_URL;
const OTHER_TOKEN = process.env.OTHER_TOKEN || '';
// The demo household's owner in dev mode (app/bootstrap.cpp), an admin (ADMIN_EMAILS' dev default).
const DEMO = { email: 'demo@local.test', password: 'demo-household' };
const OTHER = { email: process.env.OTHER_EMAIL || '', password: process.env.OTHER_PASSWORD || '' };
const ARTIFACTS_DIR = process.env.ARTIFACTS_DIR || path.join(process.cwd(), 'browser-artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const ACTION_TIMEOUT_MS = 20000; // Playwright's own waits fail after this
// Console messages Chromium logs for an answer with an error status: expected where a test
// provokes one (e.g. 409 for "run now" of a job that is off).
const RESOURCE_ERROR = /^Failed to load resource: the server responded with a status of (\d+)/;

/**
 * playwright-core's chromium; exits 2 when it is not installed, or (printing `usage`) when
 * BASE_URL is not set.
 */
function loadChromium(usage) {
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    console.error('FAIL - playwright-core is not installed in ' +
      path.join(__dirname, 'node_modules') +
      ': run `make deps-test` (or test/browser/install_deps.sh)');
    process.exit(2);
  }
  if (!BASE_URL) {
    console.error('usage: ' + usage);
    process.exit(2);
  }
  return chromium;
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function checkEq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, what + ': expected ' + e + ', got ' + a);
}

/**
 * Signs `context` in as `who` ({email, password}): POST /auth/login through the context's own
 * request API, whose cookie jar is the browser's (the page then has the HttpOnly session
 * cookie, as after the sign-in form). Resolves to the signed-in object (with its `csrf`).
 */
async function signIn(context, who) {
  const response = await context.request.post(BASE_URL + '/auth/login',
    { data: { email: who.email, password: who.password }, failOnStatusCode: false });
  check(response.status() === 200, 'POST /auth/login as ' + who.email + ': HTTP ' +
    response.status() + ' ' + (await response.text()));
  return response.json();
}

/**
 * A fresh browser context and page for one test, signed in as `as` ({email, password}; the demo
 * household's owner by default; null: not signed in). Console messages of type error and
 * uncaught page errors are collected into `problems` (the runner fails the test on any), except
 * "Failed to load resource" for the HTTP statuses in `allowed` (e.g. [409]); a page that is not
 * signed in may get 401 (GET /me at start says nobody is).
 */
async function openPage(browser, problems, options) {
  const { viewport, allowed } = options || {};
  const as = options && options.as !== undefined ? options.as : DEMO;
  const context = await browser.newContext({ viewport: viewport || DESKTOP });
  if (as) await signIn(context, as);
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const expected = (allowed || []).concat(as ? [] : [401]);
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const resource = RESOURCE_ERROR.exec(msg.text());
    if (resource && expected.includes(Number(resource[1]))) return;
    problems.push('console error: ' + msg.text());
  });
  page.on('pageerror', (err) => problems.push('page error: ' + (err && err.message)));
  return page;
}

/**
 * A request from inside `page` (its origin, its cookie) with the session's X-CSRF-Token (from
 * GET /me) on a change: {status, body}.
 */
function pageFetch(page, method, urlPath, body) {
  return page.evaluate(async ({ method, urlPath, body }) => {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      const me = await fetch('/me', { credentials: 'same-origin' });
      if (me.ok) headers['X-CSRF-Token'] = (await me.json()).csrf;
    }
    const init = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(urlPath, init);
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch (e) {
      parsed = text;
    }
    return { status: response.status, body: parsed };
  }, { method, urlPath, body });
}

/** The session cookie of `page`'s context, or undefined. */
async function sessionCookie(page) {
  return (await page.context().cookies(BASE_URL)).find((c) => c.name === 'recs_session');
}

/** Saves a screenshot of the whole page (`viewportOnly`: what is on screen, much faster). */
async function screenshot(page, name, viewportOnly) {
  const file = path.join(ARTIFACTS_DIR, name + '.png');
  await page.screenshot({ path: file, fullPage: !viewportOnly });
  console.log('       screenshot: ' + file);
}

/**
 * Polls `condition` (a function) every `stepMs` until it gives something true, which it returns;
 * fails after `ms`.
 */
async function until(condition, what, ms, stepMs) {
  const deadline = Date.now() + ms;
  let last;
  while (!(last = await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return last;
}

/**
 * Runs the tests of `group` ([{name, fn(browser, problems)}], or undefined for an unknown group)
 * in one Chromium: one "ok"/"FAIL" line per test, a closing "<group>: N passed, M failed" and a
 * non-zero exit status when a test failed; fails as a whole after 2 minutes.
 */
function runTests(chromium, group, list) {
  async function main() {
    if (!list) {
      console.error('unknown group: ' + group);
      process.exit(2);
    }
    if (!fs.existsSync(CHROMIUM)) {
      console.error('FAIL - Chromium is missing: ' + CHROMIUM +
        ' (Debian package chromium; `make deps-test` installs it)');
      process.exit(2);
    }
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: 60000,
      // No sandbox (tests may run as root, in containers); nothing that reaches the internet.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    let passed = 0;
    let failed = 0;
    try {
      for (const { name, fn } of list) {
        const problems = [];
        const started = Date.now();
        const took = () => ' (' + ((Date.now() - started) / 1000).toFixed(1) + ' s)';
        try {
          await fn(browser, problems);
          // Let late console messages of the page arrive before judging them.
          await new Promise((resolve) => setImmediate(resolve));
          if (problems.length) throw new Error(problems.join('\n'));
          passed++;
          console.log('ok   - ' + name + took());
        } catch (err) {
          failed++;
          console.log('FAIL - ' + name + took());
          for (const line of String((err && err.stack) || err).split('\n').slice(0, 12)) {
            console.log('       ' + line);
          }
        } finally {
          for (const context of browser.contexts()) await context.close();
        }
      }
    } finally {
      await browser.close();
    }
    console.log(group + ': ' + passed + ' passed, ' + failed + ' failed');
    process.exitCode = failed ? 1 : 0;
  }

  // A last guard against a hang (ctest's TIMEOUT would also stop it, less clearly).
  setTimeout(() => {
    console.log('FAIL - the ' + group + ' browser tests did not finish within 2 minutes');
    process.exit(1);
  }, 120000).unref();

  main().catch((err) => {
    console.log('FAIL - ' + ((err && err.stack) || err));
    process.exit(1);
  });
}

module.exports = {
  BASE_URL, OTHER_TOKEN, DEMO, OTHER, ARTIFACTS_DIR, CHROMIUM, DESKTOP, PHONE, ACTION_TIMEOUT_MS,
  loadChromium, check, checkEq, signIn, openPage, pageFetch, sessionCookie, screenshot, until,
  runTests,
};
