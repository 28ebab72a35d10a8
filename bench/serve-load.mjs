// The load half of bench/serve-load.sh: 200 signed-in sessions on
// loopback browse their queues and open PDFs while 50 of them approve or
// send back a review; slow and malformed clients come at the same time.
// Bounded: a fixed number of requests per session and a time limit.
// Plain Node.js (http module, keep-alive agents): no npm package.
//
// usage: node serve-load.mjs BASE-URL PEOPLE.JSON ROUNDS SECONDS
// PEOPLE.JSON: [{"id", "invite", "account", "decision"}] where decision is
// "approve", "reject" or "" (a browser only).  Prints one "key value" line
// per figure for serve-load.sh, then "errors N".
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';

const [base, peopleFile, roundsArg, secondsArg] = process.argv.slice(2);
const people = JSON.parse(readFileSync(peopleFile, 'utf8'));
const rounds = Number(roundsArg);
let deadline; // set when the load starts: signing in is not timed by it
const url = new URL(base);
const password = (id) => `load test password for ${id}`;
let errors = 0;
const problems = [];
const problem = (what) => {
  errors++;
  if (problems.length < 20) problems.push(what);
};

// One client per session, each with its own connection(s).
function client() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const cookies = new Map();
  const send = (method, path, form = null) =>
    new Promise((resolve) => {
      const headers = {};
      if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      let body = null;
      if (form) {
        body = new URLSearchParams(form).toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const t0 = process.hrtime.bigint();
      const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          for (const sc of res.headers['set-cookie'] || []) {
            const [kv] = sc.split(';');
            const i = kv.indexOf('=');
            const v = kv.slice(i + 1);
            if (v === '' || /Max-Age=0/i.test(sc)) cookies.delete(kv.slice(0, i));
            else cookies.set(kv.slice(0, i), v);
          }
          resolve({
            status: res.statusCode,
            type: res.headers['content-type'] || '',
            location: res.headers.location,
            body: Buffer.concat(chunks),
            ms: Number(process.hrtime.bigint() - t0) / 1e6,
          });
        });
      });
      req.on('error', (e) => resolve({ status: 0, body: Buffer.from(String(e)), ms: 0 }));
      if (body) req.write(body);
      req.end();
    });
  return { send };
}

const csrfIn = (body) => {
  const m = /name="csrf"\s+value="([^"]+)"|value="([^"]+)"\s+name="csrf"/.exec(body.toString());
  return m ? m[1] || m[2] : null;
};

const times = { html: [], pdf: [] };
function record(kind, r, path) {
  if (r.status !== 200) problem(`${path}: ${r.status}`);
  else times[kind].push(r.ms);
}

async function signUp(p) {
  const c = client();
  const invitePath = new URL(p.invite).pathname;
  let r = await c.send('GET', invitePath);
  r = await c.send('POST', invitePath, { password: password(p.id), password2: password(p.id), csrf: csrfIn(r.body) });
  if (r.status !== 303) problem(`set password ${p.id}: ${r.status}`);
  r = await c.send('GET', '/sign-in');
  r = await c.send('POST', '/sign-in', { who: p.id, password: password(p.id), csrf: csrfIn(r.body) });
  if (r.status !== 303) problem(`sign-in ${p.id}: ${r.status}`);
  p.client = c;
}

const outcomes = { approve: { done: 0, refused: 0 }, reject: { done: 0, refused: 0 } };

// A person reads a page before opening the next: 0.5 to 1.5 s.  Without
// it, 200 clients in a closed loop measure only how long 200 requests
// queue (Little's law: latency = clients / throughput), not a page's time.
const think = () => new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));

async function session(p) {
  const c = p.client;
  await new Promise((r) => setTimeout(r, Math.random() * 1000)); // not all at once
  // The decision comes at a random round, and is posted twice: the second
  // must be refused, never applied again.
  const decideAt = Math.floor(Math.random() * rounds);
  for (let i = 0; i < rounds && Date.now() < deadline; i++) {
    let r = await c.send('GET', '/');
    record('html', r, '/');
    await think();
    if (!p.account) continue;
    r = await c.send('GET', `/review/${p.account}`);
    record('html', r, `/review/${p.account}`);
    await think();
    if (i % 4 === 0) {
      const pdf = await c.send('GET', `/pdf/${p.account}/draft`);
      await think();
      if (pdf.status === 200 && !pdf.body.subarray(0, 5).equals(Buffer.from('%PDF-'))) problem('a PDF that is not one');
      record('pdf', pdf, `/pdf/${p.account}/draft`);
    }
    if (p.decision && i === decideAt) {
      const csrf = csrfIn(r.body);
      for (let k = 0; k < 2; k++) {
        const d = await c.send('POST', `/review/${p.account}/${p.decision}`, { comment: `load test ${k}`, csrf });
        if (d.status === 303 && !String(d.location).startsWith('/sign-in')) outcomes[p.decision].done++;
        else if (d.status === 403) outcomes[p.decision].refused++;
        else problem(`${p.decision} ${p.account}: ${d.status} ${d.body.toString().slice(0, 120)}`);
      }
    }
  }
}

