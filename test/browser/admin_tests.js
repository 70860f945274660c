// Browser tests of the admin page (web/admin.html) in Debian's headless Chromium, driven by
// playwright-core. Run by run.sh against the real recs-server (dev mode, where demo@local.test is
// the admin; USE_REAL_JUSTWATCH=true with JUSTWATCH_URL a closed local port, so that the
// JustWatch sync can be paused and resumed), after ui_tests.js's main and accounts groups:
//   node admin_tests.js admin
// Environment: BASE_URL (the server), ARTIFACTS_DIR (screenshots), CHROMIUM (the browser,
// default /usr/bin/chromium), OTHER_EMAIL and OTHER_PASSWORD (a second household's owner, who
// is not an admin; its pages sign in as it), OTHER_TOKEN (its dev token, for the test's own REST
// calls). The pages sign in with the session cookie (POST /auth/login); the test's own REST
// calls use dev tokens. Prints one "ok"/"FAIL" line per test and a closing
// "admin: N passed, M failed"; exits non-zero when a test failed. Alertmanager payloads come
// from test/alerts/fixtures.
'use strict';

const fs = require('fs');
const path = require('path');
const lib = require('./browser_lib');

const { BASE_URL, OTHER, OTHER_TOKEN, DESKTOP, PHONE, check, checkEq, screenshot } = lib;
const ADMIN_TOKEN = 'devtoken:demo@local.test';
const FIXTURES = path.join(__dirname, '..', 'alerts', 'fixtures');
const GROUP = process.argv[2] || 'admin';

const chromium = lib.loadChromium(
  'BASE_URL=http://127.0.0.1:PORT OTHER_EMAIL=... OTHER_PASSWORD=... OTHER_TOKEN=devtoken:... ' +
  'node admin_tests.js admin');

// --- a tiny runner (browser_lib.js) ----------------------------------------------------------

const tests = { admin: [] };
const test = (name, fn) => tests.admin.push({ name, fn });

/**
 * A fresh context and page (browser_lib.openPage) signed in as `as` (the admin, the demo
 * household's owner, by default); `allowed`: HTTP statuses whose "Failed to load resource" is
 * expected (e.g. [409]).
 */
const openPage = (browser, problems, options) => lib.openPage(browser, problems, options);

/** Polls `condition` every 50 ms until it gives something true, which it returns; 15 s. */
const until = (condition, what, ms) => lib.until(condition, what, ms || 15000, 50);

/** A REST call from the test itself (Node's fetch): {status, body (parsed JSON or null)}. */
async function call(method, urlPath, body, token) {
  const headers = { Authorization: 'Bearer ' + (token || ADMIN_TOKEN), Accept: 'application/json' };
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(BASE_URL + urlPath, init);
  const raw = await response.text();
  let parsed = null;
  try {
    parsed = raw ? JSON.parse(raw) : null;
  } catch (e) {
    parsed = null;
  }
  return { status: response.status, body: parsed, raw };
}

/** The endpoint answers something else than 404: fails the test naming it otherwise. */
async function requireEndpoint(method, urlPath, body) {
  const answer = await call(method, urlPath, body);
  check(answer.status !== 404,
    method + ' ' + urlPath + ' is missing (HTTP 404: ' + answer.raw + ')');
  return answer;
}

const digits = (s) => Number(String(s).replace(/[^0-9]/g, ''));

/** Opens the admin page and waits until its first loads are drawn. */
async function openAdmin(page) {
  await page.goto(BASE_URL + '/admin.html');
  await page.locator('#admin-content').waitFor();
  await page.locator('#freshness dd[data-fact="shows-total"]').waitFor();
}

/** The scorer count in the scoring_pool row's state ("running, 2 scorers, 0 restarts"). */
async function shownScorers(page) {
  const row = page.locator('#actors tr[data-actor="scoring_pool"] .actor-state');
  if (!(await row.count())) return null;
  const m = /(\d+)\s+scorers?/.exec(await row.textContent());
  return m ? Number(m[1]) : null;
}

