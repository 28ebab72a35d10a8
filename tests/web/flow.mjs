// The intranet page in a real browser: Debian's chromium driven by
// playwright-core (never a browser download), against `reportpipe serve`
// started by tests/e2e/web.t.  Each phase prints one line per check,
// "ok - what" or "not ok - what # why", which web.t numbers as TAP.
//
// usage: node flow.mjs PHASE BASE-URL WORK-DIR
//   people:  invitations -> passwords -> sign-in -> request -> contribute,
//            then the forms' CSRF token and the paths outside the page
//   approve: a wrong approver refused, the designated one approves
//   expired: a session of the day before is sent to sign-in
// WORK-DIR holds invites.json (person -> invitation URL, from
// `reportpipe invite`), and gets the screenshots (shots/) and the saved
// session of the approver (dana.json).
import { readFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import { chromium } from 'playwright-core';

const [phase, base, work] = process.argv.slice(2);
const shots = `${work}/shots`;
mkdirSync(shots, { recursive: true });
const password = {
  schen: 'violet harbour lantern 42',
  dwhitfield: 'granite meadow compass 17',
  hlind: 'copper willow ledger 88',
  admin: 'quiet orchard beacon 63',
};

function check(what, cond, why = '') {
  console.log(`${cond ? 'ok' : 'not ok'} - ${what}${cond || !why ? '' : ` # ${String(why).replace(/\s+/g, ' ').slice(0, 300)}`}`);
  return cond;
}

// A request as a client writes it, path untouched (browsers and fetch
// normalise "..", which is what a hostile client would not do).
function raw(method, path, headers = {}, body = null) {
  const u = new URL(base);
  return new Promise((resolve) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', (e) => resolve({ status: 0, body: String(e) }));
    if (body) req.write(body);
    req.end();
  });
}

async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      ...(process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

async function shot(page, name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function setPassword(page, who, url) {
  await page.goto(url);
  await page.fill('input[name=password]', password[who]);
  await page.fill('input[name=password2]', password[who]);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
}

async function signIn(page, who) {
  await page.goto(`${base}/sign-in`);
  await page.fill('input[name=who]', who);
  await page.fill('input[name=password]', password[who]);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
}

async function signOut(page) {
  await Promise.all([page.waitForNavigation(), page.click('form[action="/sign-out"] button')]);
}

// The CSRF token of the page's first form that carries one.
async function csrfOf(page) {
  return page.evaluate(() => {
    const i = document.querySelector('input[name=csrf]');
    return i ? i.value : null;
  });
}

// Posts a form from inside the page (its cookies go along), as a script
// of another site could not: only the token decides.
async function post(page, path, fields) {
  return page.evaluate(async ({ path, fields }) => {
    const r = await fetch(path, {
      method: 'POST',
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
    return { status: r.status, text: await r.text() };
  }, { path, fields });
}

async function people(browser) {
  const invites = JSON.parse(readFileSync(`${work}/invites.json`, 'utf8'));
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await ctx.newPage();

  await page.goto(invites.schen);
  check('the invitation opens the set-password page', (await page.locator('input[name=password2]').count()) === 1,
    await page.content());
  await shot(page, 'web-set-password');
  // The form asks the browser to check the length too; the server's own
  // check is the one that counts, so the browser's is taken away here.
  await page.evaluate(() => document.querySelectorAll('input[minlength]').forEach((i) => i.removeAttribute('minlength')));
  await page.fill('input[name=password]', 'short');
  await page.fill('input[name=password2]', 'short');
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  check('a password that is too short is refused, saying why',
    /at least 10/.test(await page.textContent('body')), await page.textContent('body'));
  await setPassword(page, 'schen', invites.schen);
  check('setting the password leads to sign-in', page.url().includes('/sign-in'), page.url());
  const again = await page.goto(invites.schen);
  check('the invitation works once', again.status() === 410, `status ${again.status()}`);

  await page.goto(`${base}/sign-in`);
  await shot(page, 'web-sign-in');
  await page.fill('input[name=who]', 'schen');
  await page.fill('input[name=password]', 'wrong password here');
  const wrong = await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  check('a wrong password is refused (401)', wrong[0] && wrong[0].status() === 401,
    wrong[0] && wrong[0].status());
  await signIn(page, 'schen');
  check('Sarah signs in and lands on her page', new URL(page.url()).pathname === '/', page.url());
  const cookies = await ctx.cookies();
  const session = cookies.find((c) => c.name === 'rp_session');
  check('the session cookie is HttpOnly and SameSite=Strict',
    session && session.httpOnly && session.sameSite === 'Strict', JSON.stringify(session));

  // Sales asks for the review of her account.
  // Her accounts are offered as a list (or typed, where the page has a field).
  const account = page.locator('form[action="/request"] [name=account]');
  if ((await account.evaluate((e) => e.tagName)) === 'SELECT') await account.selectOption('ACC-1001');
  else await account.fill('ACC-1001');
  await page.fill('form[action="/request"] [name=meeting]', '2026-12-15');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/request"] button[type=submit]')]);
  check('she requests the review of ACC-1001', /ACC-1001[\s\S]*(requested|collecting)/.test(await page.textContent('body')),
    await page.textContent('body'));
  await shot(page, 'web-home-sales-rep');

  // Her section: written, previewed as the review will read it, handed in.
  await page.goto(`${base}/contribute/ACC-1001/executive-summary`);
  await page.fill('textarea[name=text]',
    'A year of steady growth at all three plants.\n\nThe new line-control release went live in May.');
  await Promise.all([page.waitForNavigation(), page.click('button[name=action][value=preview]')]);
  const paras = await page.locator('.preview p').count();
  check('the preview shows the text as two paragraphs', paras === 2, `${paras} paragraphs`);
  await shot(page, 'web-contribute');
  await Promise.all([page.waitForNavigation(), page.click('button[name=action][value=submit]')]);
  check('the section is stored', /stored|handed in|received/i.test(await page.textContent('body')),
    await page.textContent('body'));

  // Forms without their token, or with one of an ended session.
  const token = await csrfOf(page);
  let r = await post(page, '/request', { account: 'ACC-1001', meeting: '2026-12-16' });
  check('a form posted without its CSRF token is refused (403)', r.status === 403, r.status);
  await signOut(page);
  await signIn(page, 'schen');
  r = await post(page, '/request', { account: 'ACC-1001', meeting: '2026-12-16', csrf: token });
  check('a form posted with a stale CSRF token is refused (403)', r.status === 403, r.status);
  check('the refusal says to reload the page', /reload/i.test(r.text), r.text.slice(0, 200));

  // Nothing outside the page's own paths.
  for (const p of ['/pdf/ACC-1001/../../../../etc/passwd', '/pdf/%2e%2e/%2e%2e/etc/passwd',
    '/pdf/ACC-1001%2f..%2f..%2fstate%2freportpipe.db', '/state/reportpipe.db', '/output/',
    '/../config/people.csv', '/pdf/', '/style.css/../../etc/passwd']) {
    const res = await raw('GET', p);
    check(`${p} is not served (404)`, res.status === 404 && !/root:|SQLite format/.test(res.body), res.status);
  }
  await ctx.close();

  // The others set their passwords now, for the next phase.
  for (const who of ['dwhitfield', 'hlind', 'admin']) {
    const c = await browser.newContext();
    const p = await c.newPage();
    await setPassword(p, who, invites[who]);
    check(`${who} sets a password from the invitation`, p.url().includes('/sign-in'), p.url());
    await c.close();
  }
}

async function approve(browser) {
  // Henrik Lind approves Gold accounts; ACC-1001 is Platinum.
  let ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  let page = await ctx.newPage();
  await signIn(page, 'hlind');
  check('a Gold approver does not see ACC-1001 waiting on him',
    !/ACC-1001/.test(await page.textContent('main')), await page.textContent('main'));
  await page.goto(`${base}/review/ACC-1001`);
  check('nor an approve button on its page', (await page.locator('form[action$="/approve"]').count()) === 0);
  const r = await post(page, '/review/ACC-1001/approve', { comment: 'fine', csrf: await csrfOf(page) });
  check('his approval is refused (403)', r.status === 403, r.status);
  check('without telling him of an account he may not see',
    /may not act on that review/.test(r.text) && !/Platinum|Sarah Chen|stage/.test(r.text), r.text.slice(0, 300));
  await ctx.close();

  ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  page = await ctx.newPage();
  await signIn(page, 'dwhitfield');
  const main = await page.textContent('main');
  check('Dana Whitfield sees ACC-1001 waiting on her', /ACC-1001/.test(main), main);
  await shot(page, 'web-home-approver');
  await page.click('a[href="/review/ACC-1001"]');
  await page.waitForLoadState();
  const frame = page.locator('iframe[src^="/pdf/ACC-1001/"], object[data^="/pdf/ACC-1001/"], embed[src^="/pdf/ACC-1001/"]');
  check('the review page shows the draft inline', (await frame.count()) === 1);
  const pdf = await page.evaluate(async () => {
    const r = await fetch('/pdf/ACC-1001/draft');
    const b = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...b.slice(0, 5)) };
  });
  check('the draft is served as a PDF', pdf.status === 200 && pdf.type === 'application/pdf' && pdf.head === '%PDF-',
    JSON.stringify(pdf));
  check('the page shows the audit trail', /submit/i.test(await page.textContent('main')));
  const numbers = await page.textContent('dl.numbers');
  check('and the numbers that matter, from the draft\'s data',
    /ARR\s*1,212,000\.00/.test(numbers) && /SLA met\s*74\.2 %/.test(numbers) && /Health\s*unstable/.test(numbers),
    numbers);
  await shot(page, 'web-review');
  await page.fill('form[action="/review/ACC-1001/approve"] [name=comment]', 'Ready for the meeting.');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/review/ACC-1001/approve"] button[type=submit]')]);
  const after = await page.textContent('main');
  check('she approves it in the browser', /approved/i.test(after), after);
  await shot(page, 'web-approved');
  await ctx.storageState({ path: `${work}/dana.json` });
  await ctx.close();

  ctx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  page = await ctx.newPage();
  await signIn(page, 'admin');
  check('the administrator sees every request', /ACC-1001/.test(await page.textContent('main')));
  await shot(page, 'web-home-administrator');
  await page.goto(`${base}/history`);
  check('the history says who did what', /approve/i.test(await page.textContent('main')));
  await shot(page, 'web-history');
  await ctx.close();

  // On a phone.
  ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  page = await ctx.newPage();
  await signIn(page, 'schen');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check('on a phone the page fits its width', wide <= 390, `${wide}px wide`);
  await shot(page, 'web-phone');
  await ctx.close();
}

async function expired(browser) {
  const ctx = await browser.newContext({ storageState: `${work}/dana.json` });
  const page = await ctx.newPage();
  await page.goto(`${base}/review/ACC-1001`);
  const u = new URL(page.url());
  check('an expired session is sent to sign-in', u.pathname === '/sign-in', page.url());
  check('which comes back to the page asked for', u.searchParams.get('next') === '/review/ACC-1001', page.url());
  await ctx.close();
}

const browser = await launch();
try {
  await { people, approve, expired }[phase](browser);
} catch (e) {
  check(`phase ${phase} ran to its end`, false, e.stack || e);
} finally {
  await browser.close();
}