// A client that sends its request line and headers one byte a second: the
// server must cut it, not wait on it, and serve the others meanwhile.
function slowClient() {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = net.connect(Number(url.port), url.hostname);
    const text = 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200) + '\r\n\r\n';
    let i = 0;
    let answer = '';
    const timer = setInterval(() => {
      if (i < text.length && !s.destroyed) s.write(text[i++]);
    }, 1000);
    s.on('data', (d) => (answer += d));
    const end = () => {
      clearInterval(timer);
      resolve({ seconds: (Date.now() - t0) / 1000, status: (/^HTTP\/1\.[01] (\d+)/.exec(answer) || [])[1] || 'closed' });
    };
    s.on('close', end);
    s.on('error', () => {});
    setTimeout(() => s.destroy(), 60000);
  });
}

// A 100 MB POST: answered 413 from its headers, never read.  A raw socket,
// so that the answer is read even when the server closes while the body
// is still being sent (Node's http client reports only the reset then).
function hugePost(expect) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = net.connect(Number(url.port), url.hostname);
    let answer = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const m = /^HTTP\/1\.[01] (\d+)/.exec(answer);
      resolve({ status: m ? Number(m[1]) : 'closed', seconds: (Date.now() - t0) / 1000 });
      s.destroy();
    };
    s.on('data', (d) => {
      answer += d;
      if (/\r\n\r\n/.test(answer)) finish();
    });
    s.on('close', finish);
    s.on('error', finish);
    s.write('POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n'
      + (expect ? 'Expect: 100-continue\r\n' : '')
      + `Content-Length: ${100 * 1024 * 1024}\r\n\r\n`);
    // With Expect (as curl sends it), the body waits for the server's
    // word; without, it follows at once.
    if (expect) return;
    const chunk = Buffer.alloc(64 * 1024, 97);
    let sent = 0;
    const more = () => {
      while (!done && sent < 100 * 1024 * 1024) {
        sent += chunk.length;
        if (!s.write(chunk)) return s.once('drain', more);
      }
    };
    more();
  });
}

// A multipart body whose boundary never comes.
async function brokenMultipart() {
  const c = client();
  let r = await c.send('GET', '/sign-in');
  const csrf = csrfIn(r.body);
  return new Promise((resolve) => {
    const body = `--XYZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--XYZ\r\nContent-Disposition: form-data; name="who"\r\n\r\nnobody`;
    const req = http.request({
      host: url.hostname, port: url.port, method: 'POST', path: '/sign-in',
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
    });
    req.on('error', () => resolve({ status: 'closed' }));
    req.end(body);
  });
}

const pct = (a, p) => {
  if (!a.length) return NaN;
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const t0 = Date.now();
for (let i = 0; i < people.length; i += 20) await Promise.all(people.slice(i, i + 20).map(signUp));
const signUpSeconds = (Date.now() - t0) / 1000;
console.log(`signed-in ${people.filter((p) => p.client).length} ${signUpSeconds.toFixed(1)}`);
console.log(`load-start ${Date.now() / 1000}`);

deadline = Date.now() + Number(secondsArg) * 1000;
const slow = [slowClient(), slowClient(), slowClient()];
const t1 = Date.now();
const [huge, hugeExpect, broken] = await Promise.all([hugePost(false), hugePost(true), brokenMultipart(),
  ...people.map(session)]);
const loadSeconds = (Date.now() - t1) / 1000;
const slowResults = await Promise.all(slow);
console.log(`load-end ${Date.now() / 1000}`);

const n = times.html.length + times.pdf.length;
console.log(`requests ${n} ${loadSeconds.toFixed(1)} ${(n / loadSeconds).toFixed(0)}`);
console.log(`html ${pct(times.html, 50).toFixed(1)} ${pct(times.html, 99).toFixed(1)} ${times.html.length}`);
console.log(`pdf ${pct(times.pdf, 50).toFixed(1)} ${pct(times.pdf, 99).toFixed(1)} ${times.pdf.length}`);
console.log(`approve ${outcomes.approve.done} ${outcomes.approve.refused}`);
console.log(`reject ${outcomes.reject.done} ${outcomes.reject.refused}`);
console.log(`slow ${slowResults.map((s) => `${s.status}/${s.seconds.toFixed(0)}s`).join(' ')}`);
console.log(`huge ${huge.status} ${huge.seconds.toFixed(2)} ${hugeExpect.status} ${hugeExpect.seconds.toFixed(2)}`);
console.log(`multipart ${broken.status}`);
for (const p of problems) console.log(`problem ${p}`);
console.log(`errors ${errors}`);
process.exit(0);