function fixture(name) {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

// --- tests ------------------------------------------------------------------------------------

test('the main page links to the admin page for an admin only', async (browser, problems) => {
  const admin = await openPage(browser, problems);
  await admin.goto(BASE_URL + '/');
  await admin.locator('#admin-link').waitFor({ state: 'visible' });
  checkEq(await admin.locator('#admin-link').getAttribute('href'), '/admin.html', 'the link');

  const other = await openPage(browser, problems, { as: OTHER });
  await other.goto(BASE_URL + '/');
  await other.locator('#profiles button').first().waitFor(); // after GET /me
  check(await other.locator('#admin-link').isHidden(), 'no admin link for a non-admin');
  // Signed out, the page shows no admin link either (and the admin page says who may see it).
  const nobody = await openPage(browser, problems, { as: null });
  await nobody.goto(BASE_URL + '/');
  await nobody.locator('#signin-form').waitFor();
  check(await nobody.locator('#admin-link').isHidden(), 'no admin link when signed out');
  await nobody.goto(BASE_URL + '/admin.html');
  await nobody.locator('#admin-denied').waitFor({ state: 'visible' });
  check((await nobody.locator('#denied-text').textContent()).includes('not signed in'),
    'the admin page says nobody is signed in');
});

test('as admin the page changes things with the CSRF token of its session, and a request ' +
  'without it is refused', async (browser, problems) => {
  const page = await openPage(browser, problems, { allowed: [403] });
  await openAdmin(page);
  const [flush] = await Promise.all([
    page.waitForRequest((r) => new URL(r.url()).pathname === '/admin/cache/flush'),
    page.getByRole('button', { name: 'Flush caches' }).click(),
  ]);
  const csrf = (await lib.pageFetch(page, 'GET', '/me')).body.csrf;
  check(csrf, 'GET /me gives the session\'s csrf');
  checkEq(flush.headers()['x-csrf-token'], csrf, 'the X-CSRF-Token of the page\'s POST');
  check(!flush.headers().authorization, 'no Authorization header from the page');
  const bare = await page.evaluate(() => fetch('/admin/cache/flush',
    { method: 'POST', credentials: 'same-origin' }).then((r) => r.status));
  checkEq(bare, 403, 'a POST with the cookie but without X-CSRF-Token');
});

test('a non-admin sees "Admins only" and the page calls no admin endpoint',
  async (browser, problems) => {
    check(OTHER_TOKEN && OTHER.email, 'OTHER_TOKEN and OTHER_EMAIL are set (run.sh adds a ' +
      'second household)');
    const me = await call('GET', '/me', undefined, OTHER_TOKEN);
    checkEq([me.status, me.body && me.body.admin], [200, false], "the other owner's GET /me");
    const page = await openPage(browser, problems, { as: OTHER });
    const adminCalls = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/admin/')) adminCalls.push(r.url());
    });
    await page.goto(BASE_URL + '/admin.html');
    await page.locator('#admin-denied').waitFor({ state: 'visible' });
    checkEq(await page.locator('#denied-heading').textContent(), 'Admins only', 'the heading');
    const text = await page.locator('#denied-text').textContent();
    check(text.includes('other@local.test') && text.includes('not an admin'),
      'the message names who is signed in: ' + text);
    check(await page.locator('#admin-content').isHidden(), 'the admin sections are hidden');
    checkEq(adminCalls, [], 'admin endpoints called');
    await screenshot(page, 'admin-denied-1280');
  });

test('as admin the page shows the freshness numbers and the sync jobs',
  async (browser, problems) => {
  const page = await openPage(browser, problems);
  const freshness = await call('GET', '/admin/freshness');
  checkEq(freshness.status, 200, 'GET /admin/freshness status');
  await openAdmin(page);
  const fact = (key) => page.locator('#freshness dd[data-fact="' + key + '"]').textContent();
  const shows = freshness.body.shows;
  checkEq(digits(await fact('shows-total')), shows.total, 'shows in total');
  checkEq(digits(await fact('shows-verified')), shows.verified, 'verified shows');
  checkEq(digits(await fact('shows-stale')), shows.stale, 'stale shows');
  checkEq(digits(await fact('shows-never-checked')), shows.never_checked, 'never checked');
  checkEq(await fact('stale-after-days'), freshness.body.stale_after_days + ' days', 'stale after');
  check((await fact('offers-last-checked')).length > 0, 'offers last checked is shown');
  check((await fact('next-daily-refresh')).length > 0, 'the next daily refresh is shown');

  const jobs = (await call('GET', '/admin/jobs')).body.jobs;
  for (const job of jobs) {
    const row = page.locator('#jobs tr[data-job="' + job.job + '"]');
    await row.waitFor();
    check(await row.getByRole('button', { name: /^Run now: / }).isVisible(),
      job.job + ' has a "Run now" button');
    check(await row.getByRole('button', { name: /^(Pause|Resume) the / }).isVisible(),
      job.job + ' has a pause or resume button');
  }
  await screenshot(page, 'admin-1280');
});

