// What ui_tests.js and admin_tests.js share: the settings from the environment, a tiny test
// runner around one headless Chromium (playwright-core), assertions and page helpers.
// Environment: BASE_URL (the server), ARTIFACTS_DIR (screenshots), CHROMIUM (the browser,
// default /usr/bin/chromium), OTHER_TOKEN (the token of a second household's owner).
'use strict';

const fs = require('fs');
const path = require('path');

const BASE_URL = process.env.BASE_URL;
const OTHER_TOKEN = process.env.OTHER_TOKEN || '';
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
 * A fresh browser context (empty localStorage, or the page's stored token set to `token`) and
 * page for one test. Console messages of type error and uncaught page errors are collected into
 * `problems` (the runner fails the test on any), except "Failed to load resource" for the HTTP
 * statuses in `allowed` (e.g. [409]).
 */
async function openPage(browser, problems, options) {
  const { viewport, token, allowed } = options || {};
  const context = await browser.newContext({ viewport: viewport || DESKTOP });
  if (token) await context.addInitScript((t) => localStorage.setItem('recs.token', t), token);
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const resource = RESOURCE_ERROR.exec(msg.text());
    if (resource && (allowed || []).includes(Number(resource[1]))) return;
    problems.push('console error: ' + msg.text());
  });
  page.on('pageerror', (err) => problems.push('page error: ' + (err && err.message)));
  return page;
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
        try {
          await fn(browser, problems);
          // Let late console messages of the page arrive before judging them.
          await new Promise((resolve) => setImmediate(resolve));
          if (problems.length) throw new Error(problems.join('\n'));
          passed++;
          console.log('ok   - ' + name);
        } catch (err) {
          failed++;
          console.log('FAIL - ' + name);
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
  BASE_URL, OTHER_TOKEN, ARTIFACTS_DIR, CHROMIUM, DESKTOP, PHONE, ACTION_TIMEOUT_MS,
  loadChromium, check, checkEq, openPage, screenshot, until, runTests,
};