test('pause and resume a sync from the page; "run now" of a paused job shows the 409 message',
  async (browser, problems) => {
    // run.sh starts this server with USE_REAL_JUSTWATCH=true (JUSTWATCH_URL a closed local
    // port): the JustWatch sync is idle and no run is started here; the other syncs are off.
    const page = await openPage(browser, problems, { allowed: [409] });
    await openAdmin(page);
    const stateOf = async (job) =>
      (await call('GET', '/admin/jobs')).body.jobs.find((j) => j.job === job).state;
    checkEq(await stateOf('daily_refresh'), 'idle', 'the JustWatch sync at start');
    const row = page.locator('#jobs tr[data-job="daily_refresh"]');
    await row.getByRole('button', { name: 'Pause the justwatch sync' }).click();
    await row.getByRole('button', { name: 'Resume the justwatch sync' }).waitFor();
    checkEq(await stateOf('daily_refresh'), 'paused', 'the job state after Pause');
    check(/paused/i.test(await row.locator('.state').textContent()), 'the row says paused');
    check(await row.getByRole('button', { name: 'Resume the justwatch sync' }).evaluate(
      (b) => b === document.activeElement), 'the focus stays on the toggled button');

    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/jobs/daily_refresh'),
      row.getByRole('button', { name: /^Run now: / }).click(),
    ]);
    checkEq(response.status(), 409, 'POST /admin/jobs/daily_refresh while paused');
    const message = (await response.json()).message;
    const box = page.locator('#jobs-error');
    await box.waitFor({ state: 'visible' });
    const shown = await box.textContent();
    check(shown.includes(message) && shown.includes('409'),
      'the error box shows the JSON message "' + message + '": ' + shown);
    await page.waitForTimeout(4500); // a poll of the jobs does not hide the message
    check(await box.isVisible(), 'the message stays after a poll');

    await row.getByRole('button', { name: 'Resume the justwatch sync' }).click();
    await row.getByRole('button', { name: 'Pause the justwatch sync' }).waitFor();
    checkEq(await stateOf('daily_refresh'), 'idle', 'the job state after Resume');
    check(await page.locator('#jobs tr[data-source="tvmaze"]')
      .getByRole('button', { name: 'Pause the tvmaze sync' }).isDisabled(),
    'the pause button of a sync that is off is disabled');
    const commands = await call('GET', '/admin/commands');
    if (commands.status === 200) {
      checkEq(commands.body.commands.slice(0, 3).map((c) => c.command),
        ['resume_sync', 'run_job', 'pause_sync'], 'the commands logged, newest first');
    }
  });

test('as admin the actors table lists every actor GET /admin/actors returns',
  async (browser, problems) => {
    const answer = await requireEndpoint('GET', '/admin/actors');
    checkEq(answer.status, 200, 'GET /admin/actors status');
    const names = answer.body.actors.map((a) => a.name);
    check(names.length > 0, 'GET /admin/actors lists actors');
    const page = await openPage(browser, problems);
    await openAdmin(page);
    await page.locator('#actors tr[data-actor]').first().waitFor();
    const shown = await page.locator('#actors tr[data-actor] th').allTextContents();
    for (const name of names) check(shown.includes(name), 'the table lists ' + name + ': ' + shown);
    for (const a of answer.body.actors) {
      const cells =
        await page.locator('#actors tr[data-actor="' + a.name + '"] td').allTextContents();
      check(cells.length === 4 && cells[0].length > 0,
        a.name + ' has state, instances, mailbox and processed: ' + cells);
    }
    check(await page.locator('#actors-error').isHidden(), 'no actors error');
    check(await page.locator('#actors-table caption').textContent(), 'the table has a caption');
  });

test('resizing the scoring pool from the page shows the new scorer count',
  async (browser, problems) => {
    await requireEndpoint('GET', '/admin/actors');
    const page = await openPage(browser, problems);
    await openAdmin(page);
    const before = await until(() => shownScorers(page), 'the scoring_pool row with its scorers');
    const wanted = before === 3 ? 2 : 3;
    await page.getByLabel('Scorers', { exact: true }).fill(String(wanted));
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/scoring/resize'),
      page.getByRole('button', { name: 'Resize pool' }).click(),
    ]);
    checkEq(response.status(), 200, 'POST /admin/scoring/resize status');
    checkEq(await response.json(), { command: 'resize_pool', scorers: wanted }, 'its answer');
    await page.locator('#controls-result')
      .getByText('Scoring pool resized to ' + wanted + ' scorers.').waitFor();
    // The page polls the actors every few seconds: the row follows without a reload.
    await until(async () => (await shownScorers(page)) === wanted,
      'the actors table to show ' + wanted + ' scorers');
    await page.locator('#commands tr', { hasText: 'resize_pool' }).first().waitFor();

    // Out of range: the page says so, nothing is sent.
    let sent = false;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/admin/scoring/resize') sent = true;
    });
    await page.getByLabel('Scorers', { exact: true }).fill('65');
    await page.getByRole('button', { name: 'Resize pool' }).click();
    check(!sent, 'no resize is sent for 65 scorers');
  });

test('flush caches and retrain model from the page are logged as admin commands',
  async (browser, problems) => {
    await requireEndpoint('GET', '/admin/commands');
    const page = await openPage(browser, problems);
    await openAdmin(page);
    const [flush] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/cache/flush'),
      page.getByRole('button', { name: 'Flush caches' }).click(),
    ]);
    checkEq(flush.status(), 200, 'POST /admin/cache/flush status');
    await page.locator('#controls-result').getByText(/^Caches flushed/).waitFor();
    const [retrain] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/model/retrain'),
      page.getByRole('button', { name: 'Retrain model' }).click(),
    ]);
    checkEq(retrain.status(), 202, 'POST /admin/model/retrain status');
    await page.locator('#commands tr', { hasText: 'flush_cache' }).first().waitFor();
    await page.locator('#commands tr', { hasText: 'retrain' }).first().waitFor();
    const commands = (await call('GET', '/admin/commands')).body.commands;
    checkEq(commands.slice(0, 2).map((c) => c.command), ['retrain', 'flush_cache'],
      'GET /admin/commands, newest first');
  });

test('an alert posted to /alerts/alertmanager appears live, then turns resolved',
  async (browser, problems) => {
    await requireEndpoint('GET', '/admin/alerts');
    const page = await openPage(browser, problems);
    await openAdmin(page);
    await page.locator('#alerts-live').getByText('Live', { exact: true }).waitFor();
    await page.evaluate(() => { window.notReloaded = true; });

    const firing = JSON.parse(fixture('firing.json'));
    const sent = firing.alerts[0];
    const posted = await call('POST', '/alerts/alertmanager', firing);
    check(posted.status >= 200 && posted.status < 300,
      'POST /alerts/alertmanager accepts firing.json: HTTP ' + posted.status + ' ' + posted.raw);
    const item = page.locator('#alerts li[data-fingerprint="' + sent.fingerprint + '"]');
    await item.waitFor();
    checkEq(await item.getAttribute('data-status'), 'firing', 'its status');
    checkEq(await item.locator('.alert-name').textContent(), sent.labels.alertname, 'its name');
    checkEq(await item.locator('.alert-summary').textContent(), sent.annotations.summary,
      'its summary');
    check((await item.locator('.alert-severity').textContent()).includes('warning'),
      'its severity');
    check((await item.textContent()).includes('Firing since'), 'since when');
    checkEq(await item.getByRole('link').getAttribute('href'), new URL(sent.generatorURL).href,
      'the link to its generator URL');
    check(await page.evaluate(() => window.notReloaded === true), 'the page was not reloaded');
    await screenshot(page, 'admin-alert-firing-1280');

    const resolved = await call('POST', '/alerts/alertmanager', fixture('resolved.json'));
    check(resolved.status >= 200 && resolved.status < 300, 'resolved.json is accepted: HTTP ' +
      resolved.status);
    await page.locator('#alerts li.resolved[data-fingerprint="' + sent.fingerprint + '"]')
      .waitFor();
    check(await page.evaluate(() => window.notReloaded === true), 'the page was not reloaded');
  });

test('alert text is drawn as text, and only http(s) generator URLs become links',
  async (browser, problems) => {
    await requireEndpoint('GET', '/admin/alerts');
    const page = await openPage(browser, problems, { viewport: PHONE });
    await openAdmin(page);
    await page.locator('#alerts-live').getByText('Live', { exact: true }).waitFor();
    const payload = JSON.parse(fixture('firing.json'));
    const hostile = payload.alerts[0];
    hostile.fingerprint = 'b0b0b0b0b0b0b0b0';
    hostile.labels = { alertname: 'HostileText', severity: 'critical', job: 'recs-api' };
    hostile.annotations = { summary: '<img src=x onerror="window.pwned=1"><b>bold</b>' };
    hostile.generatorURL = 'javascript:window.pwned=1';
    payload.commonLabels = hostile.labels;
    payload.groupLabels = { alertname: 'HostileText' };
    payload.commonAnnotations = hostile.annotations;
    const posted = await call('POST', '/alerts/alertmanager', payload);
    check(posted.status >= 200 && posted.status < 300, 'POST /alerts/alertmanager: HTTP ' +
      posted.status + ' ' + posted.raw);
    const item = page.locator('#alerts li[data-fingerprint="b0b0b0b0b0b0b0b0"]');
    await item.waitFor();
    checkEq(await item.locator('.alert-summary').textContent(), hostile.annotations.summary,
      'the summary, as text');
    checkEq(await item.locator('img, b').count(), 0, 'elements made from server text');
    checkEq(await item.getByRole('link').count(), 0, 'links for a javascript: URL');
    checkEq(await page.evaluate(() => window.pwned), undefined, 'script run from server text');
    // The critical firing alert comes first.
    checkEq(await page.locator('#alerts li').first().getAttribute('data-fingerprint'),
      'b0b0b0b0b0b0b0b0', 'the first alert');
    const overflow = await page.evaluate(() =>
      document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 0, 'the page fits a phone width (overflow ' + overflow + ' px)');
    await screenshot(page, 'admin-alerts-390');
  });

test('an endpoint answering 404 JSON shows its message, not a broken page',
  async (browser, problems) => {
    const page = await openPage(browser, problems, { allowed: [404] });
    await page.route('**/admin/actors', (route) => route.fulfill({
      status: 404,
      contentType: 'application/json',
      body: JSON.stringify({ error: 'not_found', message: 'no admin route /admin/actors' }),
    }));
    await openAdmin(page);
    const box = page.locator('#actors-error');
    await box.waitFor({ state: 'visible' });
    checkEq(await box.textContent(),
      'Could not load the actors: no admin route /admin/actors (HTTP 404 not_found)',
      'the message');
    check(await page.locator('#freshness dd[data-fact="shows-total"]').isVisible(),
      'the other sections still show');
  });

test('the admin page works at phone width', async (browser, problems) => {
  const page = await openPage(browser, problems, { viewport: PHONE, allowed: [404] });
  await openAdmin(page);
  await page.locator('#jobs tr').first().waitFor();
  const overflow = await page.evaluate(() =>
    document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, 'no sideways scrolling of the page (overflow ' + overflow + ' px)');
  for (const id of ['freshness-heading', 'actors-heading', 'alerts-heading']) {
    check(await page.locator('#' + id).isVisible(), id + ' is visible');
  }
  await screenshot(page, 'admin-390');
});

// --- main ------------------------------------------------------------------------------------

lib.runTests(chromium, GROUP, tests[GROUP]);
